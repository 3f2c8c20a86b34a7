// Samples the goroutine count at a fixed interval of the injected clock,
// saving every snapshot, tagged with the run's current phase. The run calls
// SampleDue() from its own waits, so one thread does every request and a
// fake clock makes the series exact. It reads
// goroutine?debug=1, the cheapest for the fixture while it is small, and
// debug=0 (a gzipped proto, a few bytes per label set) from the first debug=1
// body over 256 KiB on: many distinct label sets make debug=1 grow by a text
// block each.
#ifndef LEAKRIG_RUNNER_SAMPLER_H_
#define LEAKRIG_RUNNER_SAMPLER_H_

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edge/clock.h"
#include "edge/profile_source.h"
#include "verdict/verdict.h"

namespace leakrig::runner {

// Reads the goroutine total from a debug=0 body; nullopt if it is not a
// whole goroutine profile.
using GoroutineCounter = std::function<std::optional<int64_t>(std::string_view body)>;

// The counter the runner uses: the goroutines in a whole goroutine?debug=1 or
// debug=0 profile (a cut or foreign body gives nullopt).
std::optional<int64_t> CountGoroutines(std::string_view body);

class Sampler {
 public:
  Sampler(edge::ProfileSource& source, edge::Clock& clock, GoroutineCounter counter, std::filesystem::path snapshot_dir,
          edge::Clock::Duration interval);

  // Takes one sample now: fetch, count, save. Returns false on failure, with
  // the reason in errors(). SampleDue() calls it; tests call it directly.
  bool SampleOnce();

  // Samples are due from `run_started` on, one per interval.
  void Start(edge::Clock::TimePoint run_started);
  // Takes a sample if one is due. A sample overdue by more than an interval
  // (a slow debug=2 dump held the run) is taken once, not once per missed
  // tick. Returns when the next one is due.
  edge::Clock::TimePoint SampleDue();
  void SetPhase(verdict::Phase phase) { phase_ = phase; }

  verdict::Series series() const;
  size_t SamplesIn(verdict::Phase phase) const;  // taken so far, failed ones aside
  std::vector<std::string> errors() const;
  std::vector<std::string> files() const;  // snapshot file names, in order

 private:
  const char* query_;
  edge::ProfileSource& source_;
  edge::Clock& clock_;
  GoroutineCounter counter_;
  std::filesystem::path dir_;
  edge::Clock::Duration interval_;
  edge::Clock::TimePoint run_started_;
  edge::Clock::TimePoint next_due_;
  verdict::Phase phase_ = verdict::Phase::kBaseline;
  verdict::Series series_;
  std::vector<std::string> errors_;
  std::vector<std::string> files_;
};

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_SAMPLER_H_
