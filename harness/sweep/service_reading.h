// What a sweep reads from a user's running service, from outside it: the
// kernel's /proc/PID/stat, and a runtime/metrics JSON where the service
// serves one. Pure: the executor fetches the text (service_executor.h).
#ifndef LEAKRIG_SWEEP_SERVICE_READING_H_
#define LEAKRIG_SWEEP_SERVICE_READING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace leakrig::sweep {

// The fields of /proc/PID/stat a sweep uses: the process's CPU time over all
// its threads, in clock ticks, and its thread count now.
struct PidStat {
  int64_t user_ticks = 0;    // field 14, utime
  int64_t system_ticks = 0;  // field 15, stime
  int64_t threads = 0;       // field 20, num_threads
};

// Parses "1234 (api server) S 1 1234 ... ". The command name in parentheses
// may hold spaces and parentheses itself, so fields are counted from the
// last ')'. Nullopt and *error when a field is missing or not a number.
std::optional<PidStat> ParsePidStat(std::string_view text, std::string* error);

// runtime/metrics names (Go 1.26 added the goroutine states).
inline constexpr char kRunnableMetric[] = "/sched/goroutines/runnable:goroutines";
inline constexpr char kGomaxprocsMetric[] = "/sched/gomaxprocs:threads";

struct SchedMetrics {
  std::optional<int64_t> runnable;
  std::optional<int64_t> gomaxprocs;
};

// Reads the two metrics from a JSON object that has them at its top level,
// {"/sched/goroutines/runnable:goroutines": 3, ...}, as leakrig's fixtures
// serve at /debug/metrics, or one level down, as expvar's /debug/vars shows
// a map the service published: {"runtime": {"/sched/...": 3}, "memstats": ...}.
// Nullopt and *error when `body` is no JSON object.
std::optional<SchedMetrics> ParseSchedMetrics(std::string_view body, std::string* error);

// Where a service's expvar page would be: /debug/vars on the listener of
// `pprof_url`, "http://127.0.0.1:6060/debug/pprof/" -> "http://127.0.0.1:6060/debug/vars".
std::string ExpvarUrl(std::string_view pprof_url);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_SERVICE_READING_H_
