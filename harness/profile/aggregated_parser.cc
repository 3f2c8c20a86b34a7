#include "profile/aggregated_parser.h"

#include <string>
#include <utility>
#include <vector>

#include "text/text_scan.h"

namespace leakrig::profile {

using text::ConsumeDecimal;
using text::ConsumePrefix;
using text::Line;
using text::LineReader;
using text::ParseDecimal;
using text::TrimSpace;

namespace {

// "#\t0x4dc1fd\tmain.send+0x1d\t/tmp/q/main.go:11": tab runs separate the
// columns (a tabwriter aligned them). A PC-only line is a frame whose
// function the runtime could not name.
bool ParseAggregatedFrame(std::string_view line, std::string_view* function, std::string_view* file, int32_t* number) {
  if (!ConsumePrefix(&line, "#\t")) return false;
  const size_t pc_end = line.find('\t');
  if (pc_end == line.npos) {
    *function = "?";
    *file = "";
    *number = 0;
    return line.starts_with("0x");
  }
  const size_t name_begin = line.find_first_not_of('\t', pc_end);
  if (name_begin == line.npos) return false;
  line.remove_prefix(name_begin);
  const size_t name_end = line.find('\t');
  if (name_end == line.npos) return false;
  std::string_view name = line.substr(0, name_end);
  if (const size_t plus = name.rfind("+0x"); plus != name.npos) {
    name = name.substr(0, plus);
  }
  std::string_view location = TrimSpace(line.substr(name_end));
  const size_t colon = location.rfind(':');
  int64_t value = 0;
  if (name.empty() || colon == location.npos || !ParseDecimal(location.substr(colon + 1), &value) ||
      value > INT32_MAX) {
    return false;
  }
  *function = name;
  *file = location.substr(0, colon);
  *number = static_cast<int32_t>(value);
  return true;
}

class BlockReader {
 public:
  explicit BlockReader(SnapshotBuilder* builder) : builder_(builder) {}

  void Read(std::string_view data);

 private:
  void OnHeader(const Line& line);
  void OnLine(const Line& line);
  bool StartBlock(const Line& line);
  void OnLabels(const Line& line, std::string_view text);
  void Reject(const Line& line, std::string_view expected);
  void CommitBlock();
  void Finish(const Line& last);

  SnapshotBuilder* const builder_;
  bool open_ = false;
  bool skipping_ = false;
  Goroutine current_;
  std::vector<FrameId> frames_;
  int64_t read_total_ = 0;
};

void BlockReader::Read(std::string_view data) {
  LineReader reader(data);
  Line line;
  do {
    if (!reader.Next(&line)) return;
  } while (TrimSpace(line.text).empty());
  OnHeader(line);
  Line last = line;
  while (reader.Next(&line)) {
    last = line;
    if (!line.terminated) break;  // a cut line: Finish drops its block
    OnLine(line);
  }
  Finish(last);
}

// "goroutine profile: total 14"
void BlockReader::OnHeader(const Line& line) {
  std::string_view text = line.text;
  const size_t at = text.find(" profile: total ");
  int64_t total = 0;
  if (at == text.npos || !ParseDecimal(text.substr(at + 16), &total)) {
    builder_->AddError(line.number, "expected \"goroutine profile: total N\"");
    return;
  }
  builder_->SetDeclaredTotal(total);
}

void BlockReader::OnLine(const Line& line) {
  if (!open_) {
    if (line.text.empty()) {
      skipping_ = false;
    } else if (!StartBlock(line) && !skipping_) {
      Reject(line, "a \"COUNT @ PCs\" line");
    }
    return;
  }
  std::string_view text = line.text;
  if (text.empty()) {
    CommitBlock();
  } else if (ConsumePrefix(&text, "# labels: ")) {
    OnLabels(line, text);
  } else {
    std::string_view function, file;
    int32_t number = 0;
    if (!ParseAggregatedFrame(text, &function, &file, &number)) {
      Reject(line, "a \"#\\tPC\\tfunction+offset\\tfile:line\" line");
      return;
    }
    frames_.push_back(builder_->InternFrame(function, file, number));
  }
}

// "3 @ 0x47d92e 0x41491c 0x414517"
bool BlockReader::StartBlock(const Line& line) {
  std::string_view text = line.text;
  int64_t count = 0;
  if (!ConsumeDecimal(&text, &count) || !text.starts_with(" @")) return false;
  current_ = Goroutine{};
  current_.count = count;
  current_.line = line.number;
  open_ = true;
  return true;
}

void BlockReader::OnLabels(const Line& line, std::string_view text) {
  current_.labels = builder_->InternLabelText(line.number, text);
}

void BlockReader::Reject(const Line& line, std::string_view expected) {
  builder_->AddError(line.number,
                     "expected " + std::string(expected) + ", got \"" + std::string(line.text.substr(0, 60)) + "\"");
  CommitBlock();
  skipping_ = true;
}

void BlockReader::CommitBlock() {
  if (!open_) return;
  current_.stack = builder_->InternStack(frames_);
  builder_->AddGoroutine(current_);
  read_total_ += current_.count;
  open_ = false;
  frames_.clear();
}

// Every block ends with a blank line, so an open block at the end was cut.
// The header's total is the number of goroutines in the blocks.
void BlockReader::Finish(const Line& last) {
  if (open_ || !last.terminated) {
    builder_->SetTruncated();
    builder_->AddError(last.number, "dump cut off; dropped the partial block at line " + std::to_string(current_.line));
    open_ = false;
  }
  const int64_t declared = builder_->snapshot().declared_total();
  if (declared >= 0 && declared != read_total_) {
    if (read_total_ < declared) builder_->SetTruncated();
    builder_->AddError(last.number, "blocks hold " + std::to_string(read_total_) + " goroutines, header says " +
                                        std::to_string(declared));
  }
}

}  // namespace

void ParseAggregated(std::string_view data, SnapshotBuilder* builder) { BlockReader(builder).Read(data); }

}  // namespace leakrig::profile
