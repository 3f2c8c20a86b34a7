// `leakrig run`, `leakrig suite` and `leakrig list`: the scenario catalog.
#ifndef LEAKRIG_CLI_SCENARIO_COMMANDS_H_
#define LEAKRIG_CLI_SCENARIO_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string>

#include "cli/options.h"
#include "cli/progress.h"
#include "verdict/result.h"

namespace leakrig::cli {

void RegisterScenarioCommands(CLI::App& app, const GlobalOptions& global, int* exit_code);

// One variant's line in the output of `run`, `suite` and `merge`: its
// verdict, ok or FAIL, the reason, and the top suspect of a leak.
std::string DescribeResult(const verdict::VariantResult& r, const Progress& progress);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_SCENARIO_COMMANDS_H_
