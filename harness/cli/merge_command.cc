#include "cli/merge_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <set>

#include "cli/run_support.h"
#include "cli/scenario_commands.h"
#include "edge/files.h"
#include "run_folder/merge.h"
#include "run_folder/run_folder_writer.h"
#include "scenario/manifest.h"

namespace leakrig::cli {
namespace fs = std::filesystem;
namespace {

struct MergeFlags {
  std::vector<std::string> folders;
  std::string out;
  std::string junit;
};

// Why the shards cannot be merged: a folder that is not a suite's, shards
// that do not belong together, or an output that cannot be written.
struct MergeError : std::exception {
  explicit MergeError(std::string text) : message(std::move(text)) {}
  const char* what() const noexcept override { return message.c_str(); }
  std::string message;
};

std::string NotASuiteFolder(const std::string& folder, const std::string& why) {
  return fmt::format("{} is not a suite run folder: {}", folder, why);
}

// Reads one shard's summary.json and, for JUnit's times, each of its
// variants' verdict.json.
run_folder::ShardRun ReadShard(const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw MergeError{fmt::format("{} is not a folder", folder)};
  std::string text, error;
  if (!edge::ReadFile((fs::path(folder) / run_folder::kSummaryFile).string(), &text, &error)) {
    throw MergeError{NotASuiteFolder(folder, error)};
  }
  std::optional<run_folder::SuiteSummary> summary = run_folder::ParseSuiteSummary(text, &error);
  if (!summary) throw MergeError{NotASuiteFolder(folder, "summary.json: " + error)};
  for (verdict::VariantResult& r : summary->results) {
    // The names become paths: refuse any that could lead out of the folder.
    if (!scenario::IsSafeName(r.scenario) || !scenario::IsSafeName(r.variant)) {
      throw MergeError{NotASuiteFolder(folder, fmt::format("summary.json names \"{}/{}\"", r.scenario, r.variant))};
    }
    const fs::path verdict_file = fs::path(folder) / r.scenario / r.variant / run_folder::kVerdictFile;
    if (!edge::ReadFile(verdict_file.string(), &text, &error) ||
        !(error = run_folder::ReadVerdictSeries(text, &r)).empty()) {
      throw MergeError{NotASuiteFolder(folder, fmt::format("{}: {}", verdict_file.string(), error))};
    }
  }
  return {folder, std::move(*summary)};
}

// The output folder: --out, which must be new or empty and outside every
// shard, or a new folder under results/.
fs::path ChooseOutput(const GlobalOptions& global, const MergeFlags& flags, const std::vector<fs::path>& shards) {
  fs::path out = flags.out.empty() ? fs::path() : fs::weakly_canonical(flags.out);
  if (out.empty()) {
    if (std::string error = PrepareRunDir(global, "", "merged", &out); !error.empty()) throw MergeError{error};
    return out;  // PrepareRunDir made it, empty
  }
  std::error_code ec;
  if (fs::exists(out, ec) && !(fs::is_directory(out, ec) && fs::is_empty(out, ec))) {
    throw MergeError{fmt::format("--out {}: exists and is not an empty folder", flags.out)};
  }
  for (const fs::path& shard : shards) {
    auto [end, _] = std::mismatch(shard.begin(), shard.end(), out.begin(), out.end());
    if (end == shard.end()) throw MergeError{fmt::format("--out {} is inside the shard {}", flags.out, shard.string())};
  }
  return out;
}

// Copies what the merged folder keeps of each shard: every variant's
// folder, and the scenario's own files (build.log) from the first shard
// that has them. The HTML report is drawn again.
void CopyShards(const std::vector<run_folder::ShardRun>& shards, const run_folder::MergedRun& merged,
                const fs::path& staging) {
  std::error_code ec;
  for (size_t i = 0; i < merged.results.size(); ++i) {
    const verdict::VariantResult& r = merged.results[i];
    const fs::path from = fs::path(shards[merged.shard_of[i]].folder) / r.scenario;
    fs::create_directories(staging / r.scenario / r.variant, ec);
    if (!ec) fs::copy(from / r.variant, staging / r.scenario / r.variant, fs::copy_options::recursive, ec);
    for (auto it = fs::directory_iterator(from, ec); !ec && it != fs::end(it); it.increment(ec)) {
      const fs::path target = staging / r.scenario / it->path().filename();
      if (it->is_regular_file() && !fs::exists(target)) fs::copy_file(it->path(), target, ec);
    }
    if (ec) throw MergeError{fmt::format("cannot copy {}: {}", (from / r.variant).string(), ec.message())};
  }
}

// Writes the merged folder beside its final place, then renames it into
// place: a failure leaves nothing behind.
void WriteMerged(const std::vector<run_folder::ShardRun>& shards, const run_folder::MergedRun& merged,
                 const fs::path& out, const std::string& junit) {
  const fs::path staging = out.parent_path() / fmt::format(".{}.merging-{}", out.filename().string(), ::getpid());
  std::error_code ec;
  try {
    fs::create_directories(staging, ec);
    if (ec) throw MergeError{fmt::format("cannot create {}: {}", staging.string(), ec.message())};
    CopyShards(shards, merged, staging);
    std::vector<std::string> errors =
        run_folder::WriteRunSummaries(staging, merged.results, merged.go, merged.complete, junit, &merged.selection);
    if (!errors.empty()) throw MergeError{errors.front()};
    fs::rename(staging, out, ec);  // replaces an empty folder
    if (ec) throw MergeError{fmt::format("cannot move {} to {}: {}", staging.string(), out.string(), ec.message())};
  } catch (const std::exception&) {
    fs::remove_all(staging, ec);
    throw;
  }
}

int Merge(const GlobalOptions& global, const MergeFlags& flags) {
  std::vector<run_folder::ShardRun> shards;
  fs::path out;
  std::optional<run_folder::MergedRun> merged;
  try {
    std::set<fs::path> seen;
    std::vector<fs::path> paths;
    for (const std::string& folder : flags.folders) {
      shards.push_back(ReadShard(folder));
      paths.push_back(fs::canonical(folder));
      if (!seen.insert(paths.back()).second) throw MergeError{fmt::format("{} is named twice", folder)};
    }
    std::string error;
    merged = run_folder::MergeShards(shards, &error);
    if (!merged) throw MergeError{error};
    out = ChooseOutput(global, flags, paths);
    WriteMerged(shards, *merged, out, flags.junit);
  } catch (const std::exception& e) {  // MergeError, or a filesystem_error that names its paths
    std::cerr << "leakrig: merge: " << e.what() << "\n";
    std::error_code ec;
    if (!out.empty() && flags.out.empty()) fs::remove(out, ec);  // the empty folder made under results/
    return kExitUsage;
  }
  Progress progress;
  for (const auto& r : merged->results) progress.Print(DescribeResult(r, progress));
  for (const auto& name : merged->missing) progress.Print(fmt::format("{:<28} missing: no shard ran it", name));
  for (const auto& e : merged->selection.catalog_errors) std::cerr << "leakrig: " << e << "\n";
  progress.Print(fmt::format("merged {} of {} shards: {} of {} variants", shards.size(),
                             shards[0].summary.selection.shard_count, merged->results.size(),
                             merged->selection.variants.size()));
  PrintResultsAndReport(global, out, progress);
  if (!merged->complete) progress.Print("incomplete: a shard is missing or was interrupted");
  const bool passed = run_folder::RunPassed(merged->results, merged->complete, merged->selection.catalog_errors);
  return passed ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterMergeCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<MergeFlags>();
  CLI::App* merge = app.add_subcommand(
      "merge", "Merge the run folders of a suite's shards (suite --shard I/N) into one, as if it had run whole");
  merge->add_option("folders", flags->folders, "The shards' run folders")->required();
  merge->add_option("--out", flags->out, "Output folder, new or empty (default: a new folder under results/)");
  merge->add_option("--junit", flags->junit, "Also write JUnit XML here (default: <out>/junit.xml)");
  merge->callback([&global, flags, exit_code] { *exit_code = Merge(global, *flags); });
}

}  // namespace leakrig::cli
