// report::WatchJson: the watch's JSON report, byte for byte against checked-in
// files. The records are built by hand, so a change to the growth rules
// cannot move them; a change to the output shows up here as a diff.

#include "report/watch_json.h"

#include <gtest/gtest.h>

#include <string>

#include "golden.h"

namespace leakrig::report {
namespace {

using verdict::Verdict;
using watch::SignatureSummary;
using watch::StackDetails;
using watch::WatchCost;
using watch::WatchResult;
using watch::WatchSummary;

std::string Golden(const std::string& name) { return std::string(LEAKRIG_WATCH_TESTDATA) + "/" + name; }

WatchCost SomeCost() {
  WatchCost cost;
  for (double s : {0.0021, 0.0019, 0.0034}) cost.cheap.Record(s);
  cost.full.Record(0.0412);
  cost.leak_profile.Record(0.0157);
  cost.memory.Record(0.0008);
  cost.failures = 1;
  cost.elapsed_seconds = 20;
  return cost;
}

WatchSummary LeakSummary() {
  const SignatureSummary leaking{.signature = "main.leak\nmain.main",
                                 .top_function = "main.leak",
                                 .details = StackDetails{"chan send", "main.main", "/src/main.go:12", 7},
                                 .verdict = Verdict::kLeak,
                                 .reason = "grew by 1990 over 14.0 s and never drained",
                                 .baseline = 10,
                                 .peak = 2000,
                                 .last = 2000,
                                 .first_alarm_seconds = 4.5,
                                 .rate_per_minute = 8528.57142,
                                 .rate_per_1000_requests = 1421.4285,
                                 .series = {{0, -1, 10}, {1.25, 100, 150}, {2.5, 250, 301}}};
  const SignatureSummary idle{.signature = "net/http.(*conn).serve\nnet/http.(*Server).Serve",
                              .top_function = "net/http.(*conn).serve",
                              .background = true,
                              .reason = "steady",
                              .baseline = 3,
                              .peak = 3,
                              .last = 3,
                              .series = {{0, -1, 3}, {2.5, 250, 3}}};
  return {.verdict = Verdict::kLeak,
          .reason = "1 stack grew without bound",
          .signatures = {leaking, idle},
          .samples = 21,
          .total_baseline = 13,
          .total_peak = 2003,
          .total_last = 2003,
          .total_series = {{0, -1, 13}, {1.25, 100, 153}, {2.5, 250, 304}},
          .total_rate_per_minute = 8528.6,
          .detect_seconds = 4.5,
          .seconds_to_max_goroutines = 63.25,
          .memory_series = {{0, 958464}, {10, 4194304}},
          .seconds_to_max_memory = 120.5,
          .signatures_tracked = 2,
          .signatures_evicted = 1};
}

WatchResult FullResult() {
  return {.url = "http://127.0.0.1:6060/debug/pprof/",
          .host_port = "127.0.0.1:6060",
          .interval_seconds = 1,
          .duration_seconds = 20.00049,
          .stop_reason = "duration reached",
          .full_dumps = 2,
          .longest_interval_seconds = 1.5,
          .summary = LeakSummary(),
          .cost = SomeCost(),
          .leak_profile = {true, 7, 19.5, {{"main.leak", 7}}},
          // requests, errors, non-2xx, seconds, requests/s, then p50, p90, p99 and max ms
          .load = verdict::LoadSummary{1400, 2, 1, 14, 100, 1.25, 2, 3.5, 4.75},
          .load_started = 1,
          .load_ended = 15,
          .errors = {"goroutine?debug=0: connection refused"}};
}

const nlohmann::json kAnalysis = {{"format", "proto"}, {"total", 2003}, {"groups", nlohmann::json::array()}};

TEST(WatchJsonTest, AnalyzeRecordFirstThenTheWatchKeys) {
  nlohmann::ordered_json j = WatchJson(FullResult(), kAnalysis);
  EXPECT_EQ(j["format"], "proto");
  EXPECT_EQ(j["total"], 2003);
  EXPECT_EQ(j["verdict"], "leak");
  EXPECT_EQ(j["stacks"][0]["top_function"], "main.leak");
  EXPECT_EQ(j["stacks"][0]["verdict"], "leak");
  EXPECT_EQ(j["series"]["total"].size(), 3u);
  EXPECT_EQ(j["series"]["total"][1], nlohmann::ordered_json::array({1.25, 153}));
  EXPECT_EQ(j["load"]["latency_ms"]["p99"], 3.5);
  EXPECT_EQ(j["watch"]["detect_seconds"], 4.5);
  EXPECT_EQ(j.dump(), WatchJson(FullResult(), kAnalysis).dump()) << "deterministic";
}

TEST(WatchJsonTest, MatchesTheGoldenFileForAFullWatch) {
  golden::ExpectMatchesGolden(Golden("golden-watch-full.json"), WatchJson(FullResult(), kAnalysis).dump(2) + "\n");
}

TEST(WatchJsonTest, MatchesTheGoldenFileForAnUnreachableTarget) {
  const WatchResult unreachable{.url = "http://127.0.0.1:1/",
                                .host_port = "127.0.0.1:1",
                                .interval_seconds = 0.5,
                                .unreachable = true,
                                .stop_reason = "the target stopped answering",
                                .summary = {.verdict = Verdict::kError}};
  golden::ExpectMatchesGolden(Golden("golden-watch-unreachable.json"),
                              WatchJson(unreachable, nlohmann::json::object()).dump(2) + "\n");
}

}  // namespace
}  // namespace leakrig::report
