// `leakrig sweep`: what GOMAXPROCS changes, measured (issue 5), on the sweep
// fixture's workloads or, with --service, on a user's own service (issue 14).
#ifndef LEAKRIG_CLI_SWEEP_COMMAND_H_
#define LEAKRIG_CLI_SWEEP_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/options.h"

namespace leakrig::cli {

void RegisterSweepCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_SWEEP_COMMAND_H_
