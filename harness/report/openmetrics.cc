#include "report/openmetrics.h"

#include <fmt/format.h>

namespace leakrig::report {
namespace {

using watch::RequestTimes;
using watch::StackGauge;
using watch::WatchCost;

void Family(std::string* out, std::string_view name, std::string_view type, std::string_view help) {
  *out += fmt::format("# TYPE {} {}\n# HELP {} {}\n", name, type, name, help);
}

std::string Number(double value) { return fmt::format("{:.6g}", value); }

void StackFamilies(const MetricsSnapshot& s, const std::string& target, std::string* out) {
  struct Column {
    std::string_view name, help;
    double (*value)(const StackGauge&);
  };
  static const Column kColumns[] = {
      {"leakrig_watch_stack_goroutines", "Goroutines on one stack signature.",
       [](const StackGauge& g) { return static_cast<double>(g.count); }},
      {"leakrig_watch_stack_baseline_goroutines", "The stack's count when the watch began.",
       [](const StackGauge& g) { return static_cast<double>(g.baseline); }},
      {"leakrig_watch_stack_growth_per_second", "Theil-Sen slope of the stack's count over the trend window.",
       [](const StackGauge& g) { return g.slope; }},
      {"leakrig_watch_stack_growth_alarm", "1 while the stack's sustained-growth alarm is on.",
       [](const StackGauge& g) { return g.alarm ? 1.0 : 0.0; }},
  };
  for (const Column& column : kColumns) {
    Family(out, column.name, "gauge", column.help);
    for (const StackGauge& g : s.stacks) {
      *out += fmt::format("{}{{{},signature=\"{}\",top_function=\"{}\"}} {}\n", column.name, target,
                          SignatureHash(g.signature), EscapeLabelValue(g.top_function), Number(column.value(g)));
    }
  }
}

void CostFamilies(const WatchCost& cost, const std::string& target, std::string* out) {
  const std::pair<std::string_view, const RequestTimes*> kinds[] = {
      {"debug0", &cost.cheap}, {"debug2", &cost.full}, {"goroutineleak", &cost.leak_profile}, {"heap", &cost.memory}};
  Family(out, "leakrig_watch_profile_requests", "gauge", "Profile requests made so far, by kind.");
  for (const auto& [kind, times] : kinds) {
    *out += fmt::format("leakrig_watch_profile_requests{{{},kind=\"{}\"}} {}\n", target, kind, times->count());
  }
  Family(out, "leakrig_watch_profile_request_seconds", "gauge",
         "Time spent in profile requests so far, by kind: an upper bound of the pause the watch caused.");
  for (const auto& [kind, times] : kinds) {
    *out += fmt::format("leakrig_watch_profile_request_seconds{{{},kind=\"{}\"}} {}\n", target, kind,
                        Number(times->total_seconds()));
  }
}

}  // namespace

std::string SignatureHash(std::string_view signature) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : signature) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string RenderOpenMetrics(const MetricsSnapshot& s) {
  const std::string target = fmt::format("target=\"{}\"", EscapeLabelValue(s.target));
  std::string out;
  Family(&out, "leakrig_watch_goroutines", "gauge", "Goroutines in the target, from the last debug=0 profile.");
  out += fmt::format("leakrig_watch_goroutines{{{}}} {}\n", target, s.total);
  Family(&out, "leakrig_watch_goroutines_growth_per_second", "gauge", "Slope of the total over the trend window.");
  out += fmt::format("leakrig_watch_goroutines_growth_per_second{{{}}} {}\n", target, Number(s.total_slope));
  Family(&out, "leakrig_watch_leak_alarm", "gauge",
         "1 while a stack grows without a sign of being bounded: alert on this.");
  out += fmt::format("leakrig_watch_leak_alarm{{{}}} {}\n", target, s.leak_alarm ? 1 : 0);
  Family(&out, "leakrig_watch_samples", "gauge", "Profiles read so far.");
  out += fmt::format("leakrig_watch_samples{{{}}} {}\n", target, s.samples);
  StackFamilies(s, target, &out);
  if (s.cost) CostFamilies(*s.cost, target, &out);
  out += "# EOF\n";
  return out;
}

}  // namespace leakrig::report
