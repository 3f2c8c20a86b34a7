#include "sweep/plan.h"

#include <fmt/format.h>

#include <algorithm>

namespace leakrig::sweep {

std::vector<std::string> AllWorkloads() { return {"sleep", "cpu", "syscall", "mixed", "http"}; }

namespace {

// The workloads' position in AllWorkloads(); -1 for an unknown name.
int WorkloadRank(std::string_view name) {
  std::vector<std::string> all = AllWorkloads();
  auto it = std::find(all.begin(), all.end(), name);
  return it == all.end() ? -1 : static_cast<int>(it - all.begin());
}

}  // namespace

std::string NormalizeOptions(SweepOptions* options) {
  if (options->procs.empty()) return "--procs needs at least one value";
  for (int p : options->procs) {
    if (p < 1 || p > 1024) return fmt::format("GOMAXPROCS {} is out of range (1 to 1024)", p);
  }
  std::sort(options->procs.begin(), options->procs.end());
  options->procs.erase(std::unique(options->procs.begin(), options->procs.end()), options->procs.end());
  if (options->repeats < 1) return "--repeat must be at least 1";
  if (options->service) {
    options->workloads = {options->service->name};
    options->measure_sampling_cost = false;
    return "";
  }
  if (options->workloads.empty()) return "--workload needs at least one name";
  for (const auto& w : options->workloads) {
    if (WorkloadRank(w) < 0) {
      return fmt::format("unknown workload \"{}\" (want sleep, cpu, syscall, mixed or http)", w);
    }
  }
  auto& w = options->workloads;
  std::sort(w.begin(), w.end(), [](const auto& a, const auto& b) { return WorkloadRank(a) < WorkloadRank(b); });
  w.erase(std::unique(w.begin(), w.end()), w.end());
  if (options->goroutines < 1) return "--goroutines must be at least 1";
  return "";
}

std::string RunSpec::Name() const {
  return fmt::format("{}-p{}-r{}{}", workload, gomaxprocs, repeat, sampled ? "" : "-unsampled");
}

std::vector<RunSpec> PlanRuns(const SweepOptions& options) {
  std::vector<RunSpec> runs;
  for (int repeat = 1; repeat <= options.repeats; ++repeat) {
    for (const auto& workload : options.workloads) {
      for (int p : options.procs) {
        runs.push_back({workload, p, repeat, true});
        bool control = options.measure_sampling_cost && p == options.procs.front();
        if (control) runs.push_back({workload, p, repeat, false});
      }
    }
  }
  return runs;
}

}  // namespace leakrig::sweep
