// A user's own service: `leakrig run --service PATH/leakrig.toml` and
// `leakrig compare --service PATH/leakrig.toml BEFORE AFTER`.
#ifndef LEAKRIG_CLI_SERVICE_COMMANDS_H_
#define LEAKRIG_CLI_SERVICE_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/options.h"

namespace leakrig::cli {

struct ServiceFlags {
  std::string manifest;  // --service PATH/leakrig.toml
  std::string expect;    // --expect: run: a verdict; compare: BEFORE,AFTER
  std::string before, after;
  std::string out;
  std::string go;
};

// Adds --service and --expect to `run`; the flags are set once it has parsed.
std::shared_ptr<ServiceFlags> AddServiceRunFlags(CLI::App* run);

// `run --service`: exit 0 when the verdict is the expected one (clean by default).
int RunService(const GlobalOptions& global, const ServiceFlags& flags);

// Registers `compare`.
void RegisterCompareCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_SERVICE_COMMANDS_H_
