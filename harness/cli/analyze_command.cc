#include "cli/analyze_command.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/diff_command.h"
#include "cli/options.h"
#include "edge/files.h"
#include "profile/by_label.h"
#include "profile/parse_dump.h"
#include "profile/render.h"

namespace leakrig::cli {
namespace {

struct AnalyzeFlags {
  std::string file;
  bool json = false;
  bool exact_lines = false;
  int gomaxprocs = 0;
  std::vector<std::string> ignore_top;
  std::vector<std::string> ignore_created_by;
  std::string by_label;  // a label key; "" for no split
};

nlohmann::json ErrorsJson(const std::vector<profile::ParseError>& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const profile::ParseError& e : errors) {
    out.push_back({{"line", e.line}, {"message", e.message}});
  }
  return out;
}

nlohmann::json SuspectJson(const profile::Suspect& suspect) {
  nlohmann::json j = GroupJson(suspect.group);
  j["pattern"] = suspect.pattern;
  j["hint"] = suspect.hint;
  j["score"] = suspect.score;
  return j;
}

// {"key": K, "buckets": [{"value": V or null when the label is missing,
// "count", "groups", "suspects": [...]}]}
nlohmann::json LabelSplitJson(const profile::LabelSplit& split) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const profile::LabelBucket& b : split.buckets) {
    nlohmann::json suspects = nlohmann::json::array();
    for (const profile::Suspect& s : b.suspects) {
      suspects.push_back(SuspectJson(s));
    }
    const nlohmann::json value =
        b.has_label ? nlohmann::json(b.value) : nlohmann::json(nullptr);
    buckets.push_back({{"value", value},
                       {"count", b.count},
                       {"groups", b.groups},
                       {"suspects", std::move(suspects)}});
  }
  return {{"key", split.key}, {"buckets", std::move(buckets)}};
}

int Analyze(const AnalyzeFlags& flags) {
  std::string data, error;
  if (!edge::ReadFile(flags.file, &data, &error)) {
    std::cerr << "leakrig analyze: " << error << "\n";
    return kExitUnreadable;
  }
  const profile::Snapshot snapshot = profile::ParseDump(data);
  profile::AnalyzeOptions options;
  options.similarity = flags.exact_lines ? profile::Similarity::kExactLines
                                         : profile::Similarity::kFunctions;
  options.ignore.top_functions = flags.ignore_top;
  options.ignore.created_by = flags.ignore_created_by;
  options.context.gomaxprocs = flags.gomaxprocs;
  const profile::Analysis analysis = profile::Analyze(snapshot, options);
  if (flags.json) {
    nlohmann::json out = AnalysisJson(analysis);
    if (!flags.by_label.empty()) {
      out["by_label"] =
          LabelSplitJson(profile::SplitByLabel(analysis, flags.by_label));
    }
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << profile::RenderAnalysis(analysis);
    if (!flags.by_label.empty()) {
      std::cout << profile::RenderLabelSplit(
          profile::SplitByLabel(analysis, flags.by_label));
    }
  }
  if (analysis.format == profile::DumpFormat::kUnknown) return kExitUnreadable;
  return analysis.suspects.empty() ? kExitOk : kExitFailed;
}

}  // namespace

nlohmann::json GroupJson(const profile::Group& group) {
  nlohmann::json labels = nlohmann::json::object();
  for (const auto& [key, value] : group.labels) labels[key] = value;
  return {
      {"signature", group.signature},
      {"count", group.count},
      {"wait_reason", group.wait_reason},
      {"inferred_wait_reason", group.inferred_wait_reason},
      {"top_function", group.top_function},
      {"location", group.location},
      {"created_by", group.created_by},
      {"created_at", group.created_at},
      {"blocked_minutes",
       {{"min", group.min_minutes}, {"max", group.max_minutes}}},
      {"labels", labels},
      {"stack", group.stack},
      {"leaked", group.leaked},
  };
}

nlohmann::json AnalysisJson(const profile::Analysis& analysis) {
  nlohmann::json states = nlohmann::json::object();
  for (const profile::StateCount& s : analysis.states)
    states[s.state] = s.count;
  nlohmann::json groups = nlohmann::json::array();
  for (const profile::Group& g : analysis.groups)
    groups.push_back(GroupJson(g));
  nlohmann::json suspects = nlohmann::json::array();
  for (const profile::Suspect& s : analysis.suspects) {
    suspects.push_back(SuspectJson(s));
  }
  return {
      {"format", profile::FormatName(analysis.format)},
      {"truncated", analysis.truncated},
      {"total", analysis.total},
      {"declared_total", analysis.declared_total},
      {"states", states},
      {"readings", analysis.readings},
      {"groups", groups},
      {"suspects", suspects},
      {"errors", ErrorsJson(analysis.errors)},
      {"warnings", ErrorsJson(analysis.warnings)},
  };
}

void RegisterAnalyzeCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<AnalyzeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Read a goroutine dump (any format) and rank what looks leaked");
  cmd->add_option("file", flags->file, "Dump file, or - for stdin")->required();
  cmd->add_flag("--json", flags->json, "Print JSON instead of text");
  cmd->add_flag("--exact-lines", flags->exact_lines,
                "Group by file:line too, not by function names only");
  cmd->add_option("--gomaxprocs", flags->gomaxprocs,
                  "GOMAXPROCS of the dumped process, if known")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option(
      "--ignore-top", flags->ignore_top,
      "Ignore groups whose top function is this (trailing * = prefix)");
  cmd->add_option(
      "--ignore-created-by", flags->ignore_created_by,
      "Ignore groups created by this function (trailing * = prefix)");
  cmd->add_option("--by-label", flags->by_label,
                  "Split counts and suspects by this pprof label's value");
  cmd->callback([flags, exit_code] { *exit_code = Analyze(*flags); });
}

void RegisterProfileCommands(CLI::App& app, int* exit_code) {
  RegisterAnalyzeCommand(app, exit_code);
  RegisterDiffCommand(app, exit_code);
}

}  // namespace leakrig::cli
