// What every long-running command needs: an interrupt flag and a run folder.
#ifndef LEAKRIG_CLI_RUN_SUPPORT_H_
#define LEAKRIG_CLI_RUN_SUPPORT_H_

#include <atomic>
#include <filesystem>
#include <string>
#include <string_view>

#include "cli/options.h"

namespace leakrig::cli {

// Installs SIGINT and SIGTERM handlers that set the returned flag, so that a
// run stops at its next step and saves what it has. A second signal ends the
// process at once (its children die with it: PDEATHSIG).
const std::atomic<bool>& CatchInterrupts();

// The run folder: `out` when given, else results/<UTC date>-<time>-<pid>[-suffix]
// under the repository, so that results/ sorts by time whichever command
// made a folder. Creates it; returns an error message, empty on success.
std::string PrepareRunDir(const GlobalOptions& global, const std::string& out, std::string_view suffix,
                          std::filesystem::path* dir);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_RUN_SUPPORT_H_
