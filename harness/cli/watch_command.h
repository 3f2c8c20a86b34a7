// `leakrig watch URL`: judge a live Go service's goroutine growth from
// outside, through its pprof endpoints.
#ifndef LEAKRIG_CLI_WATCH_COMMAND_H_
#define LEAKRIG_CLI_WATCH_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/options.h"

namespace leakrig::cli {

// Adds `watch`, then `load` (load_command.h). watch exits 0 with no leak, 1
// when a leak is found, 2 on a usage error, 3 when the target cannot be read.
void RegisterWatchCommands(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_WATCH_COMMAND_H_
