// leakrig: reproduces goroutine leaks in Go services, proves them, and proves their fixes.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "cli/analyze_command.h"
#include "cli/merge_command.h"
#include "cli/options.h"
#include "cli/scenario_commands.h"
#include "cli/service_commands.h"
#include "cli/sweep_command.h"
#include "cli/watch_command.h"
#include "edge/data_location.h"
#include "edge/files.h"
#include "edge/http_fetch.h"

namespace leakrig::cli {
namespace {

// The commands that read dumps or talk to a running service need no catalog,
// fixtures or report scripts.
bool NeedsData(const CLI::App& app) {
  constexpr std::array<std::string_view, 4> kWithoutData = {"analyze", "diff", "load", "watch"};
  for (const CLI::App* sub : app.get_subcommands()) {
    if (std::find(kWithoutData.begin(), kWithoutData.end(), sub->get_name()) != kWithoutData.end()) return false;
  }
  return true;
}

// After the flags, before the command: --root may have named the data.
void CompleteGlobalOptions(const CLI::App& app, GlobalOptions* global) {
  if (global->scripts_dir.empty() && !global->root.empty()) global->scripts_dir = global->root / "scripts";
  if (global->results_dir.empty()) global->results_dir = global->root / "results";
  if (!NeedsData(app)) return;
  if (global->root.empty()) {
    std::cerr << "leakrig: " << global->data_error << "\n";
    throw CLI::RuntimeError(kExitUsage);
  }
  if (global->fixture_cache.empty()) {
    std::cerr << "leakrig: no folder for fixture builds: neither XDG_CACHE_HOME nor HOME is set; "
                 "set LEAKRIG_FIXTURE_CACHE=DIR\n";
    throw CLI::RuntimeError(kExitUsage);
  }
}

}  // namespace

GlobalOptions DefaultGlobalOptions() {
  const edge::DataLocation data = edge::LocateData(edge::RunningExecutable(), edge::CurrentUserFolders());
  GlobalOptions options;
  const char* root = std::getenv("LEAKRIG_ROOT");
  options.root = root ? root : data.data_dir;
  options.data_error = data.error;
  const char* cache = std::getenv("LEAKRIG_FIXTURE_CACHE");
  options.fixture_cache = cache ? cache : data.fixture_cache;
  if (!data.data_dir.empty()) options.scripts_dir = data.data_dir / "scripts";
  // An installed copy's prefix may be read-only and is shared by every user:
  // its results go where it is run. A checkout keeps them in <root>/results.
  if (data.layout == edge::Layout::kInstalled) options.results_dir = "results";
  return options;
}

}  // namespace leakrig::cli

int main(int argc, char** argv) {
  using namespace leakrig::cli;
  ::signal(SIGPIPE, SIG_IGN);  // a peer that hangs up must not kill the harness
  leakrig::edge::CurlGlobalInit();
  GlobalOptions global = DefaultGlobalOptions();
  int exit_code = kExitOk;

  CLI::App app{"leakrig: reproduce, prove and watch goroutine leaks in Go services"};
  app.require_subcommand(1);
  app.add_option("--root", global.root, "A checkout (or folder) with scenarios/ and go-fixtures/")
      ->check(CLI::ExistingDirectory);
  app.parse_complete_callback([&app, &global] { CompleteGlobalOptions(app, &global); });
  RegisterScenarioCommands(app, global, &exit_code);
  RegisterMergeCommand(app, global, &exit_code);
  RegisterCompareCommand(app, global, &exit_code);
  RegisterSweepCommand(app, global, &exit_code);
  RegisterProfileCommands(app, &exit_code);
  RegisterWatchCommands(app, global, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}
