// The growth rules: when a per-stack goroutine series is a leak, when it
// lingers, and when it is only busy. Pure: values in, values out.
//
// A leak is sustained growth that is never given back. The trend window
// must pass a Mann–Kendall test and gain at least `min_growth` goroutines
// on its Theil–Sen line, spread over several intervals (a step is not a
// trend), for `min_run` windows in a row before the alarm fires; the alarm
// is released only after `release_run` quiet windows (hysteresis). A stack
// that stops growing while requests keep coming is bounded, not leaking (a
// steady plateau under constant load); one that drains back after its load
// ended lingered; one that drains and grows again is a sawtooth, unless its
// lows keep rising too. The lows are the minimum of each chunk of samples
// (the envelope): at most 16 chunks over the whole watch, each `window`
// samples long at first and twice as long whenever the 16 fill, so a slow
// leak of a few goroutines an hour and a ratchet are both found in time.

#ifndef LEAKRIG_WATCH_GROWTH_H_
#define LEAKRIG_WATCH_GROWTH_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "verdict/verdict.h"
#include "watch/series.h"
#include "watch/trend.h"

namespace leakrig::watch {

struct GrowthRules {
  int window = 12;      // samples in the trend window
  int min_points = 5;   // no trend test on fewer
  double max_p = 0.01;  // Mann–Kendall one-sided p-value for "increasing"
  // Goroutines the fitted line must gain across the window, and at least
  // this share of the stack's level.
  int64_t min_growth = 16;
  double min_relative_growth = 0.02;
  // No single interval may carry more than this share of the window's
  // growth: a step (a pool filling, connections opening) is not a trend.
  // With uneven intervals, each rise is scaled to the mean interval.
  double max_step_share = 0.4;
  // The window must cover at least this long: a trend is growth sustained
  // in time, whatever the sampling rate. The watch samples its first window
  // fast (WatchLoopConfig::fast_interval_seconds), where six points (enough
  // for p ≤ 0.01) can be 1.25 s apart; at 1 s they span 5 s anyway.
  double min_span_seconds = 2.0;
  int min_run = 2;      // rising windows in a row before the alarm fires
  int release_run = 3;  // quiet windows in a row before it is released
  // Back within max(slack, drain_fraction × peak excess) of the baseline
  // counts as drained.
  int64_t slack = 8;
  double drain_fraction = 0.25;
  // Excess over baseline that a clean server never holds in one stack once
  // its requests are answered (connections, handlers: a few per connection).
  int64_t linger_threshold = 64;
  // After the alarm is released, flat while this many requests arrived
  // (known load) or for this long (unknown load): bounded, not a leak.
  int64_t plateau_requests = 200;
  double plateau_seconds = 120;
  // Known load: still held this long after the load ended, with no sign of
  // draining, is a leak even without a trend (the load was too short).
  double settle_seconds = 5;
};

// What the watcher knows about the load at one sample.
struct LoadState {
  bool known = false;             // leakrig drives the load itself
  std::optional<double> started;  // seconds since the watch started
  std::optional<double> ended;
  std::optional<int64_t> requests;  // completed so far
  bool running() const { return started.has_value() && !ended.has_value(); }
};

// One sample as a track sees it.
struct SampleContext {
  double seconds = 0;
  LoadState load;
};

// The trend test of one window.
struct WindowTest {
  bool rising = false;
  MannKendall mk;
  Line fit;             // goroutines per second
  double span = 0;      // seconds from the window's first sample to its last
  double growth = 0;    // fit.slope × span
  double max_step = 0;  // largest rise between neighbouring samples, per mean interval
};

WindowTest TestWindow(std::span<const double> seconds, std::span<const double> counts, const GrowthRules& rules);

struct SeriesPoint {
  double seconds = 0;
  double requests = -1;  // completed requests at the sample; -1 unknown
  int64_t count = 0;
};

struct TrackJudgement {
  verdict::Verdict verdict = verdict::Verdict::kClean;
  std::string reason;
};

// One stack's series and the state of the rules over it. Memory is fixed
// at construction: the window and a history of `history_points`.
class SignatureTrack {
 public:
  // `absent_samples`: how many earlier samples the stack was absent from
  // (a count of 0 each), so a stack born during the watch is tested over
  // the zeros before it too.
  SignatureTrack(const GrowthRules& rules, size_t history_points, int64_t baseline, int64_t absent_samples = 0);

  // Adds the stack's count at one sample. `window_seconds` are the times of
  // the watcher's last samples, this one last. `rules` are the ones given
  // at construction (passed, not kept, to keep tracks small).
  void Update(const GrowthRules& rules, const SampleContext& sample, int64_t count,
              std::span<const double> window_seconds);
  TrackJudgement Judge(const GrowthRules& rules, const SampleContext& last) const;

  bool alarm() const { return alarm_; }
  bool envelope_rising() const { return envelope_rising_; }
  bool new_alarm() const { return new_alarm_; }
  bool new_outlived() const { return new_outlived_; }
  bool grew() const { return first_alarm_ >= 0; }
  bool bounded() const { return bounded_; }
  std::optional<double> first_alarm() const;
  int64_t baseline() const { return baseline_; }
  int64_t last() const { return last_; }
  int64_t peak() const { return peak_; }
  int64_t recent_max() const;
  // Nothing to remember: no baseline, no growth, zero over a full window.
  bool Idle() const;
  // Theil–Sen line of the whole current window, tested or not.
  Line WindowFit(std::span<const double> window_seconds) const;
  const WindowTest& last_test() const { return test_; }
  // Goroutines per second over the window (the fit when it was tested,
  // else first-to-last); 0 with fewer than two samples.
  double window_slope(std::span<const double> window_seconds) const;
  const DecimatedSeries<SeriesPoint>& history() const { return history_; }
  // The span of sustained growth: from the window before the first alarm
  // to the last sample the alarm was on. Empty when it never fired.
  std::optional<std::pair<double, double>> growth_span() const;
  size_t bytes() const {
    return sizeof(*this) + window_.bytes() + history_.bytes() + envelope_.capacity() * sizeof(int64_t);
  }

 private:
  void UpdateAlarm(const GrowthRules& rules, const SampleContext& sample, std::span<const double> window_seconds);
  void UpdatePlateau(const GrowthRules& rules, const SampleContext& sample);
  void UpdateEnvelope(const GrowthRules& rules, const SampleContext& sample, std::span<const double> window_seconds);
  bool EnvelopeRising(const GrowthRules& rules) const;
  void UpdateEpisode(const GrowthRules& rules, const SampleContext& sample);
  bool Drained(const GrowthRules& rules, int64_t excess) const;
  bool HeldAfterLoad(const GrowthRules& rules, const SampleContext& last) const;

  Ring<int64_t> window_;
  std::vector<int64_t> envelope_;  // minimum of each completed chunk, oldest first
  int64_t chunk_length_ = 0;       // samples per chunk: window, doubled as it fills
  DecimatedSeries<SeriesPoint> history_;
  WindowTest test_;
  int64_t baseline_;
  int64_t last_ = 0;
  int64_t peak_ = 0;
  int64_t episode_peak_ = 0;  // highest excess since the last drain
  int64_t prior_peak_ = -1;   // highest count of drained episodes after growth
  int64_t count_at_load_end_ = -1;
  int64_t chunk_min_ = std::numeric_limits<int64_t>::max();
  int64_t chunk_fill_ = 0;
  int rising_run_ = 0;
  int quiet_run_ = 0;
  int drains_after_growth_ = 0;
  double first_alarm_ = -1;
  double growth_start_ = -1;
  double growth_end_ = -1;
  double last_rise_ = -1;  // last sample above its predecessor while alarmed
  double quiet_since_ = -1;
  int64_t quiet_since_requests_ = -1;
  bool alarm_ = false;
  bool envelope_rising_ = false;
  bool new_alarm_ = false;
  bool bounded_ = false;
  bool outlived_ = false;  // elevated after the load ended, this episode
  bool new_outlived_ = false;
  bool lingered_ = false;  // outlived its load, then drained
};

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_GROWTH_H_
