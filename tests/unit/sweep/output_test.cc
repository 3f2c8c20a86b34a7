// A sweep's outputs against golden files: the console text (sweep/render.h),
// sweep.csv and sweep.json (report/).
#include <gtest/gtest.h>

#include "report/sweep_files.h"
#include "sweep/render.h"
#include "test_support.h"

namespace leakrig::sweep {
namespace {

// A whole default sweep against the fake executor: every workload, every
// GOMAXPROCS, with http load, claims and sampling costs.
SweepResult FakeDefaultSweep() {
  testing::FakeExecutor executor;
  SweepOptions options;
  options.repeats = 3;
  Machine machine;
  machine.cores = 2;
  machine.cpu_limit_source = "/sys/fs/cgroup/cpu.max: max 100000";
  machine.go_default_gomaxprocs = 2;
  return RunSweep(options, machine, executor, {});
}

TEST(SweepOutputTest, MatchesTheGoldenFiles) {
  SweepResult result = FakeDefaultSweep();
  testing::ExpectGolden("fake-sweep.txt", RenderSummaryText(result));
  testing::ExpectGolden("fake-sweep.csv", report::SweepCsv(result));
  testing::ExpectGolden("fake-sweep.json", report::SweepJson(result));
}

// A service's sweep: figures it cannot measure are null, CPU per request is
// there, and the options name the manifest's load instead of the workloads.
TEST(SweepOutputTest, AServiceSweepMatchesTheGoldenFiles) {
  testing::FakeServiceExecutor executor;
  Machine machine;
  machine.cores = 2;
  machine.cpu_limit_source = "/sys/fs/cgroup/cpu.max: max 100000";
  machine.go_version = "go1.26.8";
  SweepResult result = RunSweep(testing::ServiceSweepOptions(), machine, executor, {});
  testing::ExpectGolden("fake-service-sweep.txt", RenderSummaryText(result));
  testing::ExpectGolden("fake-service-sweep.csv", report::SweepCsv(result));
  testing::ExpectGolden("fake-service-sweep.json", report::SweepJson(result));
}

// What the default sweep leaves out: a CPU limit, other processes' load, a
// claim not measured, an interrupted sweep with errors.
SweepResult UnusualSweep() {
  SweepResult r;
  r.machine = {4, 1.5000004, "/sys/fs/cgroup/cpu.max: 150000 100000", 2, "go1.27.3", 0.1234567};
  r.options.procs = {1, 4};
  r.rows.push_back({"http",
                    4,
                    2,
                    {},
                    {},
                    std::nullopt,
                    0.0,
                    0,
                    0.0,
                    0.0,
                    {},
                    0,
                    0,
                    0,
                    HttpSummary{{1234.5, 1000, 1500}, 1, 2, 1.23456789}});
  r.claims = {{ArticleClaims()[0], std::nullopt, std::nullopt, "not run"},
              {ArticleClaims()[1], 2.7123456789, false, ""}};
  r.sampling = {{"cpu", 1, 0.5, 0.49, 0.0123456789, 0.0001, 12}};
  r.runs.push_back(
      {{"http", 4, 1, true}, {}, std::nullopt, {3, 1, 5}, SummarizeLoad(4321, 1, 2, 0.5123456789, {2.5f, 7.25f}), {}});
  r.errors = {"cpu-p4-r2: the fixture ended with exit code 2"};
  r.warnings = {"GOMAXPROCS=4 is above the 2 cores"};
  r.interrupted = true;
  r.planned_runs = 9;
  return r;
}

TEST(SweepOutputTest, OptionalFieldsMatchTheGoldenFiles) {
  testing::ExpectGolden("unusual-sweep.csv", report::SweepCsv(UnusualSweep()));
  testing::ExpectGolden("unusual-sweep.json", report::SweepJson(UnusualSweep()));
}

TEST(SweepOutputTest, IsDeterministic) {
  SweepResult a = FakeDefaultSweep(), b = FakeDefaultSweep();
  EXPECT_EQ(report::SweepJson(a), report::SweepJson(b));
  EXPECT_EQ(report::SweepCsv(a), report::SweepCsv(b));
  EXPECT_EQ(RenderSummaryText(a), RenderSummaryText(b));
}

TEST(SweepOutputTest, TheClaimsAreJudged) {
  std::string text = RenderSummaryText(FakeDefaultSweep());
  EXPECT_NE(text.find("1000 × sleep(10ms) at GOMAXPROCS=1 take 10.2 s measured   0.014 s  holds: false"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace leakrig::sweep
