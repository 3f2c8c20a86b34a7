// A user's own service as the runner sees it: its packages built, its
// manifest turned into a one-variant scenario, and VariantRun run on it
// through ServiceIo.
#ifndef LEAKRIG_RUNNER_SERVICE_BUILD_H_
#define LEAKRIG_RUNNER_SERVICE_BUILD_H_

#include <filesystem>
#include <string>

#include "runner/service_launcher.h"
#include "runner/variant_runner.h"

namespace leakrig::runner {

// Builds the service and every dependency that names a package, with `go
// build` in `module_dir` (cached by source hash, package, flags and Go
// version), and reads the request's body file. Their build log goes to
// `log_file`. Returns why it failed, with the log's last lines, or "".
std::string PrepareServicePlan(const RunContext& context, const scenario::ServiceManifest& manifest,
                               const std::filesystem::path& module_dir, const std::filesystem::path& log_file,
                               ServicePlan* plan);

// Builds one process's package with `go build` in `module_dir` (cached by
// source hash, package, flags and Go version); go's output goes to `log_file`.
// Returns why it failed, with the log's last lines, or "".
std::string BuildPackage(const RunContext& context, const scenario::ServiceProcess& p,
                         const std::filesystem::path& module_dir, const std::filesystem::path& log_file,
                         std::filesystem::path* binary);

// The manifest as a scenario of one variant, `variant`, expected `expected`:
// results land in <run_dir>/<manifest name>/<variant>/.
scenario::Scenario ServiceScenario(const scenario::ServiceManifest& manifest, const std::string& variant,
                                   verdict::Verdict expected);

// Runs `plan` through the same phases and verdict as a catalog variant, and
// writes its verdict.json. Never throws.
verdict::VariantResult RunServiceVariant(const RunContext& context, std::shared_ptr<const ServicePlan> plan,
                                         const scenario::Scenario& scenario);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_SERVICE_BUILD_H_
