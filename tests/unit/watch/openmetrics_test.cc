// report::RenderOpenMetrics: the watch's exposition, its labels and escaping,
// and byte for byte against checked-in files.

#include "report/openmetrics.h"

#include <gtest/gtest.h>

#include <string>

#include "golden.h"

namespace leakrig::report {
namespace {

std::string Golden(const std::string& name) { return std::string(LEAKRIG_WATCH_TESTDATA) + "/" + name; }

watch::WatchCost SomeCost() {
  watch::WatchCost cost;
  for (double s : {0.0021, 0.0019, 0.0034}) cost.cheap.Record(s);
  cost.full.Record(0.0412);
  cost.leak_profile.Record(0.0157);
  cost.memory.Record(0.0008);
  return cost;
}

// A leaking stack with its alarm on, and one whose top function needs escaping.
MetricsSnapshot TwoStacks(const watch::WatchCost* cost) {
  return {"127.0.0.1:6060",
          21,
          2003,
          99.5,
          1,
          true,
          {{"main.leak\nmain.main", "main.leak", 2000, 10, 142.1, true},
           {"net/http.(*conn).serve", "x\"y\\z\nw", 3, 3, 0, false}},
          cost};
}

TEST(OpenMetricsTest, RendersGaugesPerStackAndEndsWithEof) {
  const watch::WatchCost cost = SomeCost();
  const MetricsSnapshot s = TwoStacks(&cost);
  const std::string text = RenderOpenMetrics(s);
  const std::string hash = SignatureHash("main.leak\nmain.main");
  EXPECT_EQ(hash.size(), 16u);
  EXPECT_NE(text.find("leakrig_watch_goroutines{target=\"127.0.0.1:6060\"} 2003\n"), std::string::npos);
  EXPECT_NE(text.find("leakrig_watch_leak_alarm{target=\"127.0.0.1:6060\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("leakrig_watch_stack_goroutines{target=\"127.0.0.1:6060\",signature=\"" + hash +
                      "\",top_function=\"main.leak\"} 2000\n"),
            std::string::npos);
  EXPECT_NE(text.find("top_function=\"x\\\"y\\\\z\\nw\""), std::string::npos) << "escaped label value";
  EXPECT_NE(text.find("leakrig_watch_profile_requests{target=\"127.0.0.1:6060\",kind=\"debug0\"} 3\n"),
            std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 6), "# EOF\n");
  EXPECT_EQ(text, RenderOpenMetrics(s)) << "deterministic";
}

TEST(OpenMetricsTest, MatchesTheGoldenFiles) {
  const watch::WatchCost cost = SomeCost();
  golden::ExpectMatchesGolden(Golden("golden-metrics-full.prom"), RenderOpenMetrics(TwoStacks(&cost)));
  const MetricsSnapshot bare{"[::1]:6060", 1, 5, 0, 0, false, {}, nullptr};
  golden::ExpectMatchesGolden(Golden("golden-metrics-bare.prom"), RenderOpenMetrics(bare));
}

}  // namespace
}  // namespace leakrig::report
