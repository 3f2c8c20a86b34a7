#include "sweep/machine.h"

#include <gtest/gtest.h>

namespace leakrig::sweep {
namespace {

TEST(CpuLimitTest, ReadsCgroupV2CpuMax) {
  struct Case {
    std::string give;
    bool want_ok;
    std::optional<double> want;
  };
  const std::vector<Case> cases = {
      {"max 100000\n", true, std::nullopt},
      {"150000 100000\n", true, 1.5},
      {"200000 100000", true, 2.0},
      {"max", false, std::nullopt},
      {"abc 100000", false, std::nullopt},
      {"100000 0", false, std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.give);
    std::optional<double> limit = 99.0;
    std::string error;
    EXPECT_EQ(ParseCpuMax(c.give, &limit, &error), c.want_ok) << error;
    if (c.want_ok) {
      EXPECT_EQ(limit, c.want);
    }
  }
}

TEST(CpuLimitTest, ReadsCgroupV1Quota) {
  std::optional<double> limit;
  std::string error;
  EXPECT_TRUE(ParseCfsQuota("-1\n", "100000\n", &limit, &error));
  EXPECT_FALSE(limit);
  EXPECT_TRUE(ParseCfsQuota("50000\n", "100000\n", &limit, &error));
  EXPECT_EQ(limit, 0.5);
  EXPECT_FALSE(ParseCfsQuota("x", "100000", &limit, &error));
}

TEST(CpuLimitTest, GoDefaultFollowsTheCgroupRule) {
  EXPECT_EQ(ExpectedGoDefault(8, std::nullopt), 8);
  EXPECT_EQ(ExpectedGoDefault(8, 0.5), 2);  // never below 2
  EXPECT_EQ(ExpectedGoDefault(8, 2.1), 3);  // fractions round up
  EXPECT_EQ(ExpectedGoDefault(2, 4.0), 2);  // never above the cores
  EXPECT_EQ(ExpectedGoDefault(1, 0.5), 1);
}

TEST(OversubscriptionTest, WarnsAboveTheCoresOrTheLimit) {
  Machine m;
  m.cores = 2;
  auto warnings = OversubscriptionWarnings({1, 2, 4, 8}, m);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("GOMAXPROCS=4 exceeds the 2 cores"), std::string::npos);
  m.cpu_limit = 1.5;
  warnings = OversubscriptionWarnings({1, 2}, m);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("cgroup CPU limit of 1.50 CPUs"), std::string::npos);
}

}  // namespace
}  // namespace leakrig::sweep
