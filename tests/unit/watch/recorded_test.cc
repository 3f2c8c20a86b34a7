// The growth rules on series recorded from real services (testdata/*.json,
// made by testdata/record.py): each stack's recorded counts are replayed
// through a Watcher with the recorded load window, and the verdict must be
// the one the scenario (or the issue, for Prometheus) expects.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "watch/watcher.h"

namespace leakrig::watch {
namespace {

nlohmann::json ReadRecording(const std::string& name) {
  std::ifstream in(std::string(LEAKRIG_WATCH_TESTDATA) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

LoadState LoadAt(const nlohmann::json& load, double t) {
  LoadState state;
  state.known = true;
  const double started = load["started"], ended = load["ended"], rps = load["rps"];
  state.requests = 0;
  if (t < started) return state;
  state.started = started;
  if (t >= ended) state.ended = ended;
  state.requests = static_cast<int64_t>(rps * (std::min(t, ended) - started));
  return state;
}

// Replays a recording; the stacks not recorded make up "(rest)".
WatchSummary Replay(const nlohmann::json& recording) {
  std::vector<std::string> names;
  std::vector<std::map<double, int64_t>> series;
  for (const auto& stack : recording["stacks"]) {
    names.push_back(std::to_string(names.size()) + ":" + stack["top_function"].get<std::string>());
    series.emplace_back();
    for (const auto& p : stack["points"]) series.back()[p[0].get<double>()] = p[1].get<int64_t>();
  }
  Watcher watcher(WatchOptions{});
  double last = 0;
  for (const auto& point : recording["total"]) {
    last = point[0];
    Observation o;
    o.seconds = last;
    o.total = point[1];
    o.load = LoadAt(recording["load"], last);
    int64_t rest = o.total;
    for (size_t i = 0; i < names.size(); ++i) {
      auto it = series[i].find(last);
      const int64_t count = it == series[i].end() ? 0 : it->second;
      o.stacks.push_back({names[i], names[i], count});
      rest -= count;
    }
    o.stacks.push_back({"(rest)", "(rest)", std::max<int64_t>(rest, 0)});
    watcher.Observe(o);
  }
  SummaryRequest request;
  request.last = {last, LoadAt(recording["load"], last)};
  return watcher.Summarize(request);
}

class RecordedSeriesTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RecordedSeriesTest, VerdictIsTheExpectedOne) {
  const nlohmann::json recording = ReadRecording(GetParam());
  const WatchSummary summary = Replay(recording);
  EXPECT_EQ(verdict::VerdictName(summary.verdict), recording["expected"].get<std::string>())
      << recording["source"] << ": " << summary.reason;
  if (summary.verdict != verdict::Verdict::kClean) {
    // The judged stack is the one the watch named when it was recorded.
    EXPECT_EQ(summary.signatures[0].top_function, "0:" + recording["stacks"][0]["top_function"].get<std::string>());
  }
}

INSTANTIATE_TEST_SUITE_P(Recordings, RecordedSeriesTest,
                         ::testing::Values("unbuffered_send_leaky.json", "time_after_trap_leaky.json",
                                           "worker_no_exit_leaky.json", "fasthttp_php_style_fixed.json",
                                           "prometheus_steady.json",
                                           // The false-alarm set at the default intervals (first window fast).
                                           "fixed_context_not_propagated.json", "fixed_fasthttp_php_style.json",
                                           "fixed_forgotten_unlock.json", "fixed_http_client_body.json",
                                           "fixed_nil_channel.json", "fixed_range_unclosed.json",
                                           "fixed_time_after_trap.json", "fixed_unbuffered_send.json",
                                           "fixed_waitgroup_misuse.json", "fixed_worker_no_exit.json"),
                         [](const auto& info) {
                           std::string name = info.param.substr(0, info.param.find('.'));
                           return name;
                         });

}  // namespace
}  // namespace leakrig::watch
