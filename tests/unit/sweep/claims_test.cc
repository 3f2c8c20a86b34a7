#include "sweep/claims.h"

#include <gtest/gtest.h>

namespace leakrig::sweep {
namespace {

SweepRow SleepRow(int gomaxprocs, double median) {
  SweepRow row;
  row.workload = "sleep";
  row.gomaxprocs = gomaxprocs;
  row.wall_seconds = {median, median, median};
  return row;
}

TEST(ClaimsTest, TheArticlesTable) {
  std::vector<Claim> claims = ArticleClaims();
  ASSERT_EQ(claims.size(), 3u);
  EXPECT_EQ(claims[0].Text(), "1000 × sleep(10ms) at GOMAXPROCS=1 take 10.2 s");
  EXPECT_EQ(claims[1].gomaxprocs, 4);
  EXPECT_DOUBLE_EQ(claims[2].seconds, 1.4);
}

TEST(ClaimsTest, HoldsOnlyWithinTheTolerance) {
  std::vector<SweepRow> rows = {SleepRow(1, 0.012), SleepRow(4, 2.4), SleepRow(8, 1.9)};
  std::vector<ClaimCheck> checks = CheckClaims(ArticleClaims(), rows, 1000);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].measured_seconds, 0.012);
  EXPECT_EQ(checks[0].holds, false);
  EXPECT_EQ(checks[1].holds, true);   // 2.4 is within 25% of 2.6
  EXPECT_EQ(checks[2].holds, false);  // 1.9 is 36% above 1.4
}

TEST(ClaimsTest, UncheckedWhenTheSweepDidNotRunTheCase) {
  std::vector<ClaimCheck> checks = CheckClaims(ArticleClaims(), {SleepRow(1, 0.012)}, 1000);
  EXPECT_TRUE(checks[0].holds.has_value());
  EXPECT_FALSE(checks[1].holds.has_value());
  EXPECT_FALSE(checks[1].measured_seconds.has_value());
  EXPECT_NE(checks[1].note.find("GOMAXPROCS=4"), std::string::npos);

  checks = CheckClaims(ArticleClaims(), {SleepRow(1, 0.012)}, 200);
  EXPECT_FALSE(checks[0].holds.has_value());
  EXPECT_NE(checks[0].note.find("200 goroutines"), std::string::npos);
}

}  // namespace
}  // namespace leakrig::sweep
