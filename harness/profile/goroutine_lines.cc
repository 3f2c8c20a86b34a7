#include "profile/goroutine_lines.h"

#include <algorithm>

#include "profile/go_quote.h"
#include "profile/snapshot.h"
#include "text/text_scan.h"

namespace leakrig::profile {

using text::ConsumeDecimal;
using text::ConsumePrefix;
using text::ConsumeSuffix;
using text::ParseDecimal;

namespace {

constexpr int32_t kMaxMinutes = 1 << 30;
constexpr std::string_view kInsideLabels = " labels:{";

// Splits the state's own flags off its end, in the reverse of the order the
// runtime prints them: "chan send (leaked) (scan)". "(durable)" is also the
// end of some wait reasons' names ("chan receive (durable)"): the state
// drops it either way, so a durable wait reads like its plain form.
void ParseStateFlags(std::string_view* state, uint8_t* flags) {
  if (ConsumeSuffix(state, " (durable)")) *flags |= kDurable;
  if (ConsumeSuffix(state, " (scan)")) *flags |= kScan;
  if (ConsumeSuffix(state, " (leaked)")) *flags |= kLeaked;
}

// Consumes one part of the bracket: up to ", ", "]" or Go 1.26's labels.
// Stops at the first of them, so each byte is looked at once.
std::string_view ConsumeBracketPart(std::string_view* text) {
  size_t i = 0;
  for (; i < text->size(); ++i) {
    const char c = (*text)[i];
    if (c == ']') break;
    if (c == ',' && text->substr(i + 1).starts_with(' ')) break;
    if (c == ' ' && text->substr(i).starts_with(kInsideLabels)) break;
  }
  const std::string_view part = text->substr(0, i);
  text->remove_prefix(i);
  return part;
}

// One ", "-separated part after the state: "3 minutes".
void ParseStateDetail(std::string_view part, GoroutineHeader* header) {
  int64_t number = 0;
  std::string_view rest = part;
  if (part == "locked to thread") {
    header->flags |= kLockedToThread;
  } else if (ConsumeSuffix(&rest, " minutes") && ParseDecimal(rest, &number)) {
    header->minutes = static_cast<int32_t>(std::min<int64_t>(number, kMaxMinutes));
  } else if (ConsumePrefix(&rest, "synctest bubble ") && ParseDecimal(rest, &number)) {
    header->flags |= kInBubble;
    header->bubble = number;
  } else {
    header->AddUnknown(part);
  }
}

// A label set at the front of *text. One that is never closed (a cut or
// garbled line) takes the text up to `closer` ("]" inside the bracket), so
// that parsing the labels reports it with the line number instead of losing
// the goroutine.
void ConsumeLabels(std::string_view* text, std::string_view closer, GoroutineHeader* header) {
  if (ConsumeLabelSetText(text, &header->labels)) return;
  const size_t keep = text->ends_with(closer) ? text->size() - closer.size() : text->size();
  header->labels = text->substr(0, keep);
  text->remove_prefix(keep);
}

// Consumes "[STATE, DETAIL... labels:{...}]".
bool ConsumeBracket(std::string_view* text, GoroutineHeader* header) {
  if (!ConsumePrefix(text, "[")) return false;
  std::string_view state = ConsumeBracketPart(text);
  ParseStateFlags(&state, &header->flags);
  if (state.empty()) return false;
  header->state = state;
  while (!ConsumePrefix(text, "]")) {
    if (text->empty()) return false;
    if (ConsumePrefix(text, ", ")) {
      ParseStateDetail(ConsumeBracketPart(text), header);
    } else if (text->starts_with(kInsideLabels)) {
      text->remove_prefix(kInsideLabels.size() - 1);
      ConsumeLabels(text, "]", header);
    } else {
      header->AddUnknown(ConsumeBracketPart(text));
    }
  }
  return true;
}

// One blank-separated word: "gp=0xc000007c00".
std::string_view ConsumeWord(std::string_view* text) {
  const size_t end = std::min(text->find(' '), text->size());
  const std::string_view word = text->substr(0, end);
  text->remove_prefix(end);
  return word;
}

// Consumes " gp=P m=N mp=P" or " gp=P m=nil" (crashes, GOTRACEBACK=system)
// up to " [". A word holding '[' is not a header's.
bool ConsumeMachineParts(std::string_view* text, GoroutineHeader* header) {
  while (ConsumePrefix(text, " ")) {
    if (text->starts_with('[')) return true;
    const std::string_view word = ConsumeWord(text);
    if (word.empty() || word.find('[') != word.npos) return false;
    if (!word.starts_with("gp=") && !word.starts_with("m=") && !word.starts_with("mp=")) {
      header->AddUnknown(word);
    }
  }
  return false;
}

// Consumes what follows the bracket: Go 1.27's " {k: v}" and unknown words.
void ConsumeTrailingParts(std::string_view* text, GoroutineHeader* header) {
  while (!text->empty()) {
    if (!ConsumePrefix(text, " ")) {
      header->AddUnknown(*text);  // glued to the bracket: "]x"
      return;
    }
    if (text->starts_with('{') && header->labels.empty()) {
      ConsumeLabels(text, "", header);
    } else if (const std::string_view word = ConsumeWord(text); !word.empty()) {
      header->AddUnknown(word);
    }
  }
}

// A function name holds no blank. A plain loop: string_view::find_first_of
// calls memchr on its set once per byte, which was a seventh of parsing.
bool HasBlank(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

bool ParseGoroutineHeader(std::string_view line, GoroutineHeader* header) {
  if (!ConsumePrefix(&line, "goroutine ")) return false;
  *header = GoroutineHeader{};
  if (!ConsumeDecimal(&line, &header->id)) return false;
  if (!ConsumeSuffix(&line, ":")) return false;
  if (!ConsumeMachineParts(&line, header)) return false;
  if (!ConsumeBracket(&line, header)) return false;
  ConsumeTrailingParts(&line, header);
  return true;
}

bool ParseFunctionLine(std::string_view line, std::string_view* function) {
  if (line.size() < 3 || line.back() != ')') return false;
  const size_t open = line.rfind('(');
  if (open == 0 || open == line.npos) return false;
  const std::string_view name = line.substr(0, open);
  if (HasBlank(name)) return false;
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
  if (line.empty() || HasBlank(line)) return false;
  created_by->function = line;
  return true;
}

bool IsElisionLine(std::string_view line) { return line.starts_with("...") && line.ends_with(" elided..."); }

}  // namespace leakrig::profile
