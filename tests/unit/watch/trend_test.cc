#include "watch/trend.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <vector>

namespace leakrig::watch {
namespace {

TEST(MannKendallTest, StrictlyIncreasingSeries) {
  std::vector<double> v = {1, 2, 3, 4, 5, 6};
  MannKendall mk = MannKendallTest(v);
  EXPECT_EQ(mk.s, 15);
  EXPECT_DOUBLE_EQ(mk.variance, 6.0 * 5 * 17 / 18);
  EXPECT_NEAR(mk.z, 14 / std::sqrt(6.0 * 5 * 17 / 18), 1e-12);
  // No ties: the exact p, one ordering in 6! (the normal approximation says 0.0043).
  EXPECT_TRUE(mk.exact);
  EXPECT_DOUBLE_EQ(mk.p_increasing, 1.0 / 720);
  EXPECT_DOUBLE_EQ(mk.tau, 1.0);
}

TEST(MannKendallTest, FiveRisingPointsPassAtOnePercentOnlyWhenExact) {
  std::vector<double> v = {10, 20, 30, 40, 50};
  MannKendall mk = MannKendallTest(v);
  EXPECT_DOUBLE_EQ(mk.p_increasing, 1.0 / 120);  // 0.0083
  EXPECT_GT(UpperTailProbability(mk.z), 0.01);   // 0.0139
}

// The exact tail against a count over every ordering of n distinct values.
TEST(MannKendallTest, ExactTailMatchesEveryOrdering) {
  for (int n = 3; n <= 7; ++n) {
    std::vector<double> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0.0);
    std::map<int64_t, int> orderings_with_s;
    int all = 0;
    do {
      ++orderings_with_s[MannKendallTest(order).s];
      ++all;
    } while (std::next_permutation(order.begin(), order.end()));
    int at_least = 0;
    for (auto it = orderings_with_s.rbegin(); it != orderings_with_s.rend(); ++it) {
      at_least += it->second;
      EXPECT_NEAR(MannKendallExactUpperTail(n, it->first), static_cast<double>(at_least) / all, 1e-12)
          << "n " << n << " s " << it->first;
    }
  }
}

TEST(MannKendallTest, TiesOrManyPointsUseTheNormalApproximation) {
  std::vector<double> tied = {1, 1, 2, 3, 4, 5}, many(kMannKendallExactPoints + 1);
  std::iota(many.begin(), many.end(), 0.0);
  for (const auto& v : {tied, many}) {
    MannKendall mk = MannKendallTest(v);
    EXPECT_FALSE(mk.exact);
    EXPECT_DOUBLE_EQ(mk.p_increasing, UpperTailProbability(mk.z));
  }
}

TEST(MannKendallTest, TiesReduceTheVariance) {
  // Groups of equal values: {1,1}, {2,2,2}, {3}.
  std::vector<double> v = {1, 1, 2, 2, 2, 3};
  MannKendall mk = MannKendallTest(v);
  EXPECT_EQ(mk.s, 11);  // 2·3 + 2·1 + 3·1 pairs rise
  const double ties = 2 * 1 * 9 + 3 * 2 * 11;
  EXPECT_DOUBLE_EQ(mk.variance, (6.0 * 5 * 17 - ties) / 18);
}

TEST(MannKendallTest, DecreasingSeriesHasNoUpwardTrend) {
  std::vector<double> v = {9, 7, 5, 3, 1};
  MannKendall mk = MannKendallTest(v);
  EXPECT_EQ(mk.s, -10);
  EXPECT_LT(mk.z, 0);
  EXPECT_GT(mk.p_increasing, 0.95);
}

TEST(MannKendallTest, ConstantAndShortSeriesAreNeutral) {
  std::vector<double> flat = {4, 4, 4, 4}, two = {1, 2};
  EXPECT_EQ(MannKendallTest(flat).z, 0);
  EXPECT_EQ(MannKendallTest(flat).p_increasing, 1);
  EXPECT_EQ(MannKendallTest(two).n, 2);
  EXPECT_EQ(MannKendallTest(two).p_increasing, 1);
}

TEST(TheilSenTest, IgnoresAnOutlier) {
  std::vector<double> x = {0, 1, 2, 3, 4, 5, 6}, y = {0, 2, 4, 600, 8, 10, 12};
  Line line = TheilSen(x, y);
  ASSERT_TRUE(line.valid);
  EXPECT_DOUBLE_EQ(line.slope, 2);
  EXPECT_DOUBLE_EQ(line.intercept, 0);
}

TEST(TheilSenTest, MedianOfAnEvenNumberOfSlopes) {
  // Four points give six slopes: 1, 2, 1, 3, 1, -1; the middle two are 1 and 1.
  std::vector<double> x = {0, 1, 2, 3}, y = {0, 1, 4, 3};
  EXPECT_DOUBLE_EQ(TheilSen(x, y).slope, 1);
}

TEST(TheilSenTest, EqualXGivesNoLine) {
  std::vector<double> x = {1, 1, 1}, y = {1, 2, 3};
  EXPECT_FALSE(TheilSen(x, y).valid);
}

TEST(TheilSenTest, UnevenSpacing) {
  std::vector<double> x = {0, 0.5, 2, 2.25}, y = {1, 2, 5, 5.5};
  EXPECT_DOUBLE_EQ(TheilSen(x, y).slope, 2);
}

}  // namespace
}  // namespace leakrig::watch
