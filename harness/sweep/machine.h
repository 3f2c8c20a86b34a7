// The machine a sweep ran on: cores, the container's CPU limit, and the
// GOMAXPROCS Go picks by itself. Pure: the caller reads the files.
#ifndef LEAKRIG_SWEEP_MACHINE_H_
#define LEAKRIG_SWEEP_MACHINE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leakrig::sweep {

struct Machine {
  int cores = 0;  // CPUs this process may run on (sched_getaffinity)
  // The cgroup CPU bandwidth limit in CPUs (quota / period); nullopt when
  // there is none. Go 1.25+ caps its default GOMAXPROCS by it.
  std::optional<double> cpu_limit;
  std::string cpu_limit_source;  // the file and its content, or why unknown
  int go_default_gomaxprocs = 0;  // what the fixture got with GOMAXPROCS unset; 0: unknown
};

// Parses cgroup v2 `cpu.max`: "max 100000" (no limit) or "150000 100000"
// (1.5 CPUs). Returns false and sets *error on anything else.
bool ParseCpuMax(std::string_view content, std::optional<double>* limit, std::string* error);

// Parses cgroup v1 `cpu.cfs_quota_us` and `cpu.cfs_period_us`: a quota of -1
// means no limit.
bool ParseCfsQuota(std::string_view quota, std::string_view period, std::optional<double>* limit,
                   std::string* error);

// Go 1.25+'s default: min(cores, max(2, ceil(limit))), or cores without a
// limit (runtime/cgroup_linux.go, defaultGOMAXPROCS).
int ExpectedGoDefault(int cores, std::optional<double> limit);

// One warning per requested GOMAXPROCS above the cores: those results show
// oversubscription (more Ps than CPUs), not more parallelism.
std::vector<std::string> OversubscriptionWarnings(const std::vector<int>& procs, const Machine& machine);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_MACHINE_H_
