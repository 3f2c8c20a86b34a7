// Repeats of one (workload, GOMAXPROCS) case folded into one row: the median
// and spread of each measurement.
#ifndef LEAKRIG_SWEEP_AGGREGATE_H_
#define LEAKRIG_SWEEP_AGGREGATE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sweep/measurement.h"
#include "sweep/plan.h"

namespace leakrig::sweep {

struct Spread {
  double median = 0;
  double min = 0;
  double max = 0;
};

// Median, min and max of `values`; all 0 for none. With an even count the
// median is the mean of the two middle values.
Spread Summarize(const std::vector<double>& values);

struct HttpSummary {
  Spread rps;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0;      // medians over the repeats
  double max_ms = 0;                              // the slowest response of all repeats
  int64_t requests = 0, errors = 0, non_2xx = 0;  // totals over the repeats
};

struct SweepRow {
  std::string workload;
  int gomaxprocs = 0;
  int repeats = 0;  // runs that produced a measurement
  Spread wall_seconds;
  Spread cpu_seconds;                     // user + system
  std::optional<double> cpu_per_request;  // a service's: median CPU seconds per answered request
  // Peaks are per run; the row holds their median over the repeats, the
  // typical peak, which one unlucky sample cannot move. A figure no run
  // measured is nullopt, and `unmeasured` says why.
  std::optional<double> runnable_peak;
  double threads_peak = 0;
  std::optional<double> runqueue_global_peak;
  std::optional<double> runqueue_per_p_peak;
  std::map<std::string, std::string> unmeasured;  // kRunnablePeak, kRunQueuePeak -> why
  double samples = 0;                             // runtime/metrics readings per run
  double sampling_seconds = 0;                    // time inside metrics.Read per run
  double schedtrace_lines = 0;                    // SCHED lines per run
  std::optional<HttpSummary> http;
};

// One row per (workload, GOMAXPROCS) of `options` that has at least one
// sampled run, in workload then GOMAXPROCS order. Unsampled runs are left out.
std::vector<SweepRow> AggregateRows(const std::vector<RunMeasurement>& runs, const SweepOptions& options);

// What sampling costs: the same case run with and without it.
struct SamplingCost {
  std::string workload;
  int gomaxprocs = 0;
  double sampled_wall_seconds = 0;    // median
  double unsampled_wall_seconds = 0;  // median
  double overhead = 0;                // sampled / unsampled - 1
  double metrics_read_seconds = 0;    // median time inside metrics.Read per run
  double schedtrace_lines = 0;        // median SCHED lines per run
};

// One entry per workload that has both sampled and unsampled runs at the
// same GOMAXPROCS.
std::vector<SamplingCost> CompareSampling(const std::vector<RunMeasurement>& runs, const SweepOptions& options);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_AGGREGATE_H_
