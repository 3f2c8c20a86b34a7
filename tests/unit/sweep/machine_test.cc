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
      {"max 100000\n", true, std::nullopt}, {"150000 100000\n", true, 1.5},      {"200000 100000", true, 2.0},
      {"max", false, std::nullopt},         {"abc 100000", false, std::nullopt}, {"100000 0", false, std::nullopt},
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

TEST(BackgroundLoadTest, ReadsProcStat) {
  CpuTimes times;
  std::string error;
  ASSERT_TRUE(ParseProcStat("cpu  400 100 200 1000 50 10 20 30 0 0\ncpu0 1 2 3 4 5 6 7 8\n", 100, &times, &error))
      << error;
  EXPECT_DOUBLE_EQ(times.busy_seconds, 7.6);  // user nice system irq softirq steal
  EXPECT_DOUBLE_EQ(times.total_seconds, 18.1);
  EXPECT_FALSE(ParseProcStat("intr 1 2 3", 100, &times, &error));
  EXPECT_FALSE(ParseProcStat("cpu  1 2 3", 100, &times, &error));
  EXPECT_NE(error.find("fewer than 8"), std::string::npos);
}

TEST(BackgroundLoadTest, OthersAreTheMachineMinusTheSweep) {
  CpuTimes before{10, 100}, after{40, 140};
  EXPECT_DOUBLE_EQ(BackgroundCores(before, after, 10, 20), 1.0);  // 30 s busy, 10 s ours, over 20 s
  EXPECT_DOUBLE_EQ(BackgroundCores(before, after, 35, 20), 0.0);  // rounding can make it negative
  EXPECT_DOUBLE_EQ(BackgroundCores(before, after, 0, 0), 0.0);
}

TEST(BackgroundLoadTest, WarnsFromAQuarterCore) {
  EXPECT_FALSE(ContentionWarning(0.1, 2));
  auto warning = ContentionWarning(1.04, 2);
  ASSERT_TRUE(warning);
  EXPECT_NE(warning->find("kept 1.0 of the 2 cores busy"), std::string::npos);
}

}  // namespace
}  // namespace leakrig::sweep
