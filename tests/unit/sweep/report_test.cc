#include "sweep/report.h"

#include <gtest/gtest.h>

#include "sweep/svg_plot.h"
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

TEST(SweepReportTest, MatchesTheGoldenFiles) {
  SweepResult result = FakeDefaultSweep();
  testing::ExpectGolden("fake-sweep.txt", FormatReport(result));
  testing::ExpectGolden("fake-sweep.csv", FormatCsv(result));
  testing::ExpectGolden("fake-sweep.json", FormatJson(result));
  testing::ExpectGolden("fake-sweep.svg", PlotSvg(result.rows, result.options.workloads, result.options.procs));
}

TEST(SweepReportTest, AServiceSweepMatchesTheGoldenFiles) {
  testing::FakeServiceExecutor executor;
  Machine machine;
  machine.cores = 2;
  machine.cpu_limit_source = "/sys/fs/cgroup/cpu.max: max 100000";
  machine.go_version = "go1.26.8";
  SweepResult result = RunSweep(testing::ServiceSweepOptions(), machine, executor, {});
  testing::ExpectGolden("fake-service-sweep.txt", FormatReport(result));
  testing::ExpectGolden("fake-service-sweep.csv", FormatCsv(result));
  testing::ExpectGolden("fake-service-sweep.json", FormatJson(result));
  std::string svg = PlotSvg(result.rows, result.options.workloads, result.options.procs);
  EXPECT_NE(svg.find(">orders</text>"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
}

TEST(SweepReportTest, IsDeterministic) {
  SweepResult a = FakeDefaultSweep(), b = FakeDefaultSweep();
  EXPECT_EQ(FormatJson(a), FormatJson(b));
  EXPECT_EQ(PlotSvg(a.rows, a.options.workloads, a.options.procs),
            PlotSvg(b.rows, b.options.workloads, b.options.procs));
}

TEST(SweepReportTest, TheClaimsAreJudged) {
  std::string text = FormatReport(FakeDefaultSweep());
  EXPECT_NE(text.find("1000 × sleep(10ms) at GOMAXPROCS=1 take 10.2 s measured   0.014 s  holds: false"),
            std::string::npos)
      << text;
}

TEST(SvgPlotTest, IsSelfContained) {
  SweepResult result = FakeDefaultSweep();
  std::string svg = PlotSvg(result.rows, result.options.workloads, result.options.procs);
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(svg.ends_with("</svg>\n"));
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  for (const auto& w : result.options.workloads) EXPECT_NE(svg.find(">" + w + "</text>"), std::string::npos);
}

TEST(SvgPlotTest, DrawsAnEmptySweep) {
  std::string svg = PlotSvg({}, {"sleep"}, {1});
  EXPECT_TRUE(svg.ends_with("</svg>\n"));
  EXPECT_EQ(svg.find("nan"), std::string::npos);
}

}  // namespace
}  // namespace leakrig::sweep
