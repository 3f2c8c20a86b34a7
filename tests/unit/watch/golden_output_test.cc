// The watch's JSON report and OpenMetrics exposition, byte for byte against
// checked-in files: a change to either output shows up here as a diff. The
// records are built by hand, so a change to the growth rules cannot move them.

#include <gtest/gtest.h>

#include <string>

#include "golden.h"
#include "watch/openmetrics.h"
#include "watch/report.h"

namespace leakrig::watch {
namespace {

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

SignatureSummary LeakingStack() {
  SignatureSummary s;
  s.signature = "main.leak\nmain.main";
  s.top_function = "main.leak";
  s.details = StackDetails{"chan send", "main.main", "/src/main.go:12", 7};
  s.verdict = verdict::Verdict::kLeak;
  s.reason = "grew by 1990 over 14.0 s and never drained";
  s.baseline = 10;
  s.peak = 2000;
  s.last = 2000;
  s.first_alarm_seconds = 4.5;
  s.rate_per_minute = 8528.57142;
  s.rate_per_1000_requests = 1421.4285;
  s.series = {{0, -1, 10}, {1.25, 100, 150}, {2.5, 250, 301}};
  return s;
}

SignatureSummary IdleStack() {
  SignatureSummary s;
  s.signature = "net/http.(*conn).serve\nnet/http.(*Server).Serve";
  s.top_function = "net/http.(*conn).serve";
  s.background = true;
  s.reason = "steady";
  s.baseline = s.peak = s.last = 3;
  s.series = {{0, -1, 3}, {2.5, 250, 3}};
  return s;
}

WatchReport FullReport() {
  WatchReport r;
  r.url = "http://127.0.0.1:6060/debug/pprof/";
  r.host_port = "127.0.0.1:6060";
  r.interval_seconds = 1;
  r.duration_seconds = 20.00049;
  r.stop_reason = "duration reached";
  r.full_dumps = 2;
  r.longest_interval_seconds = 1.5;
  WatchSummary& s = r.summary;
  s.verdict = verdict::Verdict::kLeak;
  s.reason = "1 stack grew without bound";
  s.signatures = {LeakingStack(), IdleStack()};
  s.samples = 21;
  s.total_baseline = 13;
  s.total_peak = 2003;
  s.total_last = 2003;
  s.total_series = {{0, -1, 13}, {1.25, 100, 153}, {2.5, 250, 304}};
  s.total_rate_per_minute = 8528.6;
  s.detect_seconds = 4.5;
  s.seconds_to_max_goroutines = 63.25;
  s.memory_series = {{0, 958464}, {10, 4194304}};
  s.seconds_to_max_memory = 120.5;
  s.signatures_tracked = 2;
  s.signatures_evicted = 1;
  r.cost = SomeCost();
  r.leak_profile = {true, 7, 19.5, {{"main.leak", 7}}};
  verdict::LoadSummary load;
  load.requests = 1400;
  load.errors = 2;
  load.non_2xx = 1;
  load.seconds = 14;
  load.rps = 100;
  load.p50_ms = 1.25;
  load.p90_ms = 2;
  load.p99_ms = 3.5;
  load.max_ms = 4.75;
  r.load = load;
  r.load_started = 1;
  r.load_ended = 15;
  r.errors = {"goroutine?debug=0: connection refused"};
  return r;
}

TEST(WatchGoldenTest, TheJsonReportOfAFullWatch) {
  const nlohmann::json analysis = {{"format", "proto"}, {"total", 2003}, {"groups", nlohmann::json::array()}};
  golden::ExpectMatchesGolden(Golden("golden-watch-full.json"), WatchJson(FullReport(), analysis).dump(2) + "\n");
}

TEST(WatchGoldenTest, TheJsonReportOfAnUnreachableTarget) {
  WatchReport r;
  r.url = "http://127.0.0.1:1/";
  r.host_port = "127.0.0.1:1";
  r.interval_seconds = 0.5;
  r.unreachable = true;
  r.stop_reason = "the target stopped answering";
  r.summary.verdict = verdict::Verdict::kError;
  golden::ExpectMatchesGolden(Golden("golden-watch-unreachable.json"),
                              WatchJson(r, nlohmann::json::object()).dump(2) + "\n");
}

TEST(WatchGoldenTest, TheOpenMetricsExposition) {
  const WatchCost cost = SomeCost();
  const MetricsSnapshot with_cost{"127.0.0.1:6060",
                                  21,
                                  2003,
                                  99.5,
                                  1,
                                  true,
                                  {{"main.leak\nmain.main", "main.leak", 2000, 10, 142.1, true},
                                   {"net/http.(*conn).serve", "x\"y\\z\nw", 3, 3, 0, false}},
                                  &cost};
  golden::ExpectMatchesGolden(Golden("golden-metrics-full.prom"), RenderOpenMetrics(with_cost));
  const MetricsSnapshot bare{"[::1]:6060", 1, 5, 0, 0, false, {}, nullptr};
  golden::ExpectMatchesGolden(Golden("golden-metrics-bare.prom"), RenderOpenMetrics(bare));
}

}  // namespace
}  // namespace leakrig::watch
