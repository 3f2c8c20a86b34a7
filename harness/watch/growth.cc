#include "watch/growth.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace leakrig::watch {
namespace {

using verdict::Verdict;

// Chunk minima kept in the envelope (even: full, pairs merge).
constexpr size_t kEnvelopeChunks = 16;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

double GrowthNeeded(const GrowthRules& rules, double level) {
  return std::max(static_cast<double>(rules.min_growth), rules.min_relative_growth * level);
}

}  // namespace

WindowTest TestWindow(std::span<const double> seconds, std::span<const double> counts, const GrowthRules& rules) {
  WindowTest test;
  const size_t n = std::min(seconds.size(), counts.size());
  if (n < static_cast<size_t>(std::max(rules.min_points, 3))) return test;
  seconds = seconds.last(n);
  counts = counts.last(n);
  test.span = seconds.back() - seconds.front();
  // Each rise is scaled to the window's mean interval: across a gap twice
  // as long, a trend rises twice as much without being a step (the first
  // window is sampled fast, and the cost rule may stretch any interval).
  const double mean_interval = test.span / static_cast<double>(n - 1);
  for (size_t i = 1; i < n; ++i) {
    const double rise = counts[i] - counts[i - 1], gap = seconds[i] - seconds[i - 1];
    const double scaled = gap > 0 ? rise * mean_interval / gap : rise > 0 ? kInfinity : 0;
    test.max_step = std::max(test.max_step, scaled);
  }
  const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
  // Cheap first: a window too short, or that never spans the minimum
  // growth, cannot pass.
  if (test.span < rules.min_span_seconds || *hi - *lo < GrowthNeeded(rules, *hi)) return test;
  test.mk = MannKendallTest(counts);
  test.fit = TheilSen(seconds, counts);
  test.growth = test.fit.valid ? test.fit.slope * test.span : 0;
  // Still rising at its end: the window's second half climbs at least half
  // as fast as the whole. A climb that has stopped (a pool or a cache
  // warming up) is not a trend once it lies in the window's past, however
  // evenly it climbed.
  const size_t half = (n + 1) / 2;
  const Line recent = TheilSen(seconds.last(half), counts.last(half));
  const bool still_rising = recent.valid && recent.slope >= 0.5 * test.fit.slope;
  test.rising = test.fit.valid && test.mk.p_increasing <= rules.max_p && test.growth >= GrowthNeeded(rules, *hi) &&
                test.max_step <= rules.max_step_share * (*hi - *lo) && still_rising;
  return test;
}

SignatureTrack::SignatureTrack(const GrowthRules& rules, size_t history_points, int64_t baseline,
                               int64_t absent_samples)
    : window_(static_cast<size_t>(std::max(rules.window, 2))),
      chunk_length_(std::max(rules.window, 2)),
      history_(history_points),
      baseline_(baseline),
      last_(baseline),
      peak_(baseline) {
  const auto zeros = std::min<int64_t>(absent_samples, static_cast<int64_t>(window_.capacity()) - 1);
  for (int64_t i = 0; i < zeros; ++i) window_.Push(0);
  envelope_.reserve(kEnvelopeChunks);
}

void SignatureTrack::Update(const GrowthRules& rules, const SampleContext& sample, int64_t count,
                            std::span<const double> window_seconds) {
  const bool rose = !window_.empty() && count > window_.back();
  window_.Push(count);
  last_ = count;
  peak_ = std::max(peak_, count);
  const double requests = sample.load.requests ? static_cast<double>(*sample.load.requests) : -1;
  history_.Add({sample.seconds, requests, count});
  UpdateAlarm(rules, sample, window_seconds);
  UpdateEnvelope(rules, sample, window_seconds);
  if ((alarm_ || envelope_rising_) && rose) last_rise_ = sample.seconds;
  if (alarm_ || envelope_rising_) growth_end_ = sample.seconds;
  UpdatePlateau(rules, sample);
  UpdateEpisode(rules, sample);
}

void SignatureTrack::UpdateAlarm(const GrowthRules& rules, const SampleContext& sample,
                                 std::span<const double> window_seconds) {
  new_alarm_ = false;
  const size_t n = std::min(window_.size(), window_seconds.size());
  const std::span<const double> times = window_seconds.last(n);
  test_ = WindowTest{};
  // Most stacks are flat: skip the copy and the O(n²) tests for them.
  int64_t lo = window_.back(), hi = lo;
  for (size_t i = window_.size() - n; i < window_.size(); ++i) {
    lo = std::min(lo, window_[i]);
    hi = std::max(hi, window_[i]);
  }
  if (static_cast<double>(hi - lo) >= GrowthNeeded(rules, static_cast<double>(hi))) {
    std::vector<double> counts;
    counts.reserve(n);
    window_.CopyLast(n, &counts);
    test_ = TestWindow(times, counts, rules);
  }
  if (!test_.rising) {
    rising_run_ = 0;
    if (alarm_ && ++quiet_run_ >= rules.release_run) {
      alarm_ = false;
      quiet_since_ = sample.seconds;
      quiet_since_requests_ = sample.load.running() && sample.load.requests ? *sample.load.requests : -1;
    }
  } else {
    quiet_run_ = 0;
    if (!alarm_ && ++rising_run_ >= rules.min_run) {
      alarm_ = new_alarm_ = true;
      bounded_ = false;
      if (first_alarm_ < 0) {
        first_alarm_ = sample.seconds;
        growth_start_ = times.front();
      }
    }
  }
}

// Tested once per completed chunk; the answer holds until the next one.
void SignatureTrack::UpdateEnvelope(const GrowthRules& rules, const SampleContext& sample,
                                    std::span<const double> window_seconds) {
  chunk_min_ = std::min(chunk_min_, last_);
  if (++chunk_fill_ < chunk_length_) return;
  if (envelope_.size() == kEnvelopeChunks) {  // full: pairs merge, chunks double
    for (size_t i = 0; i < kEnvelopeChunks / 2; ++i) {
      envelope_[i] = std::min(envelope_[2 * i], envelope_[2 * i + 1]);
    }
    envelope_.resize(kEnvelopeChunks / 2);
    chunk_length_ *= 2;
  }
  envelope_.push_back(chunk_min_);
  chunk_min_ = std::numeric_limits<int64_t>::max();
  chunk_fill_ = 0;
  const bool was_rising = envelope_rising_;
  envelope_rising_ = EnvelopeRising(rules);
  if (!envelope_rising_ || was_rising) return;
  new_alarm_ = true;
  bounded_ = false;
  if (first_alarm_ < 0) {
    first_alarm_ = sample.seconds;
    growth_start_ = window_seconds.front();
  }
}

// The lows rise: the last three chunk minima each above the one before,
// and the whole envelope passes the window's trend test (per chunk).
bool SignatureTrack::EnvelopeRising(const GrowthRules& rules) const {
  const size_t n = envelope_.size();
  if (n < static_cast<size_t>(std::max(rules.min_points, 3))) return false;
  if (!(envelope_[n - 1] > envelope_[n - 2] && envelope_[n - 2] > envelope_[n - 3])) return false;
  std::vector<double> chunks, lows;
  for (size_t i = 0; i < n; ++i) {
    chunks.push_back(static_cast<double>(i));
    lows.push_back(static_cast<double>(envelope_[i]));
  }
  GrowthRules per_chunk = rules;  // the x axis counts chunks, not seconds
  per_chunk.min_span_seconds = 0;
  return TestWindow(chunks, lows, per_chunk).rising;
}

// A stack that stopped growing although requests kept coming is bounded:
// a leak grows with every request it serves.
void SignatureTrack::UpdatePlateau(const GrowthRules& rules, const SampleContext& sample) {
  if (alarm_ || envelope_rising_ || !grew() || bounded_) return;
  if (!sample.load.known) {
    bounded_ = sample.seconds - quiet_since_ >= rules.plateau_seconds;
    return;
  }
  if (!sample.load.running() || !sample.load.requests) return;
  if (quiet_since_requests_ < 0) quiet_since_requests_ = *sample.load.requests;
  bounded_ = *sample.load.requests - quiet_since_requests_ >= rules.plateau_requests;
}

bool SignatureTrack::Drained(const GrowthRules& rules, int64_t excess) const {
  const double tolerance =
      std::max(static_cast<double>(rules.slack), rules.drain_fraction * static_cast<double>(episode_peak_));
  return static_cast<double>(excess) <= tolerance;
}

void SignatureTrack::UpdateEpisode(const GrowthRules& rules, const SampleContext& sample) {
  new_outlived_ = false;
  const int64_t excess = last_ - baseline_;
  episode_peak_ = std::max(episode_peak_, excess);
  const bool after_load = sample.load.known && sample.load.ended && sample.seconds > *sample.load.ended;
  if (after_load && count_at_load_end_ < 0) count_at_load_end_ = last_;
  if (after_load && excess > rules.linger_threshold && !outlived_) outlived_ = new_outlived_ = true;
  if (episode_peak_ < rules.min_growth || !Drained(rules, excess)) return;
  // An episode ended: the stack is back near its baseline.
  if (outlived_ || (grew() && !sample.load.known)) lingered_ = true;
  if (grew()) {
    ++drains_after_growth_;
    prior_peak_ = std::max(prior_peak_, baseline_ + episode_peak_);
  }
  episode_peak_ = 0;
  outlived_ = false;
}

bool SignatureTrack::HeldAfterLoad(const GrowthRules& rules, const SampleContext& last) const {
  if (!last.load.known || !last.load.ended || !outlived_ || bounded_) return false;
  if (last.seconds - *last.load.ended < rules.settle_seconds) return false;
  // Lingering work starts to drain when its timeouts fire; a leak does not.
  return static_cast<double>(last_) >= 0.9 * static_cast<double>(count_at_load_end_);
}

TrackJudgement SignatureTrack::Judge(const GrowthRules& rules, const SampleContext& last) const {
  const int64_t excess = last_ - baseline_;
  const bool drained = Drained(rules, excess);
  const bool sawtooth = drains_after_growth_ > 0 && last_ <= prior_peak_ + rules.min_growth;
  if (envelope_rising_) {
    return {Verdict::kLeak,
            fmt::format("its lows keep rising: {} at the last trough, from {}", envelope_.back(), baseline_)};
  }
  if (grew() && !bounded_ && !drained && !sawtooth) {
    return {Verdict::kLeak, fmt::format("grew from {} to {} and was not released", baseline_, last_)};
  }
  if (HeldAfterLoad(rules, last)) {
    return {Verdict::kLeak, fmt::format("still {} above its baseline {:.0f} s after the load ended", excess,
                                        last.seconds - *last.load.ended)};
  }
  if (!last.load.known && lingered_ && drains_after_growth_ > 1) {
    return {Verdict::kClean, fmt::format("a sawtooth: grew and drained {} times", drains_after_growth_)};
  }
  if (lingered_) {
    return {Verdict::kLingering, fmt::format("rose to {} (baseline {}), held it after its trigger, then drained to {}",
                                             peak_, baseline_, last_)};
  }
  if (outlived_) {
    return {Verdict::kLingering, fmt::format("still {} above its baseline after the load ended", excess)};
  }
  if (bounded_) {
    return {Verdict::kClean, fmt::format("grew, then held steady at {} while the load went on", last_)};
  }
  return {Verdict::kClean, ""};
}

std::optional<double> SignatureTrack::first_alarm() const {
  if (first_alarm_ < 0) return std::nullopt;
  return first_alarm_;
}

int64_t SignatureTrack::recent_max() const {
  int64_t m = 0;
  for (size_t i = 0; i < window_.size(); ++i) m = std::max(m, window_[i]);
  return m;
}

bool SignatureTrack::Idle() const {
  return baseline_ == 0 && first_alarm_ < 0 && !lingered_ && !outlived_ && window_.size() == window_.capacity() &&
         recent_max() == 0;
}

Line SignatureTrack::WindowFit(std::span<const double> window_seconds) const {
  const size_t n = std::min(window_.size(), window_seconds.size());
  std::vector<double> counts;
  counts.reserve(n);
  window_.CopyLast(n, &counts);
  return TheilSen(window_seconds.last(n), counts);
}

double SignatureTrack::window_slope(std::span<const double> window_seconds) const {
  if (test_.fit.valid) return test_.fit.slope;
  const size_t n = std::min(window_.size(), window_seconds.size());
  if (n < 2) return 0;
  const double span = window_seconds.back() - window_seconds[window_seconds.size() - n];
  if (span <= 0) return 0;
  return static_cast<double>(window_.back() - window_[window_.size() - n]) / span;
}

std::optional<std::pair<double, double>> SignatureTrack::growth_span() const {
  if (first_alarm_ < 0) return std::nullopt;
  // A leak's rate is its slope while it grew, not diluted by the plateau
  // the alarm's hysteresis still covers.
  return std::make_pair(growth_start_, last_rise_ > growth_start_ ? std::min(growth_end_, last_rise_) : growth_end_);
}

}  // namespace leakrig::watch
