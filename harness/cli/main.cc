// leakrig: reproduces goroutine leaks in Go services, proves them, and proves their fixes.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/analyze_command.h"
#include "cli/merge_command.h"
#include "cli/options.h"
#include "cli/scenario_commands.h"
#include "cli/service_commands.h"
#include "cli/sweep_command.h"
#include "cli/watch_command.h"
#include "edge/files.h"
#include "edge/http_fetch.h"

namespace leakrig::cli {

GlobalOptions DefaultGlobalOptions() {
  GlobalOptions options;
  const char* root = std::getenv("LEAKRIG_ROOT");
  options.root = root ? root : LEAKRIG_SOURCE_DIR;
  const char* cache = std::getenv("LEAKRIG_FIXTURE_CACHE");
  options.fixture_cache = cache ? cache : LEAKRIG_FIXTURE_CACHE;
  options.scripts_dir = leakrig::edge::FindScriptsDir(leakrig::edge::RunningExecutable(), options.root);
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
  app.add_option("--root", global.root, "Repository with scenarios/ and go-fixtures/")->check(CLI::ExistingDirectory);
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
