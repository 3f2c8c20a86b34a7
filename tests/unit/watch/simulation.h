// Synthetic watches for the tests: a Watcher fed one stack whose count the
// test chooses per sample, beside a few steady background stacks, with the
// load (when known) paced at a fixed rate.

#ifndef LEAKRIG_TESTS_UNIT_WATCH_SIMULATION_H_
#define LEAKRIG_TESTS_UNIT_WATCH_SIMULATION_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "watch/watcher.h"

namespace leakrig::watch::testing {

// A load of `rate` requests/s from `start` to `end` seconds.
struct LoadPlan {
  bool known = true;
  double start = 0;
  double end = 1e9;
  double rate = 100;
  LoadState At(double seconds) const;
};

struct SimulationResult {
  WatchSummary summary;
  std::vector<IntervalStatus> statuses;
  std::optional<double> first_alarm;  // seconds of the first sample with an alarm on
  const SignatureSummary* Stack(const std::string& signature) const;
};

// Samples every `interval` seconds from 0 to `duration` (the first window's
// samples every `first_window_interval`, when given, as the watch loop's
// fast start does); the stack "main.suspect" has count(t) goroutines, beside
// five steady stacks.
SimulationResult Simulate(const std::function<int64_t(double)>& count, double duration, const LoadPlan& load,
                          double interval = 1.0, WatchOptions options = {},
                          std::optional<double> first_window_interval = std::nullopt);

// Deterministic noise in [-1, 1] (a fixed LCG, the same on every platform).
class Noise {
 public:
  explicit Noise(uint32_t seed) : state_(seed) {}
  double Next();

 private:
  uint32_t state_;
};

}  // namespace leakrig::watch::testing

#endif  // LEAKRIG_TESTS_UNIT_WATCH_SIMULATION_H_
