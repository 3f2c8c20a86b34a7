// Copyright leakrig authors.

#include "profile/goroutine_lines.h"

#include <algorithm>

#include "profile/snapshot.h"
#include "profile/text_scan.h"

namespace leakrig::profile {
namespace {

constexpr int32_t kMaxMinutes = 1 << 30;

// Splits the state's own flags off its end: "chan send (leaked)".
void ParseStateFlags(std::string_view* state, uint8_t* flags) {
  if (ConsumeSuffix(state, " (scan)")) *flags |= kScan;
  if (ConsumeSuffix(state, " (leaked)")) *flags |= kLeaked;
}

// One ", "-separated part after the state.
void ParseStateDetail(std::string_view part, GoroutineHeader* header) {
  int64_t minutes = 0;
  if (part == "locked to thread") {
    header->flags |= kLockedToThread;
  } else if (ConsumeSuffix(&part, " minutes") && ParseDecimal(part, &minutes)) {
    header->minutes =
        static_cast<int32_t>(std::min<int64_t>(minutes, kMaxMinutes));
  }
  // Anything else ("synctest bubble 3", future additions) carries nothing
  // leakrig uses, so it is skipped rather than rejected.
}

// Parses what sits between '[' and ']': state, details, runtime labels.
bool ParseBracket(std::string_view inside, GoroutineHeader* header) {
  if (const size_t at = inside.find(" labels:{"); at != inside.npos) {
    header->labels = inside.substr(at + 8);
    inside = inside.substr(0, at);
  }
  size_t comma = inside.find(", ");
  std::string_view state = inside.substr(0, comma);
  ParseStateFlags(&state, &header->flags);
  if (state.empty()) return false;
  header->state = state;
  while (comma != inside.npos) {
    inside.remove_prefix(comma + 2);
    comma = inside.find(", ");
    ParseStateDetail(inside.substr(0, comma), header);
  }
  return true;
}

}  // namespace

bool ParseGoroutineHeader(std::string_view line, GoroutineHeader* header) {
  if (!ConsumePrefix(&line, "goroutine ")) return false;
  *header = GoroutineHeader{};
  if (!ConsumeDecimal(&line, &header->id)) return false;
  // Skip " gp=... m=... mp=..." (crash tracebacks) up to the bracket.
  const size_t open = line.find(" [");
  if (open == line.npos || line.substr(0, open).find('[') != line.npos) {
    return false;
  }
  line.remove_prefix(open + 2);
  if (ConsumeSuffix(&line, "]:")) return ParseBracket(line, header);
  // FACTS.md form: "[select] {k: v}:".
  const size_t close = line.find("] {");
  if (close == line.npos || !line.ends_with("}:")) return false;
  header->labels = line.substr(close + 2, line.size() - close - 3);
  return ParseBracket(line.substr(0, close), header);
}

bool ParseFunctionLine(std::string_view line, std::string_view* function) {
  if (line.size() < 3 || line.back() != ')') return false;
  const size_t open = line.rfind('(');
  if (open == 0 || open == line.npos) return false;
  const std::string_view name = line.substr(0, open);
  if (name.find_first_of(" \t") != name.npos) return false;
  *function = name;
  return true;
}

bool ParseFileLine(std::string_view line, FileLine* file_line) {
  if (!ConsumePrefix(&line, "\t")) return false;
  const size_t colon = line.rfind(':');
  if (colon == 0 || colon == line.npos) return false;
  std::string_view rest = line.substr(colon + 1);
  int64_t number = 0;
  if (!ConsumeDecimal(&rest, &number) || number > INT32_MAX) return false;
  if (!rest.empty() && rest.front() != ' ') return false;
  file_line->file = line.substr(0, colon);
  file_line->line = static_cast<int32_t>(number);
  return true;
}

bool ParseCreatedByLine(std::string_view line, CreatedBy* created_by) {
  if (!ConsumePrefix(&line, "created by ")) return false;
  *created_by = CreatedBy{};
  if (const size_t in = line.find(" in goroutine "); in != line.npos) {
    std::string_view id = line.substr(in + 14);
    if (!ParseDecimal(id, &created_by->goroutine_id)) return false;
    line = line.substr(0, in);
  }
  if (line.empty() || line.find_first_of(" \t") != line.npos) return false;
  created_by->function = line;
  return true;
}

bool IsElisionLine(std::string_view line) {
  return line.starts_with("...") && line.ends_with(" elided...");
}

}  // namespace leakrig::profile
