#include "cli/analyze_command.h"

#include <sched.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "cli/diff_command.h"
#include "cli/options.h"
#include "edge/input_window.h"
#include "profile/by_label.h"
#include "profile/goroutine_dump_stream.h"
#include "profile/not_a_dump.h"
#include "profile/parse_dump.h"
#include "profile/render.h"
#include "report/analysis_json.h"

namespace leakrig::cli {
namespace {

struct AnalyzeFlags {
  std::vector<std::string> files;  // one dump, or before and after
  bool json = false;
  bool exact_lines = false;
  int gomaxprocs = 0;
  std::vector<std::string> ignore_top;
  std::vector<std::string> ignore_created_by;
  std::string by_label;            // a label key; "" for no split
  std::string fail_on = "likely";  // the weakest confidence that exits 1
};

bool AnyAtLeast(const std::vector<profile::Suspect>& suspects, std::string_view fail_on) {
  profile::Confidence bar = profile::Confidence::kLikely;
  profile::ParseConfidence(fail_on, &bar);  // checked by CLI11
  return std::any_of(suspects.begin(), suspects.end(), [&](const profile::Suspect& s) { return s.confidence >= bar; });
}

// Reads one dump, or two to judge growth; 0, or the exit code to return.
int AnalyzeFiles(const std::vector<std::string>& files, const profile::AnalyzeOptions& options,
                 profile::Analysis* analysis) {
  if (files.size() == 2 && files[0] == "-" && files[1] == "-") {
    std::cerr << "leakrig analyze: only one dump can be read from stdin\n";
    return kExitUsage;
  }
  std::vector<profile::Snapshot> snapshots(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (!LoadDump("analyze", files[i], &snapshots[i])) return kExitUnreadable;
  }
  if (files.size() == 1) {
    *analysis = profile::Analyze(snapshots[0], options);
    return 0;
  }
  for (const profile::Snapshot& s : snapshots) {
    if (s.format() == profile::DumpFormat::kProtoDelta) {
      std::cerr << "leakrig analyze: a delta profile already holds the "
                   "growth; analyse it alone\n";
      return kExitUsage;
    }
  }
  *analysis = profile::AnalyzeGrowth(snapshots[0], snapshots[1], options);
  return 0;
}

int Analyze(const AnalyzeFlags& flags) {
  profile::AnalyzeOptions options;
  options.similarity = flags.exact_lines ? profile::Similarity::kExactLines : profile::Similarity::kFunctions;
  options.ignore.top_functions = flags.ignore_top;
  options.ignore.created_by = flags.ignore_created_by;
  options.context.gomaxprocs = flags.gomaxprocs;
  profile::Analysis analysis;
  if (const int code = AnalyzeFiles(flags.files, options, &analysis)) {
    return code;
  }
  if (flags.json) {
    nlohmann::json out = report::AnalysisJson(analysis);
    if (!flags.by_label.empty()) {
      out["by_label"] = report::LabelSplitJson(profile::SplitByLabel(analysis, flags.by_label));
    }
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << profile::RenderAnalysis(analysis);
    if (!flags.by_label.empty()) {
      std::cout << profile::RenderLabelSplit(profile::SplitByLabel(analysis, flags.by_label));
    }
  }
  return AnyAtLeast(analysis.suspects, flags.fail_on) ? kExitFailed : kExitOk;
}

// A debug=2 dump is read this much at a time and each window released once
// parsed, so the resident size stays near a window whatever the dump's size.
constexpr size_t kWindowBytes = 8 << 20;

// What WhyNotADump may quote from the start of the input.
constexpr size_t kHeadBytes = 4096;

// The cores this process may run on (taskset, cpusets), not all the machine's.
int ParseThreads() {
  cpu_set_t cores;
  if (::sched_getaffinity(0, sizeof cores, &cores) == 0) return std::max(1, CPU_COUNT(&cores));
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Parses a debug=2 dump window by window, on every core.
bool ParseInWindows(edge::InputWindow* input, profile::Snapshot* snapshot, std::string* error) {
  profile::GoroutineDumpStream stream(ParseThreads());
  size_t window = kWindowBytes;
  while (true) {
    const size_t used = stream.Feed(input->bytes());
    input->Release(used);
    if (input->at_end()) break;
    // A window holding no record start (one huge record) doubles, so that
    // such input still reads in linear time.
    window = used == 0 ? window * 2 : kWindowBytes;
    if (!input->Extend(window, error)) return false;
  }
  *snapshot = std::move(stream).Finish(input->bytes());
  return true;
}

// Any other format is parsed whole.
bool ParseWhole(edge::InputWindow* input, profile::Snapshot* snapshot, std::string* error) {
  if (!input->ExtendToEnd(error)) return false;
  *snapshot = profile::ParseDump(input->bytes(), profile::ParseOptions{.threads = ParseThreads()});
  return true;
}

}  // namespace

bool LoadDump(std::string_view command, const std::string& path, profile::Snapshot* snapshot) {
  edge::InputWindow input(kExitUnreadable);
  std::string error;
  bool read = input.Open(path, &error) && input.Extend(kWindowBytes, &error);
  const std::string head(input.bytes().substr(0, kHeadBytes));
  const bool windowed = read && profile::StartsAsGoroutineDump(input.bytes());
  read = read && (windowed ? ParseInWindows(&input, snapshot, &error) : ParseWhole(&input, snapshot, &error));
  if (!read) {
    std::cerr << "leakrig " << command << ": " << error << "\n";
    return false;
  }
  // Only an unknown format is described from its bytes: a windowed debug=2
  // dump is named by its format and first error.
  const std::string_view data = windowed ? std::string_view(head) : input.bytes();
  if (const std::string why = profile::WhyNotADump(data, *snapshot); !why.empty()) {
    std::cerr << "leakrig " << command << ": " << path << ": not a goroutine dump: " << why << "\n";
    return false;
  }
  return true;
}

void RegisterAnalyzeCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<AnalyzeFlags>();
  CLI::App* cmd = app.add_subcommand("analyze", "Read a goroutine dump (any format) and rank what looks leaked");
  cmd->add_option("files", flags->files,
                  "Dump file (- for stdin); with two, the second is judged "
                  "by its growth since the first")
      ->required()
      ->expected(1, 2);
  cmd->add_flag("--json", flags->json, "Print JSON instead of text");
  cmd->add_flag("--exact-lines", flags->exact_lines, "Group by file:line too, not by function names only");
  cmd->add_option("--gomaxprocs", flags->gomaxprocs, "GOMAXPROCS of the dumped process, if known")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--ignore-top", flags->ignore_top, "Ignore groups whose top function is this (trailing * = prefix)");
  cmd->add_option("--ignore-created-by", flags->ignore_created_by,
                  "Ignore groups created by this function (trailing * = prefix)");
  cmd->add_option("--by-label", flags->by_label, "Split counts and suspects by this pprof label's value");
  cmd->add_option("--fail-on", flags->fail_on, "Exit 1 when a suspect is at least this sure")
      ->check(CLI::IsMember({"possible", "likely", "certain"}))
      ->capture_default_str();
  cmd->callback([flags, exit_code] { *exit_code = Analyze(*flags); });
}

void RegisterProfileCommands(CLI::App& app, int* exit_code) {
  RegisterAnalyzeCommand(app, exit_code);
  RegisterDiffCommand(app, exit_code);
}

}  // namespace leakrig::cli
