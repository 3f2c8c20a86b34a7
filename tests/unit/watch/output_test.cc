// The watch's inputs and text: target URLs, MemStats, the live line, and
// the finished watch as a scenario run's record.

#include <gtest/gtest.h>

#include "simulation.h"
#include "watch/memstats.h"
#include "watch/render.h"
#include "watch/target_url.h"
#include "watch/watch_result.h"

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

// A watch of a stack growing by 100 a second, with load from 1 s to 15 s.
WatchResult LeakResult() {
  testing::SimulationResult r = testing::Simulate([](double t) { return static_cast<int64_t>(100 * t); }, 20,
                                                  testing::LoadPlan{true, 1, 15, 100});
  return {.url = "http://127.0.0.1:6060/",
          .host_port = "127.0.0.1:6060",
          .interval_seconds = 1,
          .duration_seconds = 20,
          .summary = r.summary,
          .load = verdict::LoadSummary{.requests = 1400, .seconds = 14, .rps = 100},
          .load_started = 1,
          .load_ended = 15};
}

TEST(RunRecordTest, AWatchReadsAsAScenarioRun) {
  verdict::VariantResult r = ToVariantResult(LeakResult());
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
