#include "verdict/stats.h"

#include <gtest/gtest.h>

namespace leakrig::verdict {
namespace {

TEST(PercentileTest, InterpolatesBetweenRanks) {
  EXPECT_DOUBLE_EQ(Percentile({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(Percentile({4, 1, 3, 2}, 0.0), 1);
  EXPECT_DOUBLE_EQ(Percentile({4, 1, 3, 2}, 1.0), 4);
  EXPECT_DOUBLE_EQ(Percentile({10, 20}, 0.9), 19);
}

TEST(PercentileTest, EmptyAndSingle) {
  EXPECT_DOUBLE_EQ(Percentile({}, 0.5), 0);
  EXPECT_DOUBLE_EQ(Percentile({7}, 0.99), 7);
}

TEST(MedianTest, OddAndEven) {
  EXPECT_DOUBLE_EQ(Median({5, 1, 3}), 3);
  EXPECT_DOUBLE_EQ(Median({5, 1, 3, 7}), 4);
}

}  // namespace
}  // namespace leakrig::verdict
