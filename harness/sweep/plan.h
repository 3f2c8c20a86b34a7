// What a sweep runs: the options from the command line, checked, and the
// ordered list of fixture runs they expand to.
#ifndef LEAKRIG_SWEEP_PLAN_H_
#define LEAKRIG_SWEEP_PLAN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leakrig::sweep {

// Every workload of the sweep fixture, in the order a sweep reports them.
std::vector<std::string> AllWorkloads();

// A user's own service swept in place of the fixture's workloads: its
// manifest's name is the sweep's one workload, and its load the manifest's.
struct ServiceLoad {
  std::string name;      // the manifest's name
  std::string manifest;  // the leakrig.toml, as given
  std::string method;
  std::string path;
  int concurrency = 0;
  double rate = 0;              // requests/s; 0: unpaced
  double duration_seconds = 0;  // 0 with `requests` set: until those are answered
  long long requests = 0;
};

struct SweepOptions {
  std::optional<ServiceLoad> service;  // set: sweep this service, not the fixture
  std::vector<int> procs{1, 2, 4, 8};  // GOMAXPROCS values
  std::vector<std::string> workloads = AllWorkloads();
  int goroutines = 1000;
  int repeats = 5;
  int http_requests = 5000;   // per http run
  int http_connections = 16;  // keep-alive connections of the load driver
  // Also run each workload at the lowest GOMAXPROCS with sampling and
  // schedtrace off, `repeats` times, to measure what the sampling costs.
  bool measure_sampling_cost = true;
};

// Returns an error message for options no sweep can run, "" when fine.
// Sorts procs and drops duplicates; puts workloads in AllWorkloads() order.
// A service sweep's one workload is the service, with no sampling-cost runs:
// its figures are read from outside, with no sampler inside to switch off.
std::string NormalizeOptions(SweepOptions* options);

struct RunSpec {
  std::string workload;
  int gomaxprocs = 0;
  int repeat = 0;            // 1-based
  bool sampled = true;       // false: no runtime/metrics sampler, no schedtrace
  std::string Name() const;  // "cpu-p2-r3", "cpu-p1-r3-unsampled": file names
};

// The runs in the order they happen: repeat by repeat, so that a burst of
// noise from elsewhere on the machine hits one repeat of every case rather
// than every repeat of one case. Each unsampled control run directly follows
// its sampled twin.
std::vector<RunSpec> PlanRuns(const SweepOptions& options);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_PLAN_H_
