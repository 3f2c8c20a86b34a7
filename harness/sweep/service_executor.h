// The RunExecutor of `sweep --service`: starts a user's own service (and its
// dependencies) the way `run --service` does, with the run's GOMAXPROCS in
// the service's environment alone, drives the manifest's load at it, and
// reads the service from outside meanwhile: its CPU time and threads from
// /proc/PID/stat, its runnable goroutines from runtime/metrics where it
// serves them. Every process is stopped before Execute returns.
#ifndef LEAKRIG_SWEEP_SERVICE_EXECUTOR_H_
#define LEAKRIG_SWEEP_SERVICE_EXECUTOR_H_

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "runner/service_launcher.h"
#include "sweep/sweep.h"

namespace leakrig::sweep {

struct ServiceExecutorConfig {
  runner::ServicePlan plan;                // built: binaries and the request's body
  std::map<std::string, std::string> env;  // every process's environment (runner::FixtureEnv)
  // Each run's logs: <log_dir>/<RunSpec::Name()>/service.log, its dependencies' beside it.
  std::filesystem::path log_dir;
  // How often the service is read while loaded. /proc is cheap; each metrics
  // read is one small request to the service's debug listener.
  std::chrono::milliseconds sample_every{20};
  const std::atomic<bool>* cancel = nullptr;
};

class ServiceExecutor final : public RunExecutor {
 public:
  explicit ServiceExecutor(ServiceExecutorConfig config) : config_(std::move(config)) {}
  RunOutput Execute(const RunSpec& spec) override;

 private:
  // Drives the load at the started service and reads it meanwhile; "" or why the run failed.
  std::string LoadAndRead(const RunSpec& spec, const runner::ServicePlan& plan, const runner::RunnerIo& io,
                          runner::Fixture& service, const std::filesystem::path& log, RunOutput* out);

  ServiceExecutorConfig config_;
};

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_SERVICE_EXECUTOR_H_
