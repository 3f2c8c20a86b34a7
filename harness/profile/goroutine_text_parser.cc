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

// Headers with parts a newer Go prints: one warning per dump, not an error
// per goroutine, because the goroutines and their stacks are still read.
struct UnknownParts {
  int64_t headers = 0;
  int64_t first_line = 0;
  std::string first_text;

  void Note(int64_t line, const std::string& text) {
    if (headers++ == 0) {
      first_line = line;
      first_text = text.substr(0, 60);
    }
  }
  void Report(SnapshotBuilder* builder) const {
    if (headers == 0) return;
    builder->AddWarning(first_line, std::to_string(headers) +
                                        " goroutine headers carry parts leakrig does not "
                                        "know (first: \"" +
                                        first_text + "\"); kept as annotations, the goroutines are counted");
  }
};

// What the next line of an open record may be.
enum class Expect {
  kFrameOrEnd,     // a function line, "created by", a blank, a header
  kFileOfFrame,    // the "\tfile:line" of the function line just read
  kFileOfCreator,  // the "\tfile:line" of the "created by" line
  kEnd,            // the record is complete: a blank line or a header
};

class RecordReader {
 public:
  RecordReader(bool surrounded, SnapshotBuilder* builder) : surrounded_(surrounded), builder_(builder) {}

  void Read(std::string_view data) {
    LineReader reader(data);
    Line line;
    while (reader.Next(&line)) {
      last_ = line;
      // A record's unterminated last line is a cut one: Finish drops it.
      if (open_ && !line.terminated) break;
      if (open_) {
        OnRecordLine(line);
      } else {
        OnOutsideLine(line);
      }
    }
    Finish(data.size());
    unknown_.Report(builder_);
  }

 private:
  void OnOutsideLine(const Line& line);
  bool TryStartRecord(const Line& line);
  void OnRecordLine(const Line& line);
  bool OnMarkerLine(const Line& line);
  void OnFileLine(const Line& line);
  void RejectLine(const Line& line, std::string_view expected);
  void CommitRecord();
  void Finish(size_t size);

  const bool surrounded_;
  SnapshotBuilder* const builder_;
  bool open_ = false;
  bool skipping_ = false;  // in a run of bad lines already reported once
  Expect expect_ = Expect::kFrameOrEnd;
  Goroutine current_;
  std::vector<FrameId> frames_;
  std::string_view pending_function_;
  std::string annotation_;  // the open record's unknown header parts
  UnknownParts unknown_;
  Line last_;
};

void RecordReader::OnOutsideLine(const Line& line) {
  if (TryStartRecord(line)) return;
  if (line.text.empty()) {
    skipping_ = false;
    return;
  }
  if (surrounded_ || skipping_) return;
  builder_->AddError(line.number, "expected a goroutine header, got \"" + std::string(line.text.substr(0, 60)) + "\"");
  skipping_ = true;
}

bool RecordReader::TryStartRecord(const Line& line) {
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

void RecordReader::OnRecordLine(const Line& line) {
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
bool RecordReader::OnMarkerLine(const Line& line) {
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

void RecordReader::OnFileLine(const Line& line) {
  FileLine file_line;
  if (!ParseFileLine(line.text, &file_line)) {
    RejectLine(line, "a \"\\tfile:line\" line");
    return;
  }
  const FrameId frame = builder_->InternFrame(pending_function_, file_line.file, file_line.line);
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
void RecordReader::RejectLine(const Line& line, std::string_view expected) {
  if (!surrounded_) {
    builder_->AddError(line.number,
                       "expected " + std::string(expected) + ", got \"" + std::string(line.text.substr(0, 60)) + "\"");
  }
  CommitRecord();
  skipping_ = !surrounded_;
  OnOutsideLine(line);
}

void RecordReader::CommitRecord() {
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
void RecordReader::Finish(size_t size) {
  const bool awaiting_file = expect_ == Expect::kFileOfFrame || expect_ == Expect::kFileOfCreator;
  const bool cut_record = open_ && (awaiting_file || !last_.terminated);
  const bool cut_text = !surrounded_ && (size == kGoroutineStacksLimit || !last_.terminated);
  if (!cut_record && !cut_text) {
    CommitRecord();
    return;
  }
  builder_->SetTruncated();
  std::string message = "dump cut off";
  if (open_)
    message += "; dropped the partial record of goroutine " + std::to_string(current_.id) + " (line " +
               std::to_string(current_.line) + ")";
  builder_->AddError(last_.number, std::move(message));
  open_ = false;
}

}  // namespace

void ParseGoroutineText(std::string_view data, bool surrounded, SnapshotBuilder* builder) {
  RecordReader(surrounded, builder).Read(data);
}

}  // namespace leakrig::profile
