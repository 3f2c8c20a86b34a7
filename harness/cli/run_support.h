// What every long-running command needs: an interrupt flag and a run folder.
#ifndef LEAKRIG_CLI_RUN_SUPPORT_H_
#define LEAKRIG_CLI_RUN_SUPPORT_H_

#include <CLI/CLI.hpp>
#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "cli/options.h"
#include "cli/progress.h"
#include "edge/go_toolchain.h"

namespace leakrig::cli {

// Installs SIGINT and SIGTERM handlers that set the returned flag, so that a
// run stops at its next step and saves what it has. A second signal ends the
// process at once (its children die with it: PDEATHSIG).
const std::atomic<bool>& CatchInterrupts();

// The run folder: `out` when given, else <UTC date>-<time>-<pid>[-suffix]
// under global.results_dir, so that results/ sorts by time whichever command
// made a folder. Creates it; returns an error message, empty on success.
std::string PrepareRunDir(const GlobalOptions& global, const std::string& out, std::string_view suffix,
                          std::filesystem::path* dir);

// Prints where the results are, draws the run folder's HTML report and prints
// where it is (or why there is none): how run, suite and compare end.
void PrintResultsAndReport(const GlobalOptions& global, const std::filesystem::path& run_dir, Progress& progress);

// --go VERSION: the toolchain that builds and runs the fixtures.
void AddGoFlag(CLI::App* command, std::string* version);

// The Go toolchain for the fixtures: `requested` (--go), or the go on PATH
// under the user's GOTOOLCHAIN. Prints it on stderr ("go: go1.27.3, leak
// profile built in"); when it cannot be used, prints one message naming the
// version and what to do, and returns nullopt.
std::optional<edge::GoToolchain> ResolveGoToolchain(const GlobalOptions& global, const std::string& requested);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_RUN_SUPPORT_H_
