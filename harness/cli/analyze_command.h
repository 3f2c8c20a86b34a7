// `leakrig analyze FILE [--json]`: what a goroutine dump says is stuck.
#ifndef LEAKRIG_CLI_ANALYZE_COMMAND_H_
#define LEAKRIG_CLI_ANALYZE_COMMAND_H_

#include <CLI/CLI.hpp>

#include "profile/aggregate.h"
#include "profile/analyze.h"

namespace leakrig::cli {

// Adds `analyze` and `diff` (diff_command.h): the one call main makes.
void RegisterProfileCommands(CLI::App& app, int* exit_code);

// Adds the `analyze` subcommand. Its exit code: 0 no suspect at --fail-on's
// confidence (likely) or above, 1 one found, 2 usage error, 3 input
// unreadable or not a goroutine dump.
void RegisterAnalyzeCommand(CLI::App& app, int* exit_code);

// Reads and parses a dump file ("-" for stdin). False, after one line on
// stderr naming the command and what the input looks like, when it cannot
// be read or no goroutine could be read from it.
bool LoadDump(std::string_view command, const std::string& path, profile::Snapshot* snapshot);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_ANALYZE_COMMAND_H_
