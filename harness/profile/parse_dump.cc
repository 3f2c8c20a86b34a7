#include "profile/parse_dump.h"

#include <algorithm>
#include <utility>

#include "profile/aggregated_parser.h"
#include "profile/goroutine_dump_stream.h"
#include "profile/goroutine_lines.h"
#include "profile/goroutine_text_parser.h"
#include "profile/proto_parser.h"
#include "profile/snapshot_builder.h"
#include "text/text_scan.h"

namespace leakrig::profile {

using text::Line;
using text::LineReader;
using text::TrimSpace;

namespace {

// The runtime's last words when no goroutine can run (runtime/proc.go).
constexpr std::string_view kDeadlockLine = "fatal error: all goroutines are asleep - deadlock!";

// Text dumps hold tabs, newlines and printable bytes; a proto's first bytes
// are field tags and lengths. A raw Go profile starts 0x0a LEN 0x08: the
// sample_type field holding a ValueType whose first field is `type`.
bool LooksBinary(std::string_view data) {
  if (data.size() >= 3 && data[0] == 0x0a && data[2] == 0x08) return true;
  const std::string_view head = data.substr(0, 512);
  return std::any_of(head.begin(), head.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b);
  });
}

bool IsGoroutineHeader(std::string_view line) {
  GoroutineHeader header;
  return ParseGoroutineHeader(line, &header);
}

// The first non-blank line decides for profiles and debug=2 dumps.
DumpFormat FormatOfFirstLine(std::string_view line) {
  if (line.starts_with("goroutine profile: total ")) {
    return DumpFormat::kAggregated;
  }
  if (line.starts_with("goroutineleak profile: total ")) {
    return DumpFormat::kLeakAggregated;
  }
  if (IsGoroutineHeader(line)) return DumpFormat::kGoroutines;
  return DumpFormat::kUnknown;
}

// Skips leading blank lines so a dump pasted after an empty line still reads.
std::string_view SkipBlankLines(std::string_view data) {
  LineReader reader(data);
  Line line;
  size_t consumed = 0;
  while (reader.Next(&line) && TrimSpace(line.text).empty()) {
    consumed = static_cast<size_t>(line.text.data() - data.data()) + line.text.size() + 1;
  }
  return data.substr(std::min(consumed, data.size()));
}

}  // namespace

DumpFormat DetectFormat(std::string_view data) {
  if (IsGzip(data) || LooksBinary(data)) return DumpFormat::kProto;
  LineReader reader(SkipBlankLines(data));
  Line line;
  if (!reader.Next(&line)) return DumpFormat::kUnknown;
  if (const DumpFormat format = FormatOfFirstLine(line.text); format != DumpFormat::kUnknown) {
    return format;
  }
  while (reader.Next(&line)) {
    if (line.text.starts_with("goroutine ") && IsGoroutineHeader(line.text)) {
      return DumpFormat::kTraceback;
    }
  }
  return DumpFormat::kUnknown;
}

bool StartsAsGoroutineDump(std::string_view head) {
  if (IsGzip(head) || LooksBinary(head)) return false;
  LineReader reader(SkipBlankLines(head));
  Line line;
  return reader.Next(&line) && line.terminated && FormatOfFirstLine(line.text) == DumpFormat::kGoroutines;
}

Snapshot ParseDump(std::string_view data, const ParseOptions& options) {
  const DumpFormat format = DetectFormat(data);
  if (format == DumpFormat::kGoroutines && options.threads > 1) {
    GoroutineDumpStream stream(options.threads);
    const size_t consumed = stream.Feed(data);
    return std::move(stream).Finish(data.substr(consumed));
  }
  SnapshotBuilder builder;
  builder.SetFormat(format);
  switch (format) {
    case DumpFormat::kAggregated:
    case DumpFormat::kLeakAggregated:
      ParseAggregated(data, &builder);
      break;
    case DumpFormat::kGoroutines:
    case DumpFormat::kLeakGoroutines:
    case DumpFormat::kTraceback:
      ParseGoroutineText(data, format == DumpFormat::kTraceback, &builder);
      break;
    case DumpFormat::kProto:
    case DumpFormat::kProtoDelta:
      ParseProto(data, &builder);
      break;
    case DumpFormat::kUnknown:
      builder.AddError(data.empty() ? 0 : 1, data.empty() ? "empty input"
                                                          : "not a goroutine dump: no profile "
                                                            "header and no goroutine header");
      break;
  }
  if (format == DumpFormat::kLeakAggregated) builder.MarkAllLeaked();
  if (format == DumpFormat::kTraceback && data.find(kDeadlockLine) != std::string_view::npos) {
    builder.SetDeadlocked();
  }
  builder.RefineLeakFormat();
  return std::move(builder).Finish();
}

}  // namespace leakrig::profile
