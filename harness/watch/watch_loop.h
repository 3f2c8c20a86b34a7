// Copyright leakrig authors.
//
// The watch loop: a cheap goroutine?debug=0 profile every interval, fed to
// the Watcher; a full goroutine?debug=2 dump (which stops the world) only
// when the growth test fires, and at most once per period; the runtime's
// goroutineleak profile when served. Every request is timed: that is the
// pause the watch caused. I/O goes through a ProfileSource and a Clock, so
// tests drive the loop with fakes.

#ifndef LEAKRIG_HARNESS_WATCH_WATCH_LOOP_H_
#define LEAKRIG_HARNESS_WATCH_WATCH_LOOP_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "edge/clock.h"
#include "edge/load_driver.h"
#include "edge/profile_source.h"
#include "watch/report.h"
#include "watch/watcher.h"

namespace leakrig::watch {

// Reads <pprof_base><what>, e.g. base "http://127.0.0.1:6060/debug/pprof/".
// A debug=2 dump of a large service takes seconds: it gets a longer timeout.
class PprofHttpSource final : public edge::ProfileSource {
 public:
  explicit PprofHttpSource(std::string pprof_base) : base_(std::move(pprof_base)) {}
  edge::FetchResult Fetch(const std::string& what) override;

 private:
  std::string base_;
};

// A load that runs beside the watch.
class LoadHandle {
 public:
  virtual ~LoadHandle() = default;
  virtual void Start(edge::Clock::TimePoint watch_started) = 0;
  virtual LoadState State() const = 0;
  // Stops the load if it still runs, waits for it, and sums it up.
  virtual verdict::LoadSummary Finish() = 0;
};

// edge::RunLoad on a thread of its own. Its progress arrives every 250 ms.
class BackgroundLoad final : public LoadHandle {
 public:
  BackgroundLoad(edge::LoadConfig config, const edge::Clock& clock);
  ~BackgroundLoad() override;
  void Start(edge::Clock::TimePoint watch_started) override;
  LoadState State() const override;
  verdict::LoadSummary Finish() override;

 private:
  double Since(edge::Clock::TimePoint t) const;

  edge::LoadConfig config_;
  const edge::Clock& clock_;
  edge::Clock::TimePoint watch_started_{};
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> requests_{0};
  std::atomic<double> started_{-1};
  std::atomic<double> ended_{-1};
  std::thread thread_;
  edge::LoadReport report_;
};



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
  // under this share of it (0: never stretch).
  double max_cost = 0.01;
  WatchOptions watch;
  const std::atomic<bool>* cancel = nullptr;
};

struct WatchHooks {
  std::function<void(const IntervalStatus&, const Watcher&, const WatchCost&)> on_interval;
  std::function<void(int64_t sample, const std::string& body)> on_profile;    // debug=0
  std::function<void(int64_t sample, const std::string& body)> on_full_dump;  // debug=2
};

struct WatchOutcome {
  WatchReport report;
  // debug=0 bodies: the first sample, the one with most goroutines, the last.
  std::string first_profile, peak_profile, last_profile;
  std::string last_full_dump;      // the last debug=2 body, "" when none
  std::string leak_profile_body;   // goroutineleak?debug=1, "" when none
};

WatchOutcome RunWatch(edge::ProfileSource& source, edge::Clock& clock, const WatchLoopConfig& config,
                      const WatchHooks& hooks, LoadHandle* load);

}  // namespace leakrig::watch

#endif  // LEAKRIG_HARNESS_WATCH_WATCH_LOOP_H_
