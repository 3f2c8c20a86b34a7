#include "watch/watch_loop.h"

#include <fmt/format.h>

#include <algorithm>

#include "edge/load_summary.h"
#include "profile/analysis.h"
#include "verdict/stats.h"
#include "watch/memstats.h"

namespace leakrig::watch {
namespace {

using std::chrono::milliseconds;
constexpr auto kSimilarity = profile::Similarity::kFunctions;
constexpr size_t kMaxErrorsKept = 20;
constexpr size_t kCostWindow = 5;  // cheap requests whose fastest sets the interval

LoadState ToLoadState(const edge::LoadProgress& progress) {
  return {true, progress.started, progress.ended, progress.requests};
}

class WatchRun {
 public:
  WatchRun(edge::ProfileSource& source, edge::Clock& clock, const WatchLoopConfig& config, const WatchHooks& hooks,
           edge::LoadHandle* load)
      : source_(source), clock_(clock), config_(config), hooks_(hooks), load_(load), watcher_(config.watch) {}

  WatchOutcome Run();

 private:
  std::optional<IntervalStatus> Sample();
  void MaybeFullDump(const IntervalStatus& status);
  void TakeFullDump();
  void ReadLeakProfile();
  void MaybeReadMemory();
  void Finish();
  double Interval() const;
  edge::Clock::TimePoint NextTick(edge::Clock::TimePoint tick);
  bool SleepUntil(edge::Clock::TimePoint t);  // false when interrupted
  bool Cancelled() const { return config_.cancel && config_.cancel->load(); }
  double Now() const { return edge::SecondsBetween(start_, clock_.Now()); }
  LoadState Load() const { return load_ ? ToLoadState(load_->Progress()) : LoadState{}; }
  edge::FetchResult Timed(const std::string& what, RequestTimes* times);
  void Error(std::string message);

  edge::ProfileSource& source_;
  edge::Clock& clock_;
  const WatchLoopConfig& config_;
  const WatchHooks& hooks_;
  edge::LoadHandle* load_;
  Watcher watcher_;
  WatchOutcome out_;
  edge::Clock::TimePoint start_{};
  int64_t sample_ = 0;
  int64_t peak_total_ = -1;
  double last_sample_seconds_ = 0;
  std::optional<double> last_full_dump_, last_memory_;
  bool leak_profile_unavailable_ = false;
};

void WatchRun::Error(std::string message) {
  if (out_.result.errors.size() < kMaxErrorsKept) out_.result.errors.push_back(std::move(message));
}

edge::FetchResult WatchRun::Timed(const std::string& what, RequestTimes* times) {
  const auto before = clock_.Now();
  edge::FetchResult fetched = source_.Fetch(what);
  // curl's own transfer time when there is one; the clock's otherwise.
  times->Record(fetched.seconds > 0 ? fetched.seconds : edge::SecondsBetween(before, clock_.Now()));
  if (!fetched.ok()) {
    ++out_.result.cost.failures;
    Error(fmt::format("{} at {:.1f} s: {}", what, Now(), fetched.Describe()));
  }
  return fetched;
}

std::optional<IntervalStatus> WatchRun::Sample() {
  const double at = Now();
  edge::FetchResult fetched = Timed("goroutine?debug=0", &out_.result.cost.cheap);
  if (!fetched.ok()) return std::nullopt;
  profile::Snapshot snapshot = profile::ParseDump(fetched.body);
  if (snapshot.format() != profile::DumpFormat::kProto || snapshot.truncated()) {
    Error(fmt::format("goroutine?debug=0 at {:.1f} s: not a whole goroutine profile (format {})", at,
                      profile::FormatName(snapshot.format())));
    return std::nullopt;
  }
  std::vector<profile::Group> groups = profile::Aggregate(snapshot, kSimilarity);
  const IntervalStatus status = watcher_.Observe({at, snapshot.total(), CountStacks(groups), Load()});
  last_sample_seconds_ = at;
  if (out_.first_profile.empty()) out_.first_profile = {fetched.body, groups};
  if (snapshot.total() > peak_total_) {
    peak_total_ = snapshot.total();
    out_.peak_profile = {fetched.body, groups};
  }
  if (hooks_.on_profile) hooks_.on_profile(sample_, fetched.body);
  out_.last_profile = {std::move(fetched.body), std::move(groups)};
  if (out_.last_full_dump.empty()) out_.telling = std::move(snapshot);
  ++sample_;
  return status;
}

void WatchRun::MaybeFullDump(const IntervalStatus& status) {
  if (!status.want_full_dump) return;
  if (last_full_dump_ && Now() - *last_full_dump_ < config_.full_dump_period_seconds) return;
  TakeFullDump();
}

// Stops the world while it formats every stack: taken rarely, and timed.
void WatchRun::TakeFullDump() {
  last_full_dump_ = Now();
  edge::FetchResult fetched = Timed("goroutine?debug=2", &out_.result.cost.full);
  if (fetched.ok()) {
    profile::Snapshot snapshot = profile::ParseDump(fetched.body);
    std::vector<profile::Group> groups = profile::Aggregate(snapshot, kSimilarity);
    watcher_.AttachDetails(groups);
    ++out_.result.full_dumps;
    if (hooks_.on_full_dump) hooks_.on_full_dump(sample_, fetched.body);
    if (!fetched.body.empty()) out_.telling = std::move(snapshot);
    out_.last_full_dump = {std::move(fetched.body), std::move(groups)};
  }
  if (config_.read_leak_profile) ReadLeakProfile();
}

// The Go 1.26 leak GC's verdict, when the target serves it (an older Go or
// a build without GOEXPERIMENT=goroutineleakprofile answers 404).
void WatchRun::ReadLeakProfile() {
  if (leak_profile_unavailable_) return;
  const double at = Now();
  edge::FetchResult fetched = source_.Fetch("goroutineleak?debug=1");
  out_.result.cost.leak_profile.Record(fetched.seconds);
  const profile::Snapshot snapshot = profile::ParseDump(fetched.body);
  if (!fetched.ok() || snapshot.format() != profile::DumpFormat::kLeakAggregated) {
    leak_profile_unavailable_ = true;  // not an error: most services do not serve it
    return;
  }
  LeakProfileReading& r = out_.result.leak_profile;
  r.available = true;
  r.leaked = snapshot.declared_total() >= 0 ? snapshot.declared_total() : snapshot.total();
  r.seconds = at;
  r.stacks.clear();
  for (const profile::Group& g : profile::Aggregate(snapshot, kSimilarity)) {
    if (r.stacks.size() < 10) r.stacks.push_back({g.top_function, g.count});
  }
  out_.leak_profile_body = std::move(fetched.body);
}

void WatchRun::MaybeReadMemory() {
  if (!config_.max_memory_bytes) return;
  if (last_memory_ && Now() - *last_memory_ < config_.memory_every_seconds) return;
  last_memory_ = Now();
  edge::FetchResult fetched = Timed("heap?debug=1", &out_.result.cost.memory);
  if (!fetched.ok()) return;
  if (auto stats = ParseMemStats(fetched.body)) {
    watcher_.ObserveMemory(*last_memory_, stats->in_use());
  } else {
    Error("heap?debug=1: no HeapInuse and Stack lines");
  }
}

// The first window's samples come at the fast interval: the trend test
// needs that many points, and a profile is cheap enough to take them
// quickly (max_cost still bounds it, as below).
double WatchRun::Interval() const {
  const double fast = config_.fast_interval_seconds;
  const bool first_window = sample_ < std::max(config_.watch.rules.window, 2);
  return first_window && fast > 0 && fast < config_.interval_seconds ? fast : config_.interval_seconds;
}

// One interval after the last tick, skipping the ticks a slow sample
// overran; later still when a cheap request takes more than `max_cost` of
// the interval (a large target): the watch's share of the target's time
// stays bounded by stretching its interval. The fastest of the last few
// requests decides: a busy machine (the target's other work, or other
// processes) slows answers down without making the profile cost the target
// more. The first request is left out: it opens the connection and runs the
// target's handler cold (on the fixtures often several times slower than
// the next ones), and would hold back the first window's fast samples.
edge::Clock::TimePoint WatchRun::NextTick(edge::Clock::TimePoint tick) {
  auto seconds = [](double s) {
    return std::chrono::duration_cast<edge::Clock::Duration>(std::chrono::duration<double>(s));
  };
  const double interval = Interval();
  auto next = tick + seconds(interval);
  for (const auto now = clock_.Now(); next < now;) next += seconds(interval);
  const RequestTimes& cheap = out_.result.cost.cheap;
  if (config_.max_cost <= 0 || cheap.count() < 2) return next;
  const auto warm = std::min<size_t>(kCostWindow, static_cast<size_t>(cheap.count() - 1));
  const double stretched = cheap.RecentLowest(warm) / config_.max_cost;
  if (stretched <= interval) return next;
  if (stretched > config_.interval_seconds) {
    out_.result.longest_interval_seconds = std::max(out_.result.longest_interval_seconds, stretched);
  }
  return std::max(next, tick + seconds(stretched));
}

bool WatchRun::SleepUntil(edge::Clock::TimePoint t) {
  for (auto now = clock_.Now(); now < t; now = clock_.Now()) {
    if (Cancelled()) return false;
    clock_.SleepFor(std::min<edge::Clock::Duration>(t - now, milliseconds(100)));
  }
  return !Cancelled();
}

WatchOutcome WatchRun::Run() {
  WatchResult& result = out_.result;
  start_ = clock_.Now();
  std::optional<IntervalStatus> status = Sample();
  if (!status) {
    result.unreachable = true;
    result.stop_reason = result.errors.empty() ? "no profile" : result.errors.back();
    Finish();
    return std::move(out_);
  }
  if (hooks_.on_interval) hooks_.on_interval(*status, watcher_, result.cost);
  if (load_) load_->Start(start_);
  int failures_in_row = 0;
  result.stop_reason = "interrupted";
  for (edge::Clock::TimePoint tick = start_;;) {
    tick = NextTick(tick);
    if (config_.duration_seconds && edge::SecondsBetween(start_, tick) > *config_.duration_seconds + 1e-9) {
      result.stop_reason = "duration reached";
      break;
    }
    if (!SleepUntil(tick)) break;
    status = Sample();
    if (!status) {
      if (++failures_in_row < config_.max_failures) continue;
      result.unreachable = true;
      result.stop_reason = result.errors.back();
      break;
    }
    failures_in_row = 0;
    MaybeFullDump(*status);
    MaybeReadMemory();
    if (hooks_.on_interval) hooks_.on_interval(*status, watcher_, result.cost);
    if (config_.until_leak && status->leak_alarm) {
      result.stopped_at_leak = true;
      result.stop_reason = "leak found";
      break;
    }
  }
  Finish();
  return std::move(out_);
}

void WatchRun::Finish() {
  WatchResult& result = out_.result;
  if (load_) {
    result.load = edge::Summarize(load_->Finish());
    const LoadState state = Load();
    result.load_started = state.started;
    result.load_ended = state.ended;
  }
  SummaryRequest request{{last_sample_seconds_, Load()}, config_.max_goroutines, config_.max_memory_bytes, 10};
  result.summary = watcher_.Summarize(request);
  const bool leak = result.summary.verdict == verdict::Verdict::kLeak;
  const bool lacks_details = leak && !result.summary.signatures[0].details;
  const bool may_dump = !last_full_dump_ || Now() - *last_full_dump_ >= config_.full_dump_period_seconds;
  if (!result.unreachable && lacks_details && may_dump) {
    TakeFullDump();
    result.summary = watcher_.Summarize(request);
  } else if (!result.unreachable && config_.read_leak_profile) {
    ReadLeakProfile();
  }
  result.url = config_.url;
  result.host_port = config_.host_port;
  result.interval_seconds = config_.interval_seconds;
  result.duration_seconds = Now();
  result.cost.elapsed_seconds = result.duration_seconds;
}

}  // namespace

WatchOutcome RunWatch(edge::ProfileSource& source, edge::Clock& clock, const WatchLoopConfig& config,
                      const WatchHooks& hooks, edge::LoadHandle* load) {
  return WatchRun(source, clock, config, hooks, load).Run();
}

}  // namespace leakrig::watch
