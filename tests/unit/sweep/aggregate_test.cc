#include "sweep/aggregate.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace leakrig::sweep {
namespace {

struct SpreadCase {
  std::string name;
  std::vector<double> give;
  Spread want;
};

TEST(SummarizeTest, MedianAndSpread) {
  const std::vector<SpreadCase> cases = {
      {"none", {}, {0, 0, 0}},
      {"one", {0.5}, {0.5, 0.5, 0.5}},
      {"odd count, unsorted", {3, 1, 2}, {2, 1, 3}},
      {"even count: mean of the middle two", {4, 1, 3, 2}, {2.5, 1, 4}},
      {"an outlier moves max, not the median", {12, 11, 96, 12, 13}, {12, 11, 96}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Spread got = Summarize(c.give);
    EXPECT_DOUBLE_EQ(got.median, c.want.median);
    EXPECT_DOUBLE_EQ(got.min, c.want.min);
    EXPECT_DOUBLE_EQ(got.max, c.want.max);
  }
}

RunMeasurement Measured(const std::string& workload, int p, int repeat, bool sampled, double wall, int64_t runnable) {
  RunMeasurement m;
  m.spec = {workload, p, repeat, sampled};
  m.fixture.workload = workload;
  m.fixture.gomaxprocs = p;
  m.fixture.wall_seconds = wall;
  m.fixture.user_seconds = wall / 2;
  m.fixture.runnable_peak = runnable;
  m.runqueue = {runnable / 2, runnable / 4, 3};
  return m;
}

TEST(AggregateRowsTest, OneRowPerCaseInOptionOrder) {
  SweepOptions options;
  options.procs = {1, 2};
  options.workloads = {"sleep", "cpu"};
  std::vector<RunMeasurement> runs = {
      Measured("cpu", 2, 1, true, 0.2, 900),    Measured("cpu", 1, 1, true, 0.4, 700),
      Measured("sleep", 1, 1, true, 0.012, 10), Measured("cpu", 1, 2, true, 0.5, 800),
      Measured("cpu", 1, 3, true, 0.3, 100),    Measured("cpu", 1, 1, false, 9.9, 0),
  };
  std::vector<SweepRow> rows = AggregateRows(runs, options);
  ASSERT_EQ(rows.size(), 3u);  // sleep at 2 never ran
  EXPECT_EQ(rows[0].workload, "sleep");
  EXPECT_EQ(rows[1].workload, "cpu");
  EXPECT_EQ(rows[1].gomaxprocs, 1);
  EXPECT_EQ(rows[1].repeats, 3);  // the unsampled run is left out
  EXPECT_DOUBLE_EQ(rows[1].wall_seconds.median, 0.4);
  EXPECT_DOUBLE_EQ(rows[1].wall_seconds.min, 0.3);
  EXPECT_DOUBLE_EQ(rows[1].wall_seconds.max, 0.5);
  EXPECT_DOUBLE_EQ(rows[1].cpu_seconds.median, 0.2);
  EXPECT_EQ(rows[1].runnable_peak, 700);
  EXPECT_EQ(rows[1].runqueue_global_peak, 350);
  EXPECT_DOUBLE_EQ(rows[1].schedtrace_lines, 3);
  EXPECT_FALSE(rows[1].http);
  EXPECT_EQ(rows[2].gomaxprocs, 2);
}

TEST(AggregateRowsTest, SummarizesHttpLoad) {
  SweepOptions options;
  options.procs = {1};
  options.workloads = {"http"};
  std::vector<RunMeasurement> runs = {Measured("http", 1, 1, true, 1, 0), Measured("http", 1, 2, true, 1, 0)};
  runs[0].http = SummarizeLoad(1000, 1, 0, 0.5, {100, 200, 300});
  runs[1].http = SummarizeLoad(1000, 0, 2, 0.25, {100, 200, 900});
  std::vector<SweepRow> rows = AggregateRows(runs, options);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].http);
  EXPECT_DOUBLE_EQ(rows[0].wall_seconds.median, 0.375);
  EXPECT_DOUBLE_EQ(rows[0].http->rps.median, 3000);
  EXPECT_DOUBLE_EQ(rows[0].http->p50_ms, 0.2);
  EXPECT_DOUBLE_EQ(rows[0].http->max_ms, 0.9);
  EXPECT_EQ(rows[0].http->requests, 2000);
  EXPECT_EQ(rows[0].http->errors, 1);
  EXPECT_EQ(rows[0].http->non_2xx, 2);
}

RunMeasurement ServiceRun(int p, int repeat, double cpu, std::optional<int64_t> runnable) {
  RunMeasurement m;
  m.spec = {"orders", p, repeat, true};
  m.service = ServiceReading{cpu, 0, 4 + p, runnable, runnable ? "" : "no metrics URL", 50, 0.01, {}};
  m.http = SummarizeLoad(1000, 0, 0, 2.0, {100, 200, 300});
  return m;
}

TEST(AggregateRowsTest, AServiceRowHasCpuPerRequestAndSaysWhatIsMissing) {
  SweepOptions options;
  options.service = ServiceLoad{"orders", "leakrig.toml", "GET", "/", 4, 0, 2, 0};
  options.procs = {1, 2};
  ASSERT_EQ(NormalizeOptions(&options), "");
  std::vector<RunMeasurement> runs = {
      ServiceRun(1, 1, 0.2, std::nullopt),
      ServiceRun(1, 2, 0.4, 6),
      ServiceRun(1, 3, 0.3, 8),
      ServiceRun(2, 1, 0.5, std::nullopt),
  };
  std::vector<SweepRow> rows = AggregateRows(runs, options);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].workload, "orders");
  EXPECT_DOUBLE_EQ(*rows[0].cpu_per_request, 0.3 / 1000);
  EXPECT_EQ(rows[0].runnable_peak, 7);  // the median of the runs that read it
  EXPECT_DOUBLE_EQ(rows[0].threads_peak, 5);
  EXPECT_FALSE(rows[0].runqueue_global_peak);
  EXPECT_EQ(rows[0].unmeasured.count(kRunnablePeak), 0u);
  EXPECT_EQ(rows[0].unmeasured.count(kRunQueuePeak), 1u);
  EXPECT_FALSE(rows[1].runnable_peak);
  EXPECT_EQ(rows[1].unmeasured.at(kRunnablePeak), "no metrics URL");
}

TEST(CompareSamplingTest, OverheadOfTheMedians) {
  SweepOptions options;
  options.procs = {1, 2};
  options.workloads = {"cpu"};
  std::vector<RunMeasurement> runs = {
      Measured("cpu", 1, 1, true, 0.44, 0),  Measured("cpu", 1, 2, true, 0.40, 0), Measured("cpu", 1, 3, true, 0.42, 0),
      Measured("cpu", 1, 1, false, 0.40, 0), Measured("cpu", 2, 1, true, 0.2, 0),
  };
  std::vector<SamplingCost> costs = CompareSampling(runs, options);
  ASSERT_EQ(costs.size(), 1u);  // GOMAXPROCS=2 has no unsampled twin
  EXPECT_EQ(costs[0].gomaxprocs, 1);
  EXPECT_DOUBLE_EQ(costs[0].sampled_wall_seconds, 0.42);
  EXPECT_DOUBLE_EQ(costs[0].unsampled_wall_seconds, 0.40);
  EXPECT_NEAR(costs[0].overhead, 0.05, 1e-12);
}

}  // namespace
}  // namespace leakrig::sweep
