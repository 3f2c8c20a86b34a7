#include "sweep/service_reading.h"

#include <gtest/gtest.h>

namespace leakrig::sweep {
namespace {

// A /proc/PID/stat line shaped like a Go service's (52 fields), with a name
// that holds a space and a parenthesis.
constexpr char kStat[] =
    "48213 (api (v2) x) S 48190 48213 5232 0 -1 4194560 2411 0 0 0 731 142 0 0 20 0 9 0 1190513 1262190592 "
    "3093 18446744073709551615 4194304 9061061 140725942566768 0 0 0 0 0 2143420159 0 0 0 17 1 0 0 0 0 0 "
    "13295616 13548576 20066304 140725942570542 140725942570601 140725942570601 140725942571987 0\n";

TEST(ParsePidStatTest, CountsFieldsFromTheLastParenthesis) {
  std::string error;
  auto stat = ParsePidStat(kStat, &error);
  ASSERT_TRUE(stat) << error;
  EXPECT_EQ(stat->user_ticks, 731);
  EXPECT_EQ(stat->system_ticks, 142);
  EXPECT_EQ(stat->threads, 9);
}

TEST(ParsePidStatTest, RefusesWhatIsNotAStatLine) {
  struct Case {
    std::string name, give, want;
  };
  const std::vector<Case> cases = {
      {"empty", "", "no field 14"},
      {"no name", "48213 S 1 2 3", "no field 14"},
      {"cut short", "1 (go) S 1 1 1 0 -1 0 0 0 0 0 7", "no field 15"},
      {"not a number", "1 (go) S 1 1 1 0 -1 0 0 0 0 0 7x 1 0 0 20 0 9", "field 14 is \"7x\""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string error;
    EXPECT_FALSE(ParsePidStat(c.give, &error));
    EXPECT_NE(error.find(c.want), std::string::npos) << error;
  }
}

TEST(ParseSchedMetricsTest, ReadsTheTopLevelOrAnExpvarMap) {
  struct Case {
    std::string name, give;
    std::optional<int64_t> runnable, gomaxprocs;
  };
  const std::vector<Case> cases = {
      {"flat, as the fixtures serve it",
       R"({"/sched/goroutines/runnable:goroutines": 7, "/sched/gomaxprocs:threads": 2, "/gc/heap/live:bytes": 9})", 7,
       2},
      {"published in expvar",
       R"({"cmdline": ["api"], "memstats": {"Alloc": 1}, "runtime": {"/sched/goroutines/runnable:goroutines": 3}})", 3,
       std::nullopt},
      {"a float", R"({"/sched/goroutines/runnable:goroutines": 4.0})", 4, std::nullopt},
      {"neither", R"({"cmdline": ["api"], "memstats": {"Alloc": 1}})", std::nullopt, std::nullopt},
      {"not a number", R"({"/sched/goroutines/runnable:goroutines": "7"})", std::nullopt, std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string error;
    auto metrics = ParseSchedMetrics(c.give, &error);
    ASSERT_TRUE(metrics) << error;
    EXPECT_EQ(metrics->runnable, c.runnable);
    EXPECT_EQ(metrics->gomaxprocs, c.gomaxprocs);
  }
}

TEST(ParseSchedMetricsTest, RefusesWhatIsNoJsonObject) {
  for (const char* body : {"", "404 page not found", "[1, 2]", "{\"a\": "}) {
    SCOPED_TRACE(body);
    std::string error;
    EXPECT_FALSE(ParseSchedMetrics(body, &error));
    EXPECT_EQ(error, "not a JSON object");
  }
}

TEST(ExpvarUrlTest, IsOnThePprofListener) {
  EXPECT_EQ(ExpvarUrl("http://127.0.0.1:6060/debug/pprof/"), "http://127.0.0.1:6060/debug/vars");
  EXPECT_EQ(ExpvarUrl("http://127.0.0.1:6060/admin/pprof/"), "http://127.0.0.1:6060/debug/vars");
  EXPECT_EQ(ExpvarUrl("http://[::1]:80"), "http://[::1]:80/debug/vars");
}

}  // namespace
}  // namespace leakrig::sweep
