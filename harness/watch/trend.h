// Robust trend statistics for short, noisy count series: the Theil–Sen slope
// (the median of pairwise slopes, unmoved by up to 29% outliers) and the
// Mann–Kendall test (is the series monotonically increasing, beyond what
// noise explains?). Both are O(n²) in the points: callers pass a bounded
// window, never a whole run.

#ifndef LEAKRIG_WATCH_TREND_H_
#define LEAKRIG_WATCH_TREND_H_

#include <cstdint>
#include <span>

namespace leakrig::watch {

struct MannKendall {
  int n = 0;
  int64_t s = 0;            // Σ sign(x_j − x_i) over i < j
  double variance = 0;      // of S under no trend, corrected for ties
  double z = 0;             // continuity-corrected standard score
  double tau = 0;           // Kendall's tau-a, S / (n(n−1)/2)
  double p_increasing = 1;  // one-sided p-value for an upward trend
  bool exact = false;       // p from S's exact distribution, not from z
};

// Up to this many points without ties, p is exact: the share of the n!
// orderings whose S is at least as high. The normal approximation is
// conservative there (5 rising points: 0.014 for an exact 1/120 = 0.0083),
// and with ties, or more points, it is used as is.
inline constexpr int kMannKendallExactPoints = 16;

// The Mann–Kendall trend test. Fewer than 3 points give z = 0, p = 1.
MannKendall MannKendallTest(std::span<const double> values);

// P(S ≥ s) for n points in random order, no ties (n ≤ 20).
double MannKendallExactUpperTail(int n, int64_t s);

struct Line {
  double slope = 0;      // y per x
  double intercept = 0;  // median of y − slope·x
  bool valid = false;    // false when fewer than two distinct x
};

// Theil–Sen fit of y against x: the median slope over every pair of points
// with distinct x. x and y have the same length.
Line TheilSen(std::span<const double> x, std::span<const double> y);

// P(Z > z) for a standard normal Z.
double UpperTailProbability(double z);

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_TREND_H_
