#include "sweep/sweep.h"

#include <fmt/format.h>

namespace leakrig::sweep {
namespace {

// Runs the plan into result->runs, result->warnings and result->errors.
void RunAll(const std::vector<RunSpec>& plan, RunExecutor& executor, const SweepHooks& hooks, SweepResult* result) {
  for (size_t i = 0; i < plan.size(); ++i) {
    if (hooks.cancel && hooks.cancel->load()) {
      result->interrupted = true;
      return;
    }
    if (result->errors.size() >= kMaxFailedRuns) {
      result->errors.push_back(fmt::format("gave up after {} failed runs", kMaxFailedRuns));
      return;
    }
    if (hooks.on_run) hooks.on_run(plan[i], i, plan.size());
    RunOutput output = executor.Execute(plan[i]);
    std::string error;
    auto measurement = MeasureRun(plan[i], output, &error);
    if (!measurement) {
      // A run cut short by Ctrl-C is not a failure of the fixture.
      if (hooks.cancel && hooks.cancel->load()) continue;
      result->errors.push_back(fmt::format("{}: {}", plan[i].Name(), error));
      continue;
    }
    for (auto& w : measurement->warnings) result->warnings.push_back(std::move(w));
    measurement->warnings.clear();
    result->runs.push_back(std::move(*measurement));
  }
}

}  // namespace

SweepResult RunSweep(const SweepOptions& options, const Machine& machine, RunExecutor& executor,
                     const SweepHooks& hooks) {
  SweepResult result;
  result.options = options;
  result.machine = machine;
  result.warnings = OversubscriptionWarnings(options.procs, machine);
  std::vector<RunSpec> plan = PlanRuns(options);
  result.planned_runs = plan.size();
  RunAll(plan, executor, hooks, &result);
  result.rows = AggregateRows(result.runs, options);
  result.sampling = CompareSampling(result.runs, options);
  // The article's claims are about the fixture's sleep workload; a service has none.
  if (!options.service) result.claims = CheckClaims(ArticleClaims(), result.rows, options.goroutines);
  return result;
}

void AddBackgroundLoad(double background_cores, SweepResult* result) {
  result->machine.background_cores = background_cores;
  if (auto warning = ContentionWarning(background_cores, result->machine.cores)) {
    result->warnings.insert(result->warnings.begin(), *warning);
  }
}

}  // namespace leakrig::sweep
