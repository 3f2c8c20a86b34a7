// Starts a user's own service through RunnerIo, so that VariantRun measures
// and judges it exactly as it does a catalog fixture. A service does not
// announce its address: leakrig picks free loopback ports, fills the
// manifest's templates with them, starts the dependencies first, and polls
// until each is ready.
#ifndef LEAKRIG_RUNNER_SERVICE_LAUNCHER_H_
#define LEAKRIG_RUNNER_SERVICE_LAUNCHER_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "runner/process_starter.h"
#include "runner/runner_io.h"
#include "scenario/service_manifest.h"

namespace leakrig::runner {

// A manifest as it will run: where its files are and what was built for it.
struct ServicePlan {
  scenario::ServiceManifest manifest;
  std::filesystem::path module_dir;  // the manifest's folder, or a worktree's copy of it
  // The built binary of the service ("service") and of each dependency built from a package.
  std::map<std::string, std::filesystem::path> binaries;
  std::string body;  // the request's body, read from body_file when it has one
  // Set for the service alone, over the launch's environment and under the
  // manifest's env: the sweep's GOMAXPROCS, which its dependencies do not get.
  std::map<std::string, std::string> service_env;
};

// Starts the dependencies, then the service (with `launch.env` and the
// manifest's env; its log is launch.log_file, each dependency's beside it).
// Returns once the service answers its ready path (or pprof) with a 2xx and
// its pprof serves goroutine profiles; otherwise nullptr with *error set and
// nothing left running.
std::unique_ptr<Fixture> LaunchService(const ServicePlan& plan, const FixtureLaunch& launch, std::string* error);

// SystemIo(), with LaunchService for the fixture and the request's method,
// headers and body for the load.
RunnerIo ServiceIo(std::shared_ptr<const ServicePlan> plan);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_SERVICE_LAUNCHER_H_
