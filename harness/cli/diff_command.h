// `leakrig diff BEFORE AFTER [--json]`: which stacks grew between two dumps.
#ifndef LEAKRIG_CLI_DIFF_COMMAND_H_
#define LEAKRIG_CLI_DIFF_COMMAND_H_

#include <CLI/CLI.hpp>

namespace leakrig::cli {

// Adds the `diff` subcommand. Its exit code: 0 when no signature grew,
// 1 when some grew or appeared, 2 usage error, 3 an input unreadable or not
// a goroutine dump.
void RegisterDiffCommand(CLI::App& app, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_DIFF_COMMAND_H_
