#include "verdict/verdict.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "verdict/stats.h"

namespace leakrig::verdict {
namespace {

constexpr std::array<std::string_view, 4> kVerdictNames = {"leak", "lingering", "clean", "error"};
constexpr std::array<std::string_view, 4> kPhaseNames = {"baseline", "load", "drain", "final"};

std::vector<double> CountsIn(const Series& series, Phase phase) {
  std::vector<double> out;
  for (const Sample& s : series.samples) {
    if (s.phase == phase) out.push_back(static_cast<double>(s.goroutines));
  }
  return out;
}

std::optional<double> FirstSampleAbove(const Series& series, int64_t limit) {
  for (const Sample& s : series.samples) {
    if (s.phase != Phase::kBaseline && s.goroutines > limit) {
      return std::max(0.0, s.seconds - series.load_started);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view VerdictName(Verdict verdict) { return kVerdictNames[static_cast<size_t>(verdict)]; }

std::optional<Verdict> ParseVerdict(std::string_view name) {
  for (size_t i = 0; i < kVerdictNames.size(); ++i) {
    if (kVerdictNames[i] == name) return static_cast<Verdict>(i);
  }
  return std::nullopt;
}

std::string_view PhaseName(Phase phase) { return kPhaseNames[static_cast<size_t>(phase)]; }

Judgement JudgeGoroutines(const Series& series, int64_t requests, int concurrency,
                          const Thresholds& thresholds) {
  Judgement out;
  std::vector<double> baseline = CountsIn(series, Phase::kBaseline);
  std::vector<double> final = CountsIn(series, Phase::kFinal);
  if (baseline.empty() || final.empty()) {
    out.reason = "the series has no baseline or no final sample";
    return out;
  }
  GoroutineCounts& c = out.counts;
  c.baseline = static_cast<int64_t>(Median(baseline));
  c.final = static_cast<int64_t>(*std::min_element(final.begin(), final.end()));
  for (const Sample& s : series.samples) c.peak = std::max(c.peak, s.goroutines);

  out.tolerance = thresholds.slack + static_cast<int64_t>(thresholds.slack_per_request * static_cast<double>(requests));
  const int64_t lingering_limit =
      thresholds.slack + static_cast<int64_t>(thresholds.lingering_per_connection * concurrency);
  const int64_t excess_final = c.final - c.baseline;
  const int64_t excess_peak = c.peak - c.baseline;
  out.detect_seconds = FirstSampleAbove(series, c.baseline + std::min(out.tolerance, lingering_limit));

  if (excess_final > out.tolerance) {
    out.verdict = Verdict::kLeak;
    out.reason = fmt::format("{} goroutines above the baseline of {} after the drain (tolerance {} for {} requests)",
                             excess_final, c.baseline, out.tolerance, requests);
  } else if (excess_peak > lingering_limit) {
    out.verdict = Verdict::kLingering;
    out.reason = fmt::format(
        "back to {} of {} baseline goroutines after the drain, but the peak was {} above it "
        "(a clean server at {} connections stays within {})",
        c.final, c.baseline, excess_peak, concurrency, lingering_limit);
  } else {
    out.verdict = Verdict::kClean;
    out.detect_seconds.reset();
    out.reason = fmt::format("final {} vs baseline {} (tolerance {}); peak {} within {}", c.final, c.baseline,
                             out.tolerance, c.peak, c.baseline + lingering_limit);
  }
  return out;
}

}  // namespace leakrig::verdict
