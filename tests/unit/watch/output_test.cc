// The watch's renderings and inputs: target URLs, MemStats, OpenMetrics,
// the live line, the JSON report and the run record.

#include <gtest/gtest.h>

#include "simulation.h"
#include "watch/memstats.h"
#include "watch/openmetrics.h"
#include "watch/render.h"
#include "watch/report.h"
#include "watch/target_url.h"

namespace leakrig::watch {
namespace {

struct UrlCase {
  std::string name, give, want_base, want_error;
};

TEST(PprofTargetTest, AcceptsTheBaseWithOrWithoutThePprofPath) {
  const UrlCase cases[] = {
      {"host only", "http://127.0.0.1:6060", "http://127.0.0.1:6060/debug/pprof/", ""},
      {"host slash", "http://127.0.0.1:6060/", "http://127.0.0.1:6060/debug/pprof/", ""},
      {"pprof path", "http://127.0.0.1:6060/debug/pprof", "http://127.0.0.1:6060/debug/pprof/", ""},
      {"pprof slash", "https://h:1/debug/pprof/", "https://h:1/debug/pprof/", ""},
      {"own mount", "http://h:1/admin/pprof", "http://h:1/admin/pprof/", ""},
      {"upper scheme", "HTTP://h:1", "http://h:1/debug/pprof/", ""},
      {"ftp", "ftp://h:1/", "", "http:// or https://"},
      {"no scheme", "127.0.0.1:6060", "", "http:// or https://"},
      {"file", "file:///etc/passwd", "", "http:// or https://"},
      {"query", "http://h:1/debug/pprof/?debug=1", "", "without a query"},
      {"no host", "http:///debug/pprof", "", "no usable host"},
  };
  for (const UrlCase& c : cases) {
    PprofTarget t = ParsePprofTarget(c.give);
    EXPECT_EQ(t.pprof_base, c.want_base) << c.name;
    if (c.want_error.empty()) {
      EXPECT_EQ(t.error, "") << c.name;
    } else {
      EXPECT_NE(t.error.find(c.want_error), std::string::npos) << c.name << ": " << t.error;
    }
  }
  EXPECT_EQ(ParsePprofTarget("http://127.0.0.1:6060/x").host_port, "127.0.0.1:6060");
  EXPECT_EQ(FolderName("127.0.0.1:6060"), "127.0.0.1-6060");
  EXPECT_EQ(FolderName("[::1]:80"), "---1--80");
}

TEST(CheckHttpUrlTest, AcceptsHttpAndHttpsInAnyCaseOnly) {
  EXPECT_EQ(CheckHttpUrl("HTTPS://h:1/work"), "");
  EXPECT_EQ(CheckHttpUrl("http://h:1"), "");
  EXPECT_EQ(CheckHttpUrl("ftp://h:1"), "the URL must start with http:// or https:// (got \"ftp://h:1\")");
  EXPECT_EQ(CheckHttpUrl("ftp://h:1"), ParsePprofTarget("ftp://h:1").error);
}

TEST(MemStatsTest, ReadsHeapAndStackInUse) {
  const std::string body =
      "heap profile: 1: 2 [3: 4] @ heap/1048576\n# runtime.MemStats\n# Alloc = 315088\n"
      "# HeapInuse = 958464\n# HeapReleased = 4980736\n# Stack = 557056 / 557056\n# MSpan = 1 / 2\n";
  auto stats = ParseMemStats(body);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->heap_inuse, 958464);
  EXPECT_EQ(stats->stack_inuse, 557056);
  EXPECT_EQ(stats->in_use(), 958464 + 557056);
  EXPECT_FALSE(ParseMemStats("# HeapInuse = x\n# Stack = 1 / 2\n").has_value());
  EXPECT_FALSE(ParseMemStats("goroutine profile: total 3\n").has_value());
}

TEST(OpenMetricsTest, RendersGaugesPerStackAndEndsWithEof) {
  WatchCost cost;
  cost.cheap.Record(0.002);
  MetricsSnapshot s{"127.0.0.1:6060",
                    12,
                    506,
                    99.5,
                    1,
                    true,
                    {{"main.leak\nmain.main", "main.leak", 500, 0, 100, true},
                     {"net/http.(*conn).serve", "x\"y\\z\nw", 3, 3, 0, false}},
                    &cost};
  const std::string text = RenderOpenMetrics(s);
  const std::string hash = SignatureHash("main.leak\nmain.main");
  EXPECT_EQ(hash.size(), 16u);
  EXPECT_NE(text.find("leakrig_watch_goroutines{target=\"127.0.0.1:6060\"} 506\n"), std::string::npos);
  EXPECT_NE(text.find("leakrig_watch_leak_alarm{target=\"127.0.0.1:6060\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("leakrig_watch_stack_goroutines{target=\"127.0.0.1:6060\",signature=\"" + hash +
                      "\",top_function=\"main.leak\"} 500\n"),
            std::string::npos);
  EXPECT_NE(text.find("top_function=\"x\\\"y\\\\z\\nw\""), std::string::npos) << "escaped label value";
  EXPECT_NE(text.find("leakrig_watch_profile_requests{target=\"127.0.0.1:6060\",kind=\"debug0\"} 1\n"),
            std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 6), "# EOF\n");
  EXPECT_EQ(text, RenderOpenMetrics(s)) << "deterministic";
}

TEST(RenderTest, ShortensPackagePaths) {
  EXPECT_EQ(ShortFunction("leakrig/fixtures/patterns/unbufferedsend.LeakyHandler.func1"),
            "unbufferedsend.LeakyHandler.func1");
  EXPECT_EQ(ShortFunction("net/http.(*persistConn).readLoop"), "http.(*persistConn).readLoop");
  EXPECT_EQ(ShortFunction("main.main"), "main.main");
}

TEST(RenderTest, IntervalLineNamesCountTrendAndTopStack) {
  IntervalStatus s;
  s.seconds = 6;
  s.total = 612;
  s.total_slope = 100.25;
  s.total_rising = true;
  s.has_top = true;
  s.top_function = "leakrig/x/unbufferedsend.LeakyHandler.func1";
  s.top_excess = 600;
  s.top_slope = 100;
  s.top_alarm = true;
  EXPECT_EQ(RenderIntervalLine(s),
            "    6.0s  goroutines    612    +100.2/s rising  top +600 (+100.0/s) "
            "unbufferedsend.LeakyHandler.func1 [GROWING]");
}

WatchReport LeakReport() {
  testing::SimulationResult r = testing::Simulate([](double t) { return static_cast<int64_t>(100 * t); }, 20,
                                                  testing::LoadPlan{true, 1, 15, 100});
  WatchReport report;
  report.url = "http://127.0.0.1:6060/";
  report.host_port = "127.0.0.1:6060";
  report.interval_seconds = 1;
  report.duration_seconds = 20;
  report.summary = r.summary;
  verdict::LoadSummary load;
  load.requests = 1400;
  load.seconds = 14;
  load.rps = 100;
  load.p50_ms = 1;
  load.p90_ms = 2;
  load.p99_ms = 3;
  load.max_ms = 4;
  report.load = load;
  report.load_started = 1;
  report.load_ended = 15;
  return report;
}

TEST(ReportJsonTest, AnalyzeRecordFirstThenTheWatchKeys) {
  const nlohmann::json analysis = {{"format", "proto"}, {"total", 2005}, {"groups", nlohmann::json::array()}};
  nlohmann::ordered_json j = WatchJson(LeakReport(), analysis);
  EXPECT_EQ(j["format"], "proto");
  EXPECT_EQ(j["total"], 2005);
  EXPECT_EQ(j["verdict"], "leak");
  EXPECT_EQ(j["stacks"][0]["top_function"], "main.suspect");
  EXPECT_EQ(j["stacks"][0]["verdict"], "leak");
  EXPECT_EQ(j["series"]["total"].size(), 21u);
  EXPECT_EQ(j["series"]["total"][3], nlohmann::ordered_json::array({3.0, 305}));
  EXPECT_EQ(j["load"]["latency_ms"]["p99"], 3.0);
  EXPECT_EQ(j["watch"]["detect_seconds"].is_number(), true);
  EXPECT_EQ(j.dump(), WatchJson(LeakReport(), analysis).dump()) << "deterministic";
}

TEST(RunRecordTest, AWatchReadsAsAScenarioRun) {
  verdict::VariantResult r = ToVariantResult(LeakReport());
  EXPECT_EQ(r.scenario, "watch");
  EXPECT_EQ(r.variant, "127.0.0.1-6060");
  EXPECT_EQ(r.verdict, verdict::Verdict::kLeak);
  EXPECT_FALSE(r.passed);
  ASSERT_EQ(r.series.samples.size(), 21u);
  EXPECT_EQ(r.series.samples[0].phase, verdict::Phase::kBaseline);
  EXPECT_EQ(r.series.samples[5].phase, verdict::Phase::kLoad);
  EXPECT_EQ(r.series.samples[20].phase, verdict::Phase::kDrain);
  ASSERT_EQ(r.suspects.size(), 1u);
  EXPECT_EQ(r.suspects[0].top_function, "main.suspect");
  EXPECT_EQ(r.suspects[0].count_final, 2000);
  EXPECT_EQ(r.load.requests, 1400);
}

}  // namespace
}  // namespace leakrig::watch
