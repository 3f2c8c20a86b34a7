#include "simulation.h"

#include <algorithm>
#include <cmath>

namespace leakrig::watch::testing {

LoadState LoadPlan::At(double seconds) const {
  LoadState state;
  if (!known) return state;
  state.known = true;
  if (seconds < start) {
    state.requests = 0;
    return state;
  }
  state.started = start;
  if (seconds >= end) state.ended = end;
  state.requests = static_cast<int64_t>(rate * (std::min(seconds, end) - start));
  return state;
}

const SignatureSummary* SimulationResult::Stack(const std::string& signature) const {
  for (const SignatureSummary& s : summary.signatures) {
    if (s.signature == signature) return &s;
  }
  return nullptr;
}

SimulationResult Simulate(const std::function<int64_t(double)>& count, double duration, const LoadPlan& load,
                          double interval, WatchOptions options, std::optional<double> first_window_interval) {
  static const char* kBackground[] = {"main.main", "net/http.(*Server).Serve", "os/signal.loop",
                                      "runtime/pprof.writeGoroutine", "main.ticker"};
  Watcher watcher(options);
  SimulationResult result;
  const int64_t fast_samples = first_window_interval ? options.rules.window : 0;
  double t = 0;
  for (int64_t i = 0; t <= duration + 1e-9; ++i, t += i < fast_samples ? *first_window_interval : interval) {
    Observation o;
    o.seconds = t;
    o.load = load.At(t);
    const int64_t suspect = count(t);
    o.total = suspect + 5;
    for (const char* name : kBackground) o.stacks.push_back({name, name, 1});
    if (suspect > 0) o.stacks.push_back({"main.suspect", "main.suspect", suspect});
    result.statuses.push_back(watcher.Observe(o));
    if (!result.first_alarm && result.statuses.back().alarms > 0) result.first_alarm = t;
  }
  const double last = result.statuses.back().seconds;
  SummaryRequest request;
  request.last = {last, load.At(last)};
  result.summary = watcher.Summarize(request);
  return result;
}

double Noise::Next() {
  state_ = state_ * 1664525u + 1013904223u;
  return static_cast<double>(state_ >> 8) / static_cast<double>(1u << 23) - 1.0;
}

}  // namespace leakrig::watch::testing
