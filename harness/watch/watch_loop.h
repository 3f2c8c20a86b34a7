// The watch loop: a cheap goroutine?debug=0 profile every interval, fed to
// the Watcher (the first window's faster); a full goroutine?debug=2 dump (which stops the world) only
// when the growth test fires, and at most once per period; the runtime's
// goroutineleak profile when served. Every request is timed: that is the
// pause the watch caused. I/O goes through a ProfileSource and a Clock, so
// tests drive the loop with fakes.
// The load, when there is one, comes in as an edge::LoadHandle.

#ifndef LEAKRIG_WATCH_WATCH_LOOP_H_
#define LEAKRIG_WATCH_WATCH_LOOP_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "edge/background_load.h"
#include "edge/clock.h"
#include "edge/profile_source.h"
#include "profile/analysis.h"
#include "watch/watch_result.h"
#include "watch/watcher.h"

namespace leakrig::watch {

struct WatchLoopConfig {
  std::string url;
  std::string host_port;
  double interval_seconds = 1.0;
  std::optional<double> duration_seconds;  // none: until interrupted or a leak
  bool until_leak = false;
  double full_dump_period_seconds = 60;
  bool read_leak_profile = true;
  std::optional<int64_t> max_goroutines;
  std::optional<int64_t> max_memory_bytes;  // also turns on heap?debug=1 reads
  double memory_every_seconds = 10;
  int max_failures = 3;  // failed samples in a row before giving up
  // The interval stretches so that the cheap profile's request time stays
  // under this share of it (0: never stretch). The target spends up to
  // about 1.65 times a request's time on it in CPU (the runtime's helpers
  // and GC on its other cores: 16.5–18 ms for an 11–12 ms request at 10,000
  // goroutines), so 0.5% of the time keeps the watch under 1% of a core.
  double max_cost = 0.005;
  // The first window (watch.rules.window samples) comes this often instead,
  // as far as max_cost allows: a profile of a small service costs about a
  // millisecond, and a leak that starts with the watch (or is already on)
  // is then found in about 2.5 s instead of 6. 0, or not below
  // interval_seconds: every sample at interval_seconds.
  double fast_interval_seconds = 0.25;
  WatchOptions watch;
  const std::atomic<bool>* cancel = nullptr;
};

struct WatchHooks {
  std::function<void(const IntervalStatus&, const Watcher&, const WatchCost&)> on_interval;
  std::function<void(int64_t sample, const std::string& body)> on_profile;    // debug=0
  std::function<void(int64_t sample, const std::string& body)> on_full_dump;  // debug=2
};

// A dump as read, parsed once by the loop: its body (for the run folder) and
// its stacks aggregated by function (for the folded stacks and wait states).
struct ReadDump {
  std::string body;
  std::vector<profile::Group> groups;

  bool empty() const { return body.empty(); }
};

struct WatchOutcome {
  WatchResult result;
  // debug=0 profiles: the first sample, the one with most goroutines, the last.
  ReadDump first_profile, peak_profile, last_profile;
  ReadDump last_full_dump;        // the last debug=2 dump, empty when none
  std::string leak_profile_body;  // goroutineleak?debug=1, "" when none
  // The most telling dump read, as parsed: the last full dump, else the last
  // cheap profile. What `analyze` would say of it goes into the report.
  profile::Snapshot telling = profile::ParseDump("");
};

WatchOutcome RunWatch(edge::ProfileSource& source, edge::Clock& clock, const WatchLoopConfig& config,
                      const WatchHooks& hooks, edge::LoadHandle* load);

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_WATCH_LOOP_H_
