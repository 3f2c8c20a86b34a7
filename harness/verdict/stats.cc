#include "verdict/stats.h"

#include "verdict/result.h"

#include <algorithm>
#include <cmath>

namespace leakrig::verdict {

double PercentileOfSorted(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  fraction = std::clamp(fraction, 0.0, 1.0);
  double rank = fraction * static_cast<double>(sorted.size() - 1);
  auto lower = static_cast<size_t>(std::floor(rank));
  size_t upper = std::min(lower + 1, sorted.size() - 1);
  double weight = rank - static_cast<double>(lower);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * weight;
}

double Round(double value, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(value * scale) / scale;
}

double Percentile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  return PercentileOfSorted(values, fraction);
}

double Median(std::vector<double> values) { return Percentile(std::move(values), 0.5); }

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

}  // namespace leakrig::verdict
