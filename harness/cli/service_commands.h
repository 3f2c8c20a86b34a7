// A user's own service: `leakrig run --service PATH/leakrig.toml` and
// `leakrig compare --service PATH/leakrig.toml BEFORE AFTER` (and what
// `sweep --service` shares with them).
#ifndef LEAKRIG_CLI_SERVICE_COMMANDS_H_
#define LEAKRIG_CLI_SERVICE_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cli/options.h"
#include "runner/variant_runner.h"
#include "scenario/service_manifest.h"

namespace leakrig::cli {

struct ServiceFlags {
  std::string manifest;  // --service PATH/leakrig.toml
  std::string expect;    // --expect: run: a verdict; compare: BEFORE,AFTER
  std::string before, after;
  std::string out;
  std::string go;
};

// What every --service command needs before anything runs: the manifest, the
// Go, the run folder and the runner's context.
struct ServiceSetup {
  scenario::ServiceManifest manifest;
  std::filesystem::path manifest_dir;
  runner::RunContext context;
};

// Reads flags.manifest, resolves the Go and creates the run folder (named
// with `suffix`). `refuse`, when given, says why this command cannot use a
// manifest that parsed ("" when it can). Returns 0 when ready, else the exit
// code; says why on stderr, and leaves no folder behind on a bad manifest.
int PrepareService(const GlobalOptions& global, const ServiceFlags& flags, std::string_view suffix, ServiceSetup* setup,
                   const std::function<std::string(const scenario::ServiceManifest&)>& refuse = nullptr);

// Adds --service and --expect to `run`; the flags are set once it has parsed.
std::shared_ptr<ServiceFlags> AddServiceRunFlags(CLI::App* run);

// `run --service`: exit 0 when the verdict is the expected one (clean by default).
int RunService(const GlobalOptions& global, const ServiceFlags& flags);

// Registers `compare`.
void RegisterCompareCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_SERVICE_COMMANDS_H_
