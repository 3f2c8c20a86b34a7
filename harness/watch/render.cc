#include "watch/render.h"

#include <fmt/format.h>

#include <cmath>

namespace leakrig::watch {
namespace {

std::string_view TrendWord(const IntervalStatus& s) {
  if (s.total_rising) return "rising";
  if (std::abs(s.total_slope) < 0.5) return "flat";
  return s.total_slope > 0 ? "up" : "down";
}

std::string StackLine(const SignatureSummary& s) {
  std::string line = fmt::format("  {:<9} {:>+7}  {}", verdict::VerdictName(s.verdict),
                                 (s.verdict == verdict::Verdict::kLingering ? s.peak : s.last) - s.baseline,
                                 ShortFunction(s.top_function));
  if (s.details) {
    if (!s.details->wait_reason.empty()) line += fmt::format(" [{}]", s.details->wait_reason);
    if (!s.details->location.empty()) line += fmt::format(" at {}", s.details->location);
  }
  if (s.rate_per_minute) line += fmt::format(", {:+.0f}/min", *s.rate_per_minute);
  if (s.rate_per_1000_requests) line += fmt::format(", {:+.1f} per 1,000 requests", *s.rate_per_1000_requests);
  if (!s.reason.empty()) line += fmt::format("\n  {:<9} {}", "", s.reason);
  return line + "\n";
}

std::string TimesText(std::string_view name, const RequestTimes& t) {
  if (t.count() == 0) return "";
  return fmt::format(", {} {} (p50 {:.1f} ms, max {:.1f} ms)", t.count(), name, t.Percentile(0.5) * 1000,
                     t.max_seconds() * 1000);
}

std::string CostText(const WatchCost& c) {
  return fmt::format("watch cost: {:.1f} ms in profile requests{}{}{}{}, {:.3f}% of the watch's time\n",
                     c.total_seconds() * 1000, TimesText("debug=0", c.cheap), TimesText("debug=2", c.full),
                     TimesText("goroutineleak", c.leak_profile), TimesText("heap", c.memory), c.busy_share() * 100);
}

std::string LeakProfileText(const LeakProfileReading& r) {
  if (!r.available) return "runtime leak profile: not served by the target\n";
  std::string text = fmt::format("runtime leak profile: {} goroutines proven leaked", r.leaked);
  for (size_t i = 0; i < r.stacks.size() && i < 3; ++i) {
    text += fmt::format("{} {} x{}", i == 0 ? ":" : ",", ShortFunction(r.stacks[i].top_function), r.stacks[i].count);
  }
  return text + "\n";
}

std::string TotalsText(const WatchResult& r) {
  const WatchSummary& s = r.summary;
  std::string text = fmt::format("goroutines: {} -> peak {} -> {} over {:.1f} s, {} samples", s.total_baseline,
                                 s.total_peak, s.total_last, r.duration_seconds, s.samples);
  if (s.detect_seconds) text += fmt::format("; first growth alarm after {:.1f} s", *s.detect_seconds);
  text += "\n";
  if (s.seconds_to_max_goroutines) {
    text +=
        fmt::format("goroutine limit reached in about {:.0f} s at the current rate\n", *s.seconds_to_max_goroutines);
  }
  if (s.seconds_to_max_memory) {
    text += fmt::format("memory limit reached in about {:.0f} s at the current rate\n", *s.seconds_to_max_memory);
  }
  return text;
}

std::string LoadText(const verdict::LoadSummary& l) {
  return fmt::format(
      "load: {} requests, {} errors, {} non-2xx, {:.1f} req/s, latency p50 {:.2f} ms p90 {:.2f} ms "
      "p99 {:.2f} ms max {:.2f} ms\n",
      l.requests, l.errors, l.non_2xx, l.rps, l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms);
}

}  // namespace

std::string_view ShortFunction(std::string_view function) {
  // The package path ends at the last '/' before the first '.' after it.
  const size_t paren = function.find('(');
  const size_t slash = function.substr(0, paren).rfind('/');
  return slash == std::string_view::npos ? function : function.substr(slash + 1);
}

std::string RenderIntervalLine(const IntervalStatus& s) {
  std::string line =
      fmt::format("{:>7.1f}s  goroutines {:>6}  {:>+8.1f}/s {:<6}", s.seconds, s.total, s.total_slope, TrendWord(s));
  if (s.has_top) {
    line += fmt::format("  top {:+} ({:+.1f}/s) {}", s.top_excess, s.top_slope, ShortFunction(s.top_function));
    if (s.top_alarm) line += " [GROWING]";
  }
  return line;
}

std::string RenderSummaryText(const WatchResult& r) {
  std::string text = fmt::format("verdict: {}: {}\n", verdict::VerdictName(r.summary.verdict), r.summary.reason);
  for (const SignatureSummary& s : r.summary.signatures) {
    if (s.verdict != verdict::Verdict::kClean && !s.background) text += StackLine(s);
  }
  for (const SignatureSummary& s : r.summary.signatures) {
    if (s.verdict != verdict::Verdict::kClean && s.background) {
      text += "  (idle by design, not counted:)\n" + StackLine(s);
    }
  }
  text += TotalsText(r);
  text += LeakProfileText(r.leak_profile);
  text += CostText(r.cost);
  if (r.load) text += LoadText(*r.load);
  if (r.unreachable) text += "the target stopped answering: " + r.stop_reason + "\n";
  return text;
}

}  // namespace leakrig::watch
