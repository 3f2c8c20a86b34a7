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
  std::string cpu_limit_source;   // the file and its content, or why unknown
  int go_default_gomaxprocs = 0;  // what the fixture got with GOMAXPROCS unset; 0: unknown
  std::string go_version;         // the Go that built the fixture, "go1.27.3"
  // Cores other processes kept busy while the sweep ran (see BackgroundCores);
  // nullopt when unknown.
  std::optional<double> background_cores;
};

// Parses cgroup v2 `cpu.max`: "max 100000" (no limit) or "150000 100000"
// (1.5 CPUs). Returns false and sets *error on anything else.
bool ParseCpuMax(std::string_view content, std::optional<double>* limit, std::string* error);

// Parses cgroup v1 `cpu.cfs_quota_us` and `cpu.cfs_period_us`: a quota of -1
// means no limit.
bool ParseCfsQuota(std::string_view quota, std::string_view period, std::optional<double>* limit, std::string* error);

// Go 1.25+'s default: min(cores, max(2, ceil(limit))), or cores without a
// limit (runtime/cgroup_linux.go, defaultGOMAXPROCS).
int ExpectedGoDefault(int cores, std::optional<double> limit);

// The first line of /proc/stat, "cpu  4705 356 584 3699 23 23 0 0 0 0", in
// seconds: busy (user, nice, system, irq, softirq, steal) and all of it.
struct CpuTimes {
  double busy_seconds = 0;
  double total_seconds = 0;
};
bool ParseProcStat(std::string_view text, double ticks_per_second, CpuTimes* out, std::string* error);

// How many cores other processes kept busy, on average, while the sweep ran:
// the machine's busy time minus the sweep's own (harness and fixtures), over
// the sweep's wall time. Never below 0.
double BackgroundCores(const CpuTimes& before, const CpuTimes& after, double own_cpu_seconds, double wall_seconds);

// A warning when other processes took a noticeable share of the cores: then
// CPU-bound results are slower and noisier than on a quiet machine.
std::optional<std::string> ContentionWarning(double background_cores, int cores);

// One warning per requested GOMAXPROCS above the cores: those results show
// oversubscription (more Ps than CPUs), not more parallelism.
std::vector<std::string> OversubscriptionWarnings(const std::vector<int>& procs, const Machine& machine);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_MACHINE_H_
