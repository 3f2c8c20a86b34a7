// The real RunExecutor: launches the sweep fixture as a child process, with
// GOMAXPROCS and GODEBUG=schedtrace in its environment, reads its report from
// stdout and its scheduler trace from the log, and drives load for http.
#ifndef LEAKRIG_SWEEP_FIXTURE_EXECUTOR_H_
#define LEAKRIG_SWEEP_FIXTURE_EXECUTOR_H_

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sweep/machine.h"
#include "sweep/sweep.h"

namespace leakrig::sweep {

struct ExecutorConfig {
  std::filesystem::path binary;   // the built sweep fixture
  std::filesystem::path log_dir;  // one log per run: <RunSpec::Name()>.log
  int goroutines = 1000;
  int http_requests = 5000;
  int http_connections = 16;
  std::chrono::milliseconds run_timeout{120000};  // for one run's report
  const std::atomic<bool>* cancel = nullptr;
};

// The scheduler trace interval: the runtime prints a SCHED line at most this
// often, and only when sysmon wakes up, which it does every 20 µs to 10 ms.
inline constexpr int kSchedTraceMs = 1;

class FixtureExecutor final : public RunExecutor {
 public:
  explicit FixtureExecutor(ExecutorConfig config) : config_(std::move(config)) {}
  RunOutput Execute(const RunSpec& spec) override;

 private:
  ExecutorConfig config_;
};

// The fixture's command line and whole environment for one run. Nothing of
// the harness's environment is passed on: a GOGC or GODEBUG of the user's
// must not change what is measured.
std::vector<std::string> FixtureArgs(const RunSpec& spec, int goroutines);
std::map<std::string, std::string> FixtureEnv(const RunSpec& spec);

// Measures the CPU time the rest of the machine uses from construction on:
// /proc/stat's busy time minus this process's and its reaped children's.
class BackgroundMeter {
 public:
  BackgroundMeter();
  // Other processes' average busy cores so far; nullopt without /proc/stat.
  std::optional<double> BackgroundCores() const;

 private:
  std::optional<CpuTimes> start_;
  double own_start_ = 0;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_FIXTURE_EXECUTOR_H_
