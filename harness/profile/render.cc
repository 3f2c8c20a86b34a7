#include "profile/render.h"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <utility>

#include "profile/signature.h"

namespace leakrig::profile {
namespace {

// Quotes a label key or value; control bytes become \xNN so output stays
// one line per item.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "\\x%02x", static_cast<unsigned>(c));
      out += hex;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string LabelText(const std::vector<std::pair<std::string, std::string>>& labels) {
  std::string out;
  for (const auto& [key, value] : labels) {
    if (!out.empty()) out += ", ";
    out += Quote(key) + "=" + Quote(value);
  }
  return out;
}

std::string FlagText(uint8_t flags) {
  static constexpr std::pair<uint8_t, std::string_view> kNames[] = {{kLeaked, "leaked"},
                                                                    {kLockedToThread, "locked to thread"},
                                                                    {kStackUnavailable, "stack unavailable"},
                                                                    {kFramesElided, "frames elided"},
                                                                    {kScan, "scan"},
                                                                    {kDurable, "durable"},
                                                                    {kInBubble, "synctest bubble"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (!(flags & bit)) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

void AppendFrame(const Snapshot& s, std::string_view prefix, FrameId id, std::string* out) {
  *out += prefix;
  *out += s.str(s.frame(id).function);
  const std::string location = FrameLocation(s, id);
  if (!location.empty()) *out += " " + location;
  *out += '\n';
}

void AppendRecordHeader(const Snapshot& s, const Goroutine& g, std::string* out) {
  *out += "record line " + std::to_string(g.line) + ":";
  if (g.id >= 0) *out += " goroutine " + std::to_string(g.id);
  if (g.id < 0 || g.count != 1) *out += " count " + std::to_string(g.count);
  if (!s.str(g.state).empty()) *out += " [" + std::string(s.str(g.state)) + "]";
  if (g.minutes >= 0) *out += " minutes " + std::to_string(g.minutes);
  *out += '\n';
}

void AppendRecord(const Snapshot& s, const Goroutine& g, std::string* out) {
  AppendRecordHeader(s, g, out);
  if (g.flags != 0) *out += "  flags: " + FlagText(g.flags) + "\n";
  std::vector<std::pair<std::string, std::string>> labels;
  for (const Label& l : s.labels(g.labels)) {
    labels.emplace_back(s.str(l.key), s.str(l.value));
  }
  if (!labels.empty()) *out += "  labels: " + LabelText(labels) + "\n";
  if (const std::string_view a = s.annotation(g); !a.empty()) {
    *out += "  unknown header parts: " + Quote(a) + "\n";
  }
  for (const FrameId id : s.stack(g.stack)) AppendFrame(s, "  frame ", id, out);
  if (g.created_by != kNoFrame) {
    AppendFrame(s, "  created by ", g.created_by, out);
    if (g.creator_id >= 0) {
      *out += "    in goroutine " + std::to_string(g.creator_id) + "\n";
    }
  }
}

// A "NAME:" section of {line, message} items; nothing when there are none.
void AppendProblems(std::string_view name, const std::vector<ParseError>& errors, std::string* out) {
  if (errors.empty()) return;
  *out += std::string(name) + ":\n";
  for (const ParseError& e : errors) {
    *out += "  line " + std::to_string(e.line) + ": " + e.message + "\n";
  }
}

// debug=2 prints minutes only from 1 up, so 0 means "under a minute".
std::string MinutesText(const Group& g) {
  if (g.max_minutes < 0) return "";
  if (g.max_minutes == 0) return "<1 min";
  if (g.min_minutes == g.max_minutes) {
    return std::to_string(g.max_minutes) + " min";
  }
  return std::to_string(g.min_minutes) + "-" + std::to_string(g.max_minutes) + " min";
}

std::string ReasonText(const Group& g) {
  if (!g.wait_reason.empty()) return "[" + g.wait_reason + "]";
  if (!g.inferred_wait_reason.empty()) {
    return "[" + g.inferred_wait_reason + "?]";
  }
  return "[?]";
}

// Two to five lines describing one group; `indent` precedes each.
void AppendGroupBody(const Group& g, std::string_view indent, std::string* out) {
  const std::string pad(indent);
  *out += pad + "at " + (g.location.empty() ? "?" : g.location) + "\n";
  if (!g.created_by.empty()) {
    *out += pad + "created by " + g.created_by + " at " + g.created_at + "\n";
  }
  if (!MinutesText(g).empty()) *out += pad + "blocked " + MinutesText(g) + "\n";
  if (!g.labels.empty()) *out += pad + "labels " + LabelText(g.labels) + "\n";
  if (g.leaked > 0) {
    *out += pad + "leaked " + std::to_string(g.leaked) + " (runtime leak GC)\n";
  }
  *out += pad + "stack";
  for (const std::string& f : g.stack) *out += " " + f;
  *out += '\n';
}

void AppendGroups(const std::vector<Group>& groups, std::string* out) {
  *out += "groups: " + std::to_string(groups.size()) + "\n";
  for (const Group& g : groups) {
    *out += "  " + std::to_string(g.count) + " " + ReasonText(g) + " " +
            (g.top_function.empty() ? "?" : g.top_function) + "\n";
    AppendGroupBody(g, "      ", out);
  }
}

// "1. main.leak [chan send] x12 score 2.106 likely"
std::string SuspectLine(int rank, const Suspect& s) {
  return std::to_string(rank) + ". " + s.group.top_function + " " + ReasonText(s.group) + " x" +
         std::to_string(s.group.count) + " score " + FormatScore(s.score) + " " +
         std::string(ConfidenceName(s.confidence)) + "\n";
}

void AppendJudgedSuspect(int rank, const Suspect& s, std::string* out) {
  *out += "  " + SuspectLine(rank, s);
  *out += "      why: " + s.evidence.why + "\n";
  *out += "      pattern: " + s.pattern + "\n";
  *out += "      hint: " + s.hint + "\n";
  AppendGroupBody(s.group, "      ", out);
}

// The possible ones, one line each: a healthy service has dozens of them
// (its background loops), so they are named, not explained.
void AppendUnjudged(const std::vector<Suspect>& suspects, std::string* out) {
  int64_t goroutines = 0;
  for (const Suspect& s : suspects) {
    if (s.confidence == Confidence::kPossible) goroutines += s.group.count;
  }
  if (goroutines == 0) return;
  *out += std::to_string(goroutines) + " lone blocked goroutines, not judged (possible):\n";
  for (const Suspect& s : suspects) {
    if (s.confidence != Confidence::kPossible) continue;
    *out += "  " + s.group.top_function + " " + ReasonText(s.group) + " x" + std::to_string(s.group.count) + ": " +
            s.evidence.why + "\n";
  }
}

void AppendSuspects(const std::vector<Suspect>& suspects, std::string* out) {
  const auto judged = std::count_if(suspects.begin(), suspects.end(),
                                    [](const Suspect& s) { return s.confidence != Confidence::kPossible; });
  *out += "suspects: " + std::to_string(judged) + " judged of " + std::to_string(suspects.size()) + "\n";
  int rank = 0;
  for (const Suspect& s : suspects) {
    if (s.confidence != Confidence::kPossible) {
      AppendJudgedSuspect(++rank, s, out);
    }
  }
  AppendUnjudged(suspects, out);
}

// Says what the counts mean when they are not one dump's goroutines.
void AppendBasis(const Analysis& a, std::string* out) {
  if (a.basis == Basis::kTwoDumps) {
    *out += "compared with: a first dump of " + std::to_string(a.before_total) + " goroutines (growth judged)\n";
  } else if (a.basis == Basis::kDelta) {
    char seconds[32];
    std::snprintf(seconds, sizeof(seconds), "%.1f", a.delta_seconds);
    *out +=
        "delta profile over " + std::string(seconds) + " s: counts are changes between two snapshots, not goroutines\n";
  }
}

}  // namespace

std::string FormatScore(double score) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.3f", score);
  return text;
}

std::string RenderSnapshot(const Snapshot& snapshot) {
  std::string out;
  out += "format: " + std::string(FormatName(snapshot.format())) + "\n";
  out += "truncated: " + std::string(snapshot.truncated() ? "yes" : "no") + "\n";
  out += "declared total: " + std::to_string(snapshot.declared_total()) + "\n";
  out += "total: " + std::to_string(snapshot.total()) + "\n";
  out += "records: " + std::to_string(snapshot.goroutines().size()) + "\n";
  AppendProblems("warnings", {snapshot.warnings().begin(), snapshot.warnings().end()}, &out);
  AppendProblems("errors", {snapshot.errors().begin(), snapshot.errors().end()}, &out);
  for (const Goroutine& g : snapshot.goroutines()) AppendRecord(snapshot, g, &out);
  return out;
}

std::string RenderAnalysis(const Analysis& a) {
  std::string out;
  out += "format: " + std::string(FormatName(a.format)) + "\n";
  out += "total: " + std::to_string(a.total) + " goroutines";
  if (a.declared_total >= 0) {
    out += " (header says " + std::to_string(a.declared_total) + ")";
  }
  out += a.truncated ? ", TRUNCATED\n" : "\n";
  AppendBasis(a, &out);
  out += "states:\n";
  for (const StateCount& s : a.states) {
    out += "  " + std::to_string(s.count) + " " + s.state + "\n";
  }
  if (!a.readings.empty()) out += "readings:\n";
  for (const std::string& r : a.readings) out += "  - " + r + "\n";
  AppendGroups(a.groups, &out);
  AppendSuspects(a.suspects, &out);
  AppendProblems("warnings", a.warnings, &out);
  AppendProblems("errors", a.errors, &out);
  return out;
}

std::string RenderLabelSplit(const LabelSplit& split) {
  std::string out = "by label " + Quote(split.key) + ":\n";
  for (const LabelBucket& b : split.buckets) {
    out += "  " + std::to_string(b.count) + " ";
    out += b.has_label ? Quote(split.key) + "=" + Quote(b.value) : "without label " + Quote(split.key);
    out += ": " + std::to_string(b.groups) + " groups, " + std::to_string(b.suspects.size()) + " suspects\n";
    int rank = 0;
    for (const Suspect& s : b.suspects) {
      out += "      " + SuspectLine(++rank, s);
    }
  }
  return out;
}

std::string RenderDiff(const std::vector<GroupDelta>& deltas) {
  std::string out;
  int unchanged = 0;
  for (const GroupDelta& d : deltas) {
    if (d.change == Change::kSame) {
      ++unchanged;
      continue;
    }
    const std::string sign = d.delta > 0 ? "+" : "";
    out += sign + std::to_string(d.delta) + " " + std::string(ChangeName(d.change)) + " " + std::to_string(d.before) +
           " -> " + std::to_string(d.after) + " " + ReasonText(d.group) + " " +
           (d.group.top_function.empty() ? "?" : d.group.top_function) + "\n";
    AppendGroupBody(d.group, "    ", &out);
  }
  out += std::to_string(unchanged) + " signatures unchanged\n";
  return out;
}

}  // namespace leakrig::profile
