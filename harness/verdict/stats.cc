#include "verdict/stats.h"

#include <algorithm>
#include <cmath>

#include "verdict/result.h"

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

}  // namespace leakrig::verdict
