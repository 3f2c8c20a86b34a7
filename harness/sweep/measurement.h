// One fixture run, from the raw output the launcher collects to the
// measurement the aggregation works on.
#ifndef LEAKRIG_SWEEP_MEASUREMENT_H_
#define LEAKRIG_SWEEP_MEASUREMENT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sweep/plan.h"
#include "sweep/schedtrace.h"
#include "verdict/result.h"

namespace leakrig::sweep {

// The fixture's own report: the one JSON line it prints on stdout when its
// workload is done (go-fixtures/sweep/run.go, type Report).
struct FixtureReport {
  std::string workload;
  int gomaxprocs = 0;
  int num_cpu = 0;
  int goroutines = 0;
  double sleep_seconds = 0;
  int64_t iterations = 0;
  double wall_seconds = 0;  // the workload alone: no process start or exit
  double user_seconds = 0;  // the whole process's CPU over the same span
  double sys_seconds = 0;
  int64_t runnable_peak = 0;  // runtime/metrics, sampled
  int64_t threads_peak = 0;
  int64_t samples = 0;
  double sampling_seconds = 0;  // time spent inside metrics.Read
};

// Parses {"workload":"cpu","gomaxprocs":2,...}. Returns nullopt and sets
// *error when the line is not that object or a field is missing.
std::optional<FixtureReport> ParseFixtureReport(std::string_view line, std::string* error);

// What the load driver measured against the http workload.
// Throughput and latency of the http workload: the harness's one load summary.
using HttpLoad = verdict::LoadSummary;
using verdict::SummarizeLoad;

// A run of a user's own service, read from outside it while its load ran
// (service_executor.h): it prints no report and may serve no runtime/metrics.
struct ServiceReading {
  double user_seconds = 0;  // the service process's CPU over the load, /proc/PID/stat
  double sys_seconds = 0;
  int64_t threads_peak = 0;              // most OS threads at once, /proc/PID/stat, sampled
  std::optional<int64_t> runnable_peak;  // /sched/goroutines/runnable:goroutines, sampled
  std::string runnable_unmeasured;       // why runnable_peak is nullopt
  int64_t samples = 0;
  double metrics_seconds = 0;         // the metrics requests' time, summed
  std::vector<std::string> warnings;  // e.g. metrics reads that failed
};

// What one run left behind, unparsed. The launcher fills it.
struct RunOutput {
  std::vector<std::string> stdout_lines;  // as read, in order; the report is the last
  std::string log_text;                   // the child's stderr, with copies of stdout_lines inside
  std::optional<HttpLoad> load;           // http and services only
  std::optional<ServiceReading> service;  // a service's run: no report, no schedtrace
  std::string error;                      // the run failed: why (then nothing else counts)
};

// Figures a service run has no value for; keys of RunMeasurement::Unmeasured().
inline constexpr char kRunnablePeak[] = "runnable_peak";
inline constexpr char kRunQueuePeak[] = "runqueue_peak";

struct RunMeasurement {
  RunSpec spec;
  FixtureReport fixture;                  // the sweep fixture's report; empty for a service
  std::optional<ServiceReading> service;  // set for a service's run
  RunQueuePeaks runqueue;
  std::optional<HttpLoad> http;
  std::vector<std::string> warnings;

  // http and services: the time the load took to get its answers; otherwise
  // the fixture's own timing of its workload.
  double WallSeconds() const { return http ? http->seconds : fixture.wall_seconds; }
  double CpuSeconds() const;
  // A service's CPU seconds per answered request; nullopt for the fixture.
  std::optional<double> CpuPerRequest() const;
  std::optional<int64_t> RunnablePeak() const;
  int64_t ThreadsPeak() const;
  std::optional<RunQueuePeaks> RunQueues() const;  // nullopt for a service
  double Samples() const;
  double SamplingSeconds() const;
  // The figures above that are nullopt, each with why: {"runnable_peak": "..."}.
  std::map<std::string, std::string> Unmeasured() const;
};

// Parses a run's report and its schedtrace. Fails when the run failed, the
// report is unreadable, or the fixture ran with another GOMAXPROCS or
// workload than asked; schedtrace lines that do not parse become warnings.
// A service's run has its reading and load instead, and needs both.
std::optional<RunMeasurement> MeasureRun(const RunSpec& spec, const RunOutput& output, std::string* error);

// The log holds the child's stderr and the harness's copies of its stdout,
// written when the harness read them. The runtime writes a SCHED line in many
// small writes, so a copy can land inside one; taking each copy out (the
// first occurrence of each line, newline included) restores the trace.
std::string StripStdoutCopies(std::string log, const std::vector<std::string>& stdout_lines);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_MEASUREMENT_H_
