#include "watch/trend.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace leakrig::watch {
namespace {

int Sign(double v) { return (v > 0) - (v < 0); }

// Σ t(t−1)(2t+5) over the groups of t equal values: the ties' share of the
// variance of S.
double TieCorrection(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double correction = 0;
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const double t = static_cast<double>(j - i);
    correction += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  return correction;
}

double MedianInPlace(std::vector<double>& v) {
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

}  // namespace

double UpperTailProbability(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

// S = n(n−1)/2 − 2·inversions, and the inversions of a random order of m
// elements follow from those of m − 1: the m-th adds 0 to m − 1 of them,
// each as likely (the Mahonian distribution, built up in probabilities).
double MannKendallExactUpperTail(int n, int64_t s) {
  const int64_t pairs = static_cast<int64_t>(n) * (n - 1) / 2;
  std::vector<double> inversions{1.0};
  for (int m = 2; m <= n; ++m) {
    std::vector<double> next(inversions.size() + static_cast<size_t>(m - 1), 0.0);
    for (size_t k = 0; k < inversions.size(); ++k) {
      for (int added = 0; added < m; ++added) next[k + static_cast<size_t>(added)] += inversions[k] / m;
    }
    inversions = std::move(next);
  }
  // S ≥ s ⇔ inversions ≤ (pairs − s) / 2.
  double p = 0;
  for (int64_t k = 0; k < static_cast<int64_t>(inversions.size()) && pairs - 2 * k >= s; ++k) {
    p += inversions[static_cast<size_t>(k)];
  }
  return std::min(p, 1.0);
}

MannKendall MannKendallTest(std::span<const double> values) {
  MannKendall mk;
  mk.n = static_cast<int>(values.size());
  if (mk.n < 3) return mk;
  for (size_t i = 0; i + 1 < values.size(); ++i) {
    for (size_t j = i + 1; j < values.size(); ++j) mk.s += Sign(values[j] - values[i]);
  }
  const double n = mk.n;
  const double ties = TieCorrection(values);
  mk.variance = (n * (n - 1) * (2 * n + 5) - ties) / 18.0;
  mk.tau = static_cast<double>(mk.s) / (n * (n - 1) / 2);
  if (mk.variance <= 0) return mk;  // every value equal: no trend either way
  const double corrected = mk.s > 0 ? mk.s - 1.0 : mk.s < 0 ? mk.s + 1.0 : 0.0;
  mk.z = corrected / std::sqrt(mk.variance);
  mk.exact = ties == 0 && mk.n <= kMannKendallExactPoints;
  mk.p_increasing = mk.exact ? MannKendallExactUpperTail(mk.n, mk.s) : UpperTailProbability(mk.z);
  return mk;
}

Line TheilSen(std::span<const double> x, std::span<const double> y) {
  Line line;
  const size_t n = std::min(x.size(), y.size());
  std::vector<double> slopes;
  slopes.reserve(n * (n - 1) / 2);
  for (size_t i = 0; i + 1 < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (x[j] != x[i]) slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
    }
  }
  if (slopes.empty()) return line;
  line.slope = MedianInPlace(slopes);
  std::vector<double> intercepts(n);
  for (size_t i = 0; i < n; ++i) intercepts[i] = y[i] - line.slope * x[i];
  line.intercept = MedianInPlace(intercepts);
  line.valid = true;
  return line;
}

}  // namespace leakrig::watch
