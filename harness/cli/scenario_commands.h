// `leakrig run`, `leakrig suite` and `leakrig list`: the scenario catalog.
#ifndef LEAKRIG_CLI_SCENARIO_COMMANDS_H_
#define LEAKRIG_CLI_SCENARIO_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli/options.h"

namespace leakrig::cli {

void RegisterScenarioCommands(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_SCENARIO_COMMANDS_H_
