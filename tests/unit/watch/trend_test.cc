#include "watch/trend.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace leakrig::watch {
namespace {

TEST(MannKendallTest, StrictlyIncreasingSeries) {
  std::vector<double> v = {1, 2, 3, 4, 5, 6};
  MannKendall mk = MannKendallTest(v);
  EXPECT_EQ(mk.s, 15);
  EXPECT_DOUBLE_EQ(mk.variance, 6.0 * 5 * 17 / 18);
  EXPECT_NEAR(mk.z, 14 / std::sqrt(6.0 * 5 * 17 / 18), 1e-12);
  EXPECT_NEAR(mk.p_increasing, 0.00429, 1e-4);
  EXPECT_DOUBLE_EQ(mk.tau, 1.0);
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
