#include "sweep/schedtrace.h"

#include <algorithm>
#include <iterator>

#include "text/text_scan.h"

namespace leakrig::sweep {
namespace {

using text::ConsumeDecimal;
using text::ConsumePrefix;
using text::ParseDecimal;
using Tokens = std::vector<std::string_view>;

struct Field {
  std::string_view name;
  int64_t SchedSample::*member;
};

// The plain counters; every runtime since Go 1.5 prints all of them.
constexpr Field kFields[] = {
    {"gomaxprocs", &SchedSample::gomaxprocs},   {"idleprocs", &SchedSample::idleprocs},
    {"threads", &SchedSample::threads},         {"spinningthreads", &SchedSample::spinningthreads},
    {"idlethreads", &SchedSample::idlethreads}, {"runqueue", &SchedSample::runqueue},
};
constexpr size_t kFieldCount = std::size(kFields);

std::optional<SchedSample> Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return std::nullopt;
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool IsBracket(char c) { return c == '[' || c == ']'; }

// Splits the fields into words and brackets, so that "[0 1]", "[ 0 1 ]" and
// "schedticks=[ 0 1 ]" all yield the same kind of tokens.
Tokens Tokenize(std::string_view text) {
  Tokens tokens;
  size_t i = 0;
  while (i < text.size()) {
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    if (!IsBracket(text[i])) {
      while (end < text.size() && !IsSpace(text[end]) && !IsBracket(text[end])) ++end;
    }
    tokens.push_back(text.substr(i, end - i));
    i = end;
  }
  return tokens;
}

// Reads "[ 1 2 3 ]" from tokens[*i] == "[" and leaves *i past the "]".
bool ReadList(const Tokens& tokens, size_t* i, std::vector<int64_t>* out, std::string* error) {
  out->clear();
  for (++*i; *i < tokens.size(); ++*i) {
    if (tokens[*i] == "]") {
      ++*i;
      return true;
    }
    int64_t value = 0;
    if (!ParseDecimal(tokens[*i], &value)) {
      *error = "\"" + std::string(tokens[*i]) + "\" in a [ ] list is not a number";
      return false;
    }
    out->push_back(value);
  }
  *error = "a [ list is not closed";
  return false;
}

// Applies "key=value" and marks the counter seen. Known keys need a number;
// unknown ones any value (scheddetail=1 adds "gcwaiting=false").
bool SetField(std::string_view token, SchedSample* s, bool seen[kFieldCount], std::string* error) {
  size_t eq = token.find('=');
  if (eq == 0 || eq == std::string_view::npos || eq + 1 == token.size()) {
    *error = "\"" + std::string(token) + "\" is not key=value";
    return false;
  }
  std::string_view key = token.substr(0, eq);
  int64_t* target = nullptr;
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (kFields[f].name != key) continue;
    target = &(s->*kFields[f].member);
    seen[f] = true;
  }
  if (key == "needspinning") target = &s->needspinning.emplace();
  if (target != nullptr && !ParseDecimal(token.substr(eq + 1), target)) {
    *error = "\"" + std::string(token) + "\": the value is not a number";
    return false;
  }
  return true;
}

// Reads the fields after "SCHED <N>ms:" into *s.
bool ReadFields(const Tokens& tokens, SchedSample* s, bool seen[kFieldCount], std::string* error) {
  for (size_t i = 0; i < tokens.size();) {
    std::string_view token = tokens[i];
    if (token == "[") {
      if (!ReadList(tokens, &i, &s->local_runqueues, error)) return false;
    } else if (token.ends_with('=') && i + 1 < tokens.size() && tokens[i + 1] == "[") {
      std::vector<int64_t> list;
      ++i;
      if (!ReadList(tokens, &i, &list, error)) return false;
      if (token == "schedticks=") s->schedticks = std::move(list);
    } else if (token == "]") {
      *error = "a ] closes no list";
      return false;
    } else {
      if (!SetField(token, s, seen, error)) return false;
      ++i;
    }
  }
  return true;
}

}  // namespace

std::optional<SchedSample> ParseSchedLine(std::string_view line, std::string* error) {
  SchedSample s;
  std::string_view rest = line;
  if (!ConsumePrefix(&rest, "SCHED ") || !ConsumeDecimal(&rest, &s.ms) || !ConsumePrefix(&rest, "ms:")) {
    return Fail(error, "does not start with \"SCHED <N>ms:\"");
  }
  bool seen[kFieldCount] = {};
  if (!ReadFields(Tokenize(rest), &s, seen, error)) return std::nullopt;
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (!seen[f]) return Fail(error, "no " + std::string(kFields[f].name) + "=");
  }
  return s;
}

SchedTrace ParseSchedTrace(std::string_view text) {
  SchedTrace trace;
  text::LineReader reader(text);
  text::Line line;
  while (reader.Next(&line)) {
    if (!line.text.starts_with("SCHED ")) continue;
    if (!line.terminated) {
      trace.cut_last_line = true;
      break;
    }
    std::string error;
    if (auto sample = ParseSchedLine(line.text, &error)) {
      trace.samples.push_back(std::move(*sample));
    } else {
      trace.errors.push_back({line.number, std::move(error)});
    }
  }
  return trace;
}

RunQueuePeaks PeakRunQueues(const std::vector<SchedSample>& samples) {
  RunQueuePeaks peaks;
  peaks.samples = static_cast<int64_t>(samples.size());
  for (const SchedSample& s : samples) {
    peaks.global = std::max(peaks.global, s.runqueue);
    for (int64_t local : s.local_runqueues) peaks.per_p = std::max(peaks.per_p, local);
  }
  return peaks;
}

}  // namespace leakrig::sweep
