#include "verdict/result.h"

#include <algorithm>

#include "verdict/stats.h"

namespace leakrig::verdict {

LoadSummary SummarizeLoad(int64_t requests, int64_t errors, int64_t non_2xx, double seconds,
                          const std::vector<float>& latency_us) {
  LoadSummary load;
  load.requests = requests;
  load.errors = errors;
  load.non_2xx = non_2xx;
  load.seconds = seconds;
  load.rps = seconds > 0 ? static_cast<double>(requests) / seconds : 0;
  std::vector<double> ms(latency_us.begin(), latency_us.end());
  for (double& v : ms) v /= 1000;
  std::sort(ms.begin(), ms.end());
  load.p50_ms = PercentileOfSorted(ms, 0.50);
  load.p90_ms = PercentileOfSorted(ms, 0.90);
  load.p99_ms = PercentileOfSorted(ms, 0.99);
  load.max_ms = ms.empty() ? 0 : ms.back();
  return load;
}

bool Passes(const VariantResult& result, bool suspect_expected) {
  if (result.verdict == Verdict::kSkipped) return true;  // the Go itself ruled the variant out
  if (result.verdict == Verdict::kError || result.verdict != result.expected) return false;
  bool growth_verdict = result.verdict == Verdict::kLeak || result.verdict == Verdict::kLingering;
  return !growth_verdict || !suspect_expected || result.suspect_matched;
}

}  // namespace leakrig::verdict
