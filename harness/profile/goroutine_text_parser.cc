#include "profile/goroutine_text_parser.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "profile/goroutine_lines.h"
#include "text/text_scan.h"

namespace leakrig::profile {

using text::Line;
using text::LineReader;

namespace {

// The unknown parts of a header, joined by "; " ("" when none).
std::string UnknownPartsText(const GoroutineHeader& header) {
  std::string text;
  const int kept = std::min(header.unknown_count, kMaxUnknownParts);
  for (int i = 0; i < kept; ++i) {
    if (i > 0) text += "; ";
    text += header.unknown[i];
  }
  if (header.unknown_count > kept) {
    text += "; " + std::to_string(header.unknown_count - kept) + " more";
  }
  return text;
}

}  // namespace

void UnknownParts::Note(int64_t line, const std::string& text) {
  if (headers++ == 0) {
    first_line = line;
    first_text = text.substr(0, 60);
  }
}

void UnknownParts::Add(const UnknownParts& later, int64_t lines_before) {
  if (later.headers == 0) return;
  if (headers == 0) {
    first_line = later.first_line + lines_before;
    first_text = later.first_text;
  }
  headers += later.headers;
}

void UnknownParts::Report(SnapshotBuilder* builder) const {
  if (headers == 0) return;
  builder->AddWarning(first_line, std::to_string(headers) +
                                      " goroutine headers carry parts leakrig does not "
                                      "know (first: \"" +
                                      first_text + "\"); kept as annotations, the goroutines are counted");
}

void GoroutineRecordReader::ReadLines(std::string_view data) {
  LineReader reader(data, lines_before_);
  Line line;
  while (reader.Next(&line)) {
    // Two scalars, not the Line: copying the struct each line stalled on
    // its just-written fields (no store forwarding), a fifth of parsing.
    last_line_ = line.number;
    last_terminated_ = line.terminated;
    // A record's unterminated last line is a cut one: Finish drops it.
    if (open_ && !line.terminated) break;
    if (open_) {
      OnRecordLine(line);
    } else {
      OnOutsideLine(line);
    }
  }
}

void GoroutineRecordReader::OnOutsideLine(const Line& line) {
  if (TryStartRecord(line)) return;
  if (line.text.empty()) {
    skipping_ = false;
    return;
  }
  if (surrounded_ || skipping_) return;
  builder_->AddError(line.number, "expected a goroutine header, got \"" + std::string(line.text.substr(0, 60)) + "\"");
  skipping_ = true;
}

bool GoroutineRecordReader::TryStartRecord(const Line& line) {
  GoroutineHeader header;
  if (!ParseGoroutineHeader(line.text, &header)) return false;
  current_ = Goroutine{};
  current_.id = header.id;
  current_.line = line.number;
  current_.state = builder_->Intern(header.state);
  current_.minutes = header.minutes;
  current_.flags = header.flags;
  if (!header.labels.empty()) {
    current_.labels = builder_->InternLabelText(line.number, header.labels);
  }
  annotation_ = UnknownPartsText(header);
  if (!annotation_.empty()) unknown_.Note(line.number, annotation_);
  open_ = true;
  skipping_ = false;
  expect_ = Expect::kFrameOrEnd;
  return true;
}

void GoroutineRecordReader::OnRecordLine(const Line& line) {
  if (expect_ == Expect::kFileOfFrame || expect_ == Expect::kFileOfCreator) {
    OnFileLine(line);
    return;
  }
  if (line.text.empty() || line.text.starts_with("goroutine ")) {
    CommitRecord();
    OnOutsideLine(line);
    return;
  }
  if (expect_ == Expect::kEnd) {
    RejectLine(line, "a blank line after \"created by\"");
    return;
  }
  if (OnMarkerLine(line)) return;
  CreatedBy created_by;
  if (ParseCreatedByLine(line.text, &created_by)) {
    pending_function_ = created_by.function;
    current_.creator_id = created_by.goroutine_id;
    expect_ = Expect::kFileOfCreator;
  } else if (ParseFunctionLine(line.text, &pending_function_)) {
    expect_ = Expect::kFileOfFrame;
  } else {
    RejectLine(line, "a function call or \"created by\" line");
  }
}

// The two lines that stand in for frames: elision and an unavailable stack.
bool GoroutineRecordReader::OnMarkerLine(const Line& line) {
  if (IsElisionLine(line.text)) {
    frames_.push_back(builder_->InternFrame("...", "", 0));
    current_.flags |= kFramesElided;
    return true;
  }
  if (line.text == kStackUnavailableLine) {
    current_.flags |= kStackUnavailable;
    return true;
  }
  return false;
}

void GoroutineRecordReader::OnFileLine(const Line& line) {
  FileLine file_line;
  if (!ParseFileLine(line.text, &file_line)) {
    RejectLine(line, "a \"\\tfile:line\" line");
    return;
  }
  using Place = SnapshotBuilder::FramePlace;
  const FrameId above = frames_.empty() ? kNoFrame : frames_.back();
  const Place place = expect_ == Expect::kFileOfCreator ? Place::kCreator
                      : above == kNoFrame               ? Place::kFirst
                                                        : Place::kBelow;
  const uint32_t after = place == Place::kFirst ? current_.state : above;
  const FrameId frame = builder_->InternFrameAt(place, after, pending_function_, file_line.file, file_line.line);
  if (expect_ == Expect::kFileOfFrame) {
    frames_.push_back(frame);
    expect_ = Expect::kFrameOrEnd;
  } else {
    current_.created_by = frame;
    expect_ = Expect::kEnd;
  }
}

// In a traceback an unexpected line is the text after the records: it ends
// the record quietly. In debug=2 it is an error, reported once per run.
void GoroutineRecordReader::RejectLine(const Line& line, std::string_view expected) {
  if (!surrounded_) {
    builder_->AddError(line.number,
                       "expected " + std::string(expected) + ", got \"" + std::string(line.text.substr(0, 60)) + "\"");
  }
  CommitRecord();
  skipping_ = !surrounded_;
  OnOutsideLine(line);
}

void GoroutineRecordReader::CommitRecord() {
  if (!open_) return;
  current_.stack = builder_->InternStack(frames_);
  builder_->AddGoroutine(current_);
  if (!annotation_.empty()) builder_->AddAnnotation(current_.line, annotation_);
  open_ = false;
  frames_.clear();
  expect_ = Expect::kFrameOrEnd;
}

// Decides whether the data stopped inside a record. runtime.Stack stops at
// exactly 64 MiB, so a debug=2 dump of that size is cut even when the cut
// fell on a line end.
void GoroutineRecordReader::Finish(size_t dump_size) {
  const bool awaiting_file = expect_ == Expect::kFileOfFrame || expect_ == Expect::kFileOfCreator;
  const bool cut_record = open_ && (awaiting_file || !last_terminated_);
  const bool cut_text = !surrounded_ && (dump_size == kGoroutineStacksLimit || !last_terminated_);
  if (!cut_record && !cut_text) {
    CommitRecord();
    return;
  }
  builder_->SetTruncated();
  std::string message = "dump cut off";
  if (open_)
    message += "; dropped the partial record of goroutine " + std::to_string(current_.id) + " (line " +
               std::to_string(current_.line) + ")";
  builder_->AddError(last_line_, std::move(message));
  open_ = false;
}

void ParseGoroutineText(std::string_view data, bool surrounded, SnapshotBuilder* builder) {
  GoroutineRecordReader reader(surrounded, 0, builder);
  reader.ReadLines(data);
  reader.Finish(data.size());
  reader.unknown().Report(builder);
}

}  // namespace leakrig::profile
