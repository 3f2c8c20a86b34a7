#include "cli/diff_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/analyze_command.h"
#include "cli/options.h"
#include "profile/diff.h"
#include "profile/render.h"
#include "report/analysis_json.h"

namespace leakrig::cli {
namespace {

struct DiffFlags {
  std::string before;
  std::string after;
  bool json = false;
  bool exact_lines = false;
};

int Diff(const DiffFlags& flags) {
  if (flags.before == "-" && flags.after == "-") {
    std::cerr << "leakrig diff: only one side can be read from stdin\n";
    return kExitUsage;
  }
  profile::Snapshot before, after;
  if (!LoadDump("diff", flags.before, &before) || !LoadDump("diff", flags.after, &after)) {
    return kExitUnreadable;
  }
  const auto similarity = flags.exact_lines ? profile::Similarity::kExactLines : profile::Similarity::kFunctions;
  const std::vector<profile::GroupDelta> deltas = profile::Diff(before, after, similarity);
  if (flags.json) {
    const nlohmann::json out = {{"before", report::SideJson(before)},
                                {"after", report::SideJson(after)},
                                {"deltas", report::DeltasJson(deltas)}};
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << profile::RenderDiff(deltas);
  }
  const bool grew = !deltas.empty() && deltas.front().delta > 0;
  return grew ? kExitFailed : kExitOk;
}

}  // namespace

void RegisterDiffCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* cmd = app.add_subcommand("diff", "Compare two goroutine dumps signature by signature");
  cmd->add_option("before", flags->before, "Earlier dump, or - for stdin")->required();
  cmd->add_option("after", flags->after, "Later dump, or - for stdin")->required();
  cmd->add_flag("--json", flags->json, "Print JSON instead of text");
  cmd->add_flag("--exact-lines", flags->exact_lines, "Match stacks by file:line too, not by function names only");
  cmd->callback([flags, exit_code] { *exit_code = Diff(*flags); });
}

}  // namespace leakrig::cli
