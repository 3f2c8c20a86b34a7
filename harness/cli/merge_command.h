// `leakrig merge DIR...`: the run folders of a suite's shards (`suite
// --shard I/N`) into one run folder, with one summary.json, one JUnit file
// and one index.html, as if the suite had run whole.
#ifndef LEAKRIG_CLI_MERGE_COMMAND_H_
#define LEAKRIG_CLI_MERGE_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/options.h"

namespace leakrig::cli {

void RegisterMergeCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_MERGE_COMMAND_H_
