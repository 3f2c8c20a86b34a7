#include "sweep/measurement.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace leakrig::sweep {
namespace {

std::string LastLine(const std::string& text) {
  std::string trimmed = text.substr(0, text.find_last_not_of('\n') + 1);
  return trimmed.substr(trimmed.rfind('\n') + 1);
}

TEST(FixtureReportTest, ReadsARealReport) {
  std::string error;
  auto report = ParseFixtureReport(LastLine(testing::ReadTestdata("cpu-p4.log")), &error);
  ASSERT_TRUE(report) << error;
  EXPECT_EQ(report->workload, "cpu");
  EXPECT_EQ(report->gomaxprocs, 4);
  EXPECT_EQ(report->goroutines, 1000);
  EXPECT_EQ(report->iterations, 250000);
  EXPECT_DOUBLE_EQ(report->wall_seconds, 0.388605275);
  EXPECT_EQ(report->runnable_peak, 976);
  EXPECT_EQ(report->threads_peak, 6);
}

TEST(FixtureReportTest, RejectsWhatIsNotAReport) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"127.0.0.1:4242", "not a JSON object"},
      {R"({"gomaxprocs":1})", "\"workload\""},
      {R"({"workload":"cpu","gomaxprocs":"1"})", "no number \"gomaxprocs\""},
  };
  for (const auto& [give, want] : cases) {
    std::string error;
    EXPECT_FALSE(ParseFixtureReport(give, &error)) << give;
    EXPECT_NE(error.find(want), std::string::npos) << error;
  }
}

TEST(StripStdoutCopiesTest, MendsASchedLineTheCopyLandedIn) {
  const std::string report = testing::ReportLine("cpu", 1, 0.3, 0.3, 900, 4);
  const std::string log = "SCHED 1ms: gomaxprocs=1 idleprocs=0 threads=4 " + report + "\n" +
                          "spinningthreads=0 idlethreads=2 runqueue=7 [ 3 ] schedticks=[ 4 ]\n";
  SchedTrace broken = ParseSchedTrace(log);
  EXPECT_EQ(broken.errors.size(), 1u);
  SchedTrace mended = ParseSchedTrace(StripStdoutCopies(log, {report}));
  EXPECT_TRUE(mended.errors.empty());
  ASSERT_EQ(mended.samples.size(), 1u);
  EXPECT_EQ(mended.samples[0].runqueue, 7);
}

TEST(MeasureRunTest, CombinesReportTraceAndLoad) {
  RunSpec spec{"http", 2, 1, true};
  RunOutput out;
  out.stdout_lines = {"127.0.0.1:4242", testing::ReportLine("http", 2, 0.5, 0.2, 16, 8)};
  out.log_text =
      "127.0.0.1:4242\nSCHED 0ms: gomaxprocs=2 idleprocs=0 threads=5 spinningthreads=0 "
      "idlethreads=1 runqueue=4 [ 1 9 ]\n" +
      out.stdout_lines[1] + "\n";
  out.load = SummarizeLoad(1000, 0, 0, 0.25, std::vector<float>(10, 800.0f));
  std::string error;
  auto m = MeasureRun(spec, out, &error);
  ASSERT_TRUE(m) << error;
  EXPECT_TRUE(m->warnings.empty());
  EXPECT_EQ(m->runqueue.global, 4);
  EXPECT_EQ(m->runqueue.per_p, 9);
  EXPECT_DOUBLE_EQ(m->WallSeconds(), 0.25);  // the load's time, not the serving time
  EXPECT_DOUBLE_EQ(m->CpuSeconds(), 0.2);
}

TEST(MeasureRunTest, FailsOnAnotherGomaxprocs) {
  RunOutput out;
  out.stdout_lines = {testing::ReportLine("cpu", 2, 0.2, 0.3, 900, 4)};
  std::string error;
  EXPECT_FALSE(MeasureRun({"cpu", 4, 1, true}, out, &error));
  EXPECT_NE(error.find("GOMAXPROCS=2, not cpu at 4"), std::string::npos) << error;
}

TEST(MeasureRunTest, PassesTheRunsErrorOn) {
  RunOutput out;
  out.error = "the fixture ended with exit code 2; see x.log";
  std::string error;
  EXPECT_FALSE(MeasureRun({"cpu", 4, 1, true}, out, &error));
  EXPECT_EQ(error, out.error);
  EXPECT_FALSE(MeasureRun({"cpu", 4, 1, true}, RunOutput{}, &error));
  EXPECT_EQ(error, "the fixture printed no report");
}

TEST(MeasureRunTest, WarnsWhenASampledRunHasNoTrace) {
  RunOutput out;
  out.stdout_lines = {testing::ReportLine("cpu", 1, 0.2, 0.3, 900, 4)};
  std::string error;
  auto m = MeasureRun({"cpu", 1, 1, true}, out, &error);
  ASSERT_TRUE(m) << error;
  ASSERT_EQ(m->warnings.size(), 1u);
  EXPECT_NE(m->warnings[0].find("no schedtrace line"), std::string::npos);
  EXPECT_TRUE(MeasureRun({"cpu", 1, 1, false}, out, &error)->warnings.empty());
}

RunOutput ServiceOutput(int64_t threads_peak, std::optional<int64_t> runnable_peak) {
  RunOutput out;
  out.service = ServiceReading{0.3,
                               0.1,
                               threads_peak,
                               runnable_peak,
                               runnable_peak ? "" : "no metrics URL",
                               40,
                               0.01,
                               {"some reads of http://x failed: HTTP 500"}};
  out.load = SummarizeLoad(2000, 0, 0, 2.0, std::vector<float>(10, 800.0f));
  return out;
}

TEST(MeasureRunTest, TakesAServicesReadingAndLoad) {
  std::string error;
  auto m = MeasureRun({"orders", 2, 1, true}, ServiceOutput(9, 5), &error);
  ASSERT_TRUE(m) << error;
  EXPECT_DOUBLE_EQ(m->WallSeconds(), 2.0);
  EXPECT_DOUBLE_EQ(m->CpuSeconds(), 0.4);
  EXPECT_DOUBLE_EQ(*m->CpuPerRequest(), 0.4 / 2000);
  EXPECT_EQ(m->RunnablePeak(), 5);
  EXPECT_EQ(m->ThreadsPeak(), 9);
  EXPECT_FALSE(m->RunQueues());  // no schedtrace from a service
  EXPECT_DOUBLE_EQ(m->Samples(), 40);
  EXPECT_EQ(m->Unmeasured().count(kRunnablePeak), 0u);
  EXPECT_EQ(m->Unmeasured().count(kRunQueuePeak), 1u);
  EXPECT_EQ(m->warnings, (std::vector<std::string>{"orders-p2-r1: some reads of http://x failed: HTTP 500"}));
}

TEST(MeasureRunTest, SaysWhyAServiceFigureIsMissing) {
  std::string error;
  auto m = MeasureRun({"orders", 1, 1, true}, ServiceOutput(9, std::nullopt), &error);
  ASSERT_TRUE(m) << error;
  EXPECT_FALSE(m->RunnablePeak());
  EXPECT_EQ(m->Unmeasured().at(kRunnablePeak), "no metrics URL");
}

TEST(MeasureRunTest, WarnsWhenTheServiceProcessHadOneThread) {
  std::string error;
  auto m = MeasureRun({"orders", 1, 1, true}, ServiceOutput(1, 0), &error);
  ASSERT_TRUE(m) << error;
  ASSERT_EQ(m->warnings.size(), 2u);
  EXPECT_NE(m->warnings[1].find("ran on 1 thread(s)"), std::string::npos) << m->warnings[1];
}

TEST(MeasureRunTest, AServiceRunNeedsItsLoad) {
  RunOutput out = ServiceOutput(9, 0);
  out.load.reset();
  std::string error;
  EXPECT_FALSE(MeasureRun({"orders", 1, 1, true}, out, &error));
  EXPECT_EQ(error, "the service's run has no load figures");
}

TEST(MeasureRunTest, TheFixtureHasNoCpuPerRequest) {
  RunOutput out;
  out.stdout_lines = {"127.0.0.1:4242", testing::ReportLine("http", 2, 0.5, 0.2, 16, 8)};
  out.load = SummarizeLoad(1000, 0, 0, 0.25, std::vector<float>(10, 800.0f));
  std::string error;
  auto m = MeasureRun({"http", 2, 1, false}, out, &error);
  ASSERT_TRUE(m) << error;
  EXPECT_FALSE(m->CpuPerRequest());
  EXPECT_TRUE(m->Unmeasured().empty());
}

TEST(SummarizeLoadTest, ComputesRateAndPercentiles) {
  std::vector<float> latency_us;
  for (int i = 1; i <= 101; ++i) latency_us.push_back(static_cast<float>(i * 100));
  HttpLoad load = SummarizeLoad(101, 2, 1, 0.5, latency_us);
  EXPECT_DOUBLE_EQ(load.rps, 202);
  EXPECT_NEAR(load.p50_ms, 5.1, 1e-9);
  EXPECT_NEAR(load.p90_ms, 9.1, 1e-9);
  EXPECT_NEAR(load.p99_ms, 10.0, 1e-9);
  EXPECT_NEAR(load.max_ms, 10.1, 1e-9);
  EXPECT_EQ(load.errors, 2);
  EXPECT_EQ(SummarizeLoad(0, 0, 0, 0, {}).rps, 0);
}

}  // namespace
}  // namespace leakrig::sweep
