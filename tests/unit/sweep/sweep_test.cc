#include "sweep/sweep.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace leakrig::sweep {
namespace {

SweepOptions SmallSweep() {
  SweepOptions o;
  o.procs = {1, 2, 4};
  o.workloads = {"sleep", "cpu"};
  o.repeats = 3;
  return o;
}

Machine TwoCores() {
  Machine m;
  m.cores = 2;
  return m;
}

TEST(RunSweepTest, RunsThePlanAndFoldsItIntoRows) {
  testing::FakeExecutor executor;
  SweepResult result = RunSweep(SmallSweep(), TwoCores(), executor, {});
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(executor.executed.size(), 3u * 2 * 3 + 3 * 2);
  EXPECT_EQ(result.planned_runs, executor.executed.size());
  ASSERT_EQ(result.rows.size(), 6u);
  EXPECT_NEAR(result.rows[0].wall_seconds.median, 0.014, 1e-9);  // sleep at 1
  EXPECT_NEAR(result.rows[3].wall_seconds.median, 0.362, 1e-9);  // cpu at 1
  EXPECT_NEAR(result.rows[4].wall_seconds.median, 0.182, 1e-9);  // cpu at 2
  EXPECT_EQ(result.rows[4].runqueue_global_peak, 20);
  ASSERT_EQ(result.sampling.size(), 2u);
  ASSERT_EQ(result.warnings.size(), 1u);  // GOMAXPROCS=4 on 2 cores
  EXPECT_EQ(result.claims.size(), 3u);
}

TEST(RunSweepTest, AServiceSweepHasNoClaimsAndNoControlRuns) {
  testing::FakeServiceExecutor executor;
  SweepResult result = RunSweep(testing::ServiceSweepOptions(), TwoCores(), executor, {});
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.planned_runs, 4u * 3);
  EXPECT_EQ(result.rows.size(), 4u);
  EXPECT_TRUE(result.claims.empty());
  EXPECT_TRUE(result.sampling.empty());
}

TEST(RunSweepTest, RecordsFailedRunsAndGoesOn) {
  testing::FakeExecutor executor;
  executor.fail_when = [](const RunSpec& s) { return s.workload == "cpu" && s.gomaxprocs == 4 && s.repeat == 2; };
  SweepResult result = RunSweep(SmallSweep(), TwoCores(), executor, {});
  EXPECT_FALSE(result.ok());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0], "cpu-p4-r2: the fixture ended with exit code 2");
  EXPECT_EQ(result.rows.back().repeats, 2);
}

TEST(RunSweepTest, GivesUpAfterRepeatedFailures) {
  testing::FakeExecutor executor;
  executor.fail_when = [](const RunSpec&) { return true; };
  SweepResult result = RunSweep(SmallSweep(), TwoCores(), executor, {});
  EXPECT_EQ(executor.executed.size(), kMaxFailedRuns);
  EXPECT_EQ(result.errors.back(), "gave up after 3 failed runs");
  EXPECT_TRUE(result.rows.empty());
}

TEST(RunSweepTest, StopsWhenCancelled) {
  testing::FakeExecutor executor;
  std::atomic<bool> cancel{false};
  SweepHooks hooks;
  hooks.cancel = &cancel;
  hooks.on_run = [&](const RunSpec&, size_t index, size_t) {
    if (index == 4) cancel = true;
  };
  SweepResult result = RunSweep(SmallSweep(), TwoCores(), executor, hooks);
  EXPECT_TRUE(result.interrupted);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(executor.executed.size(), 5u);  // the run under way finishes
}

TEST(RunSweepTest, BackgroundLoadComesFirstAmongTheWarnings) {
  testing::FakeExecutor executor;
  SweepResult result = RunSweep(SmallSweep(), TwoCores(), executor, {});
  AddBackgroundLoad(1.5, &result);
  EXPECT_EQ(result.machine.background_cores, 1.5);
  ASSERT_EQ(result.warnings.size(), 2u);
  EXPECT_NE(result.warnings[0].find("other processes kept 1.5"), std::string::npos);
  AddBackgroundLoad(0.05, &result);
  EXPECT_EQ(result.warnings.size(), 2u);
}

}  // namespace
}  // namespace leakrig::sweep
