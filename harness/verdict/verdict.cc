#include "verdict/verdict.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "verdict/stats.h"

namespace leakrig::verdict {
namespace {

constexpr std::array<std::string_view, 5> kVerdictNames = {"leak", "lingering", "clean", "error", "skipped"};
constexpr std::array<std::string_view, 4> kPhaseNames = {"baseline", "load", "drain", "final"};

std::vector<double> CountsIn(const Series& series, Phase phase) {
  std::vector<double> out;
  for (const Sample& s : series.samples) {
    if (s.phase == phase) out.push_back(static_cast<double>(s.goroutines));
  }
  return out;
}

int64_t HighestAfterLoad(const Series& series) {
  int64_t highest = 0;
  for (const Sample& s : series.samples) {
    bool after_load = s.phase == Phase::kDrain || s.phase == Phase::kFinal;
    if (after_load && s.seconds > series.load_ended) highest = std::max(highest, s.goroutines);
  }
  return highest;
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

Judgement JudgeGoroutines(const Series& series, int64_t requests, int concurrency, const Thresholds& thresholds) {
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
  const int64_t lingering_limit = thresholds.LingeringLimit(concurrency);
  const int64_t excess_final = c.final - c.baseline;
  const int64_t excess_after_load = HighestAfterLoad(series) - c.baseline;
  out.detect_seconds = FirstSampleAbove(series, c.baseline + std::min(out.tolerance, lingering_limit));

  if (excess_final > out.tolerance) {
    out.verdict = Verdict::kLeak;
    out.reason = fmt::format("{} goroutines above the baseline of {} after the drain (tolerance {} for {} requests)",
                             excess_final, c.baseline, out.tolerance, requests);
  } else if (excess_after_load > lingering_limit) {
    out.verdict = Verdict::kLingering;
    out.reason = fmt::format(
        "back to {} of {} baseline goroutines after the drain, but {} were still above it after every "
        "request had been answered (a clean server keeps none; limit {})",
        c.final, c.baseline, excess_after_load, lingering_limit);
  } else {
    out.verdict = Verdict::kClean;
    out.detect_seconds.reset();
    out.reason =
        fmt::format("final {} vs baseline {} (tolerance {}); at most {} after the load (limit {})", c.final, c.baseline,
                    out.tolerance, c.baseline + std::max<int64_t>(excess_after_load, 0), c.baseline + lingering_limit);
  }
  return out;
}

Judgement JudgeHeap(const HeapReading& heap, int64_t requests, const HeapThresholds& thresholds) {
  Judgement out;
  if (heap.baseline_bytes < 0 || heap.final_bytes < 0) {
    out.reason = "the live heap was not measured before and after the load";
    return out;
  }
  out.tolerance = thresholds.slack_bytes + thresholds.bytes_per_request * requests;
  const int64_t growth = heap.final_bytes - heap.baseline_bytes;
  const double mib = 1 << 20;
  if (growth > out.tolerance) {
    out.verdict = Verdict::kLeak;
    out.reason = fmt::format(
        "live heap after GC grew by {:.1f} MiB ({:.0f} B per request), from {:.1f} to {:.1f} MiB "
        "(tolerance {:.1f} MiB)",
        growth / mib, static_cast<double>(growth) / static_cast<double>(std::max<int64_t>(requests, 1)),
        heap.baseline_bytes / mib, heap.final_bytes / mib, out.tolerance / mib);
  } else {
    out.verdict = Verdict::kClean;
    out.reason = fmt::format("live heap after GC {:.1f} MiB vs {:.1f} MiB before the load (tolerance {:.1f} MiB)",
                             heap.final_bytes / mib, heap.baseline_bytes / mib, out.tolerance / mib);
  }
  return out;
}

}  // namespace leakrig::verdict
