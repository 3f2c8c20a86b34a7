// The sweep itself: every planned run, through an executor, into rows,
// sampling costs and claim checks. Pure: the executor does the I/O.
#ifndef LEAKRIG_SWEEP_SWEEP_H_
#define LEAKRIG_SWEEP_SWEEP_H_

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "sweep/aggregate.h"
#include "sweep/claims.h"
#include "sweep/machine.h"
#include "sweep/measurement.h"
#include "sweep/plan.h"

namespace leakrig::sweep {

// Runs the fixture once as `spec` says and returns what it left behind. The
// real one launches a process (fixture_executor.h); tests pass a fake.
class RunExecutor {
 public:
  virtual ~RunExecutor() = default;
  virtual RunOutput Execute(const RunSpec& spec) = 0;
};

struct SweepHooks {
  // Called before each run with its 0-based position among `total` runs.
  std::function<void(const RunSpec& spec, size_t index, size_t total)> on_run;
  const std::atomic<bool>* cancel = nullptr;  // set by a signal handler
};

struct SweepResult {
  SweepOptions options;
  Machine machine;
  std::vector<RunMeasurement> runs;  // in the order they ran
  std::vector<SweepRow> rows;
  std::vector<SamplingCost> sampling;
  std::vector<ClaimCheck> claims;
  std::vector<std::string> warnings;  // oversubscription, unreadable schedtrace lines
  std::vector<std::string> errors;    // runs that failed
  size_t planned_runs = 0;
  bool interrupted = false;
  bool ok() const { return errors.empty() && !interrupted; }
};

// A sweep gives up after this many failed runs: the fixture is broken, and
// every further run would only wait for its timeout.
inline constexpr size_t kMaxFailedRuns = 3;

SweepResult RunSweep(const SweepOptions& options, const Machine& machine, RunExecutor& executor,
                     const SweepHooks& hooks);

// Records what other processes used while the sweep ran, and warns first
// thing when it was enough to skew the results.
void AddBackgroundLoad(double background_cores, SweepResult* result);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_SWEEP_H_
