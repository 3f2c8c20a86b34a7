// The watcher: a goroutine series per stack signature, fed one cheap
// profile per interval, judged by the growth rules. Pure and single
// threaded; the I/O loop (watch_loop.h) feeds it.
//
//   Watcher w(WatchOptions{});
//   IntervalStatus s = w.Observe({seconds, total, CountStacks(groups), load});
//   if (s.want_full_dump) w.AttachDetails(Aggregate(debug2, kFunctions));
//   WatchSummary summary = w.Summarize(SummaryRequest{...});
//
// Memory is bounded by the options alone: at most `max_signatures` tracks
// of a fixed window and history each; stacks beyond that are evicted (the
// least interesting first) or counted together as "(other stacks)".

#ifndef LEAKRIG_WATCH_WATCHER_H_
#define LEAKRIG_WATCH_WATCHER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "profile/aggregate.h"
#include "verdict/verdict.h"
#include "watch/growth.h"
#include "watch/series.h"
#include "watch/signature_table.h"

namespace leakrig::watch {

// Goroutines on one stack signature in one sample; views stay valid for
// the duration of the Observe call only.
struct StackCount {
  std::string_view signature;
  std::string_view top_function;
  int64_t count = 0;
  // Idle by design (profile::IsBackgroundGoroutine: the runtime's workers,
  // an HTTP server's idle keep-alive connections, the profile writer). Its
  // growth follows the clients, not the code: it is reported, but never
  // makes the watch's verdict nor its alarms.
  bool background = false;
};

// Sums the groups by signature (Aggregate splits them by wait reason and
// labels); the views point into `groups`. A signature is background when
// its largest group is.
std::vector<StackCount> CountStacks(const std::vector<profile::Group>& groups);

struct WatchOptions {
  GrowthRules rules;
  size_t max_signatures = 1000;
  size_t max_signature_bytes = 4u << 20;
  size_t history_points = 128;         // per stack, for rates and the report
  size_t total_history_points = 1024;  // of the total and memory series
};

struct Observation {
  double seconds = 0;  // since the watch started
  int64_t total = 0;   // goroutines in the profile
  std::vector<StackCount> stacks;
  LoadState load;
};

// One line of the live output.
struct IntervalStatus {
  int64_t sample = 0;
  double seconds = 0;
  int64_t total = 0;
  double total_slope = 0;  // goroutines per second over the window
  bool total_rising = false;
  bool has_top = false;  // a stack grew over the window
  std::string top_function;
  int64_t top_excess = 0;  // over its baseline
  double top_slope = 0;    // goroutines per second over the window
  bool top_alarm = false;
  int alarms = 0;  // stacks whose growth alarm is on
  // A growth alarm fired or a stack outlived its load: the time to take a
  // full (debug=2) dump, if the period allows.
  bool want_full_dump = false;
  bool leak_alarm = false;  // an alarm is on for a stack not known bounded
};

// From a full dump: what the cheap profile cannot say about a stack.
struct StackDetails {
  std::string wait_reason;
  std::string created_by;
  std::string location;
  int64_t leaked = 0;  // flagged by the Go 1.26 leak GC
};

struct SignatureSummary {
  std::string signature;
  std::string top_function;
  std::optional<StackDetails> details;
  bool background = false;  // see StackCount::background
  verdict::Verdict verdict = verdict::Verdict::kClean;
  std::string reason;
  int64_t baseline = 0, peak = 0, last = 0;
  std::optional<double> first_alarm_seconds;
  std::optional<double> rate_per_minute;
  std::optional<double> rate_per_1000_requests;
  std::vector<SeriesPoint> series;
};

struct MemoryPoint {
  double seconds = 0;
  int64_t bytes = 0;
};

struct SummaryRequest {
  SampleContext last;  // the load state at the end
  std::optional<int64_t> max_goroutines;
  std::optional<int64_t> max_memory_bytes;
  size_t top = 10;  // stacks reported beside the judged ones
};

struct WatchSummary {
  verdict::Verdict verdict = verdict::Verdict::kClean;
  std::string reason;
  std::vector<SignatureSummary> signatures;  // leak, lingering, then most grown
  int64_t samples = 0;
  int64_t total_baseline = 0, total_peak = 0, total_last = 0;
  std::vector<SeriesPoint> total_series;
  std::optional<double> total_rate_per_minute;  // over the last window
  std::optional<double> detect_seconds;         // first alarm, since the start
  std::optional<double> seconds_to_max_goroutines;
  std::vector<MemoryPoint> memory_series;
  std::optional<double> seconds_to_max_memory;
  size_t signatures_tracked = 0;
  int64_t signatures_evicted = 0;
};

// A stack's gauges for the OpenMetrics exposition.
struct StackGauge {
  std::string signature;
  std::string top_function;
  int64_t count = 0;
  int64_t baseline = 0;
  double slope = 0;  // goroutines per second over the window
  bool alarm = false;
  bool background = false;
};

class Watcher {
 public:
  explicit Watcher(WatchOptions options);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  IntervalStatus Observe(const Observation& observation);
  // Records wait reasons, creators and locations for the tracked stacks.
  void AttachDetails(const std::vector<profile::Group>& groups);
  void ObserveMemory(double seconds, int64_t bytes);
  WatchSummary Summarize(const SummaryRequest& request) const;
  // The `top` stacks by count, alarmed ones first.
  std::vector<StackGauge> Gauges(size_t top) const;

  int64_t samples() const { return samples_; }
  size_t tracked() const { return table_.size(); }
  int64_t evicted() const { return evicted_; }
  // Heap bytes held by the watcher's state (table, tracks, histories).
  size_t ApproximateBytes() const;

 private:
  struct Slot {
    Slot(const GrowthRules& rules, size_t history_points, int64_t baseline, int64_t absent_samples)
        : track(rules, history_points, baseline, absent_samples) {}
    SignatureTrack track;
    std::unique_ptr<StackDetails> details;  // from the last full dump, if any
    bool background = false;
  };

  void Admit(std::vector<const StackCount*>& pending, std::vector<int64_t>* counts, int64_t* other);
  std::optional<SignatureId> Evict(int64_t incoming, std::vector<int64_t>* counts, int64_t* other);
  SignatureId Insert(const StackCount& stack);
  void DropIdleTracks();
  IntervalStatus Status(const Observation& observation) const;
  SignatureSummary SummarizeTrack(const SignatureTrack& track, std::string_view signature,
                                  std::string_view top_function, const StackDetails* details, bool background,
                                  const SampleContext& last) const;
  void SummarizeTotals(const SummaryRequest& request, WatchSummary* summary) const;

  WatchOptions options_;
  SignatureTable table_;
  std::vector<std::unique_ptr<Slot>> slots_;  // indexed by SignatureId
  std::unique_ptr<SignatureTrack> other_;     // stacks beyond the table
  std::unique_ptr<SignatureTrack> total_;
  Ring<double> times_;
  std::vector<double> window_seconds_;  // times_ in order, rebuilt per sample
  Ring<MemoryPoint> memory_window_;
  DecimatedSeries<MemoryPoint> memory_history_;
  int64_t samples_ = 0;
  int64_t evicted_ = 0;
  std::optional<double> first_alarm_;
};

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_WATCHER_H_
