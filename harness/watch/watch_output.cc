#include "watch/watch_output.h"

#include <fmt/format.h>

#include "edge/files.h"
#include "report/folded.h"
#include "report/verdict_json.h"
#include "run_folder/run_folder_writer.h"
#include "watch/target_url.h"

namespace leakrig::watch {
namespace fs = std::filesystem;

bool KeepSnapshot(int64_t index) {
  const int64_t doublings = std::min<int64_t>(index / 1000, 62);
  return index % (int64_t{1} << doublings) == 0;
}

std::unique_ptr<RunFolder> RunFolder::Create(const fs::path& dir, const std::string& host_port, std::string* error) {
  run_folder::VariantFolder folder(dir, "watch", FolderName(host_port));
  if (*error = folder.CreateSnapshots(); !error->empty()) return nullptr;
  const fs::path run_dir = fs::canonical(dir);
  return std::unique_ptr<RunFolder>(
      new RunFolder(run_dir, run_folder::VariantFolder(run_dir, "watch", FolderName(host_port))));
}

void RunFolder::Write(run_folder::Artifact artifact, const std::string& content) {
  if (std::string error = folder_.Write(artifact, content); !error.empty()) errors_.push_back(error);
}

void RunFolder::WriteTop(std::string_view name, const std::string& content, edge::Durability durability) {
  if (std::string error = edge::WriteFileAtomic(dir_ / name, content, durability); !error.empty()) {
    errors_.push_back(error);
  }
}

void RunFolder::SaveProfile(int64_t sample, const std::string& body) {
  if (!KeepSnapshot(sample)) return;
  // Written during the watch: an fsync here could hold up the next sample.
  const std::string name =
      fmt::format("{}/goroutine-{:06}.pb.gz", run_folder::FileName(run_folder::Artifact::kSnapshots), sample);
  if (std::string error = folder_.WriteUnlisted(name, body, edge::Durability::kAtomicOnly); !error.empty()) {
    errors_.push_back(error);
  }
  folder_.Record(run_folder::Artifact::kSnapshots);
}

void RunFolder::SaveFullDump(int64_t sample, const std::string& body) {
  const std::string name = fmt::format("goroutine-{:06}.debug2.txt", sample);
  if (std::string error = folder_.WriteUnlisted(name, body, edge::Durability::kAtomicOnly); !error.empty()) {
    errors_.push_back(error);
  }
}

void RunFolder::SaveMetrics(const std::string& exposition) {
  WriteTop(run_folder::kMetricsFile, exposition, edge::Durability::kAtomicOnly);
}

void RunFolder::WriteProfileAndFolded(run_folder::Artifact profile, run_folder::Artifact folded, const ReadDump& dump) {
  if (dump.empty()) return;
  Write(profile, dump.body);
  Write(folded, report::FoldStacks(dump.groups));
}

void RunFolder::WriteLastFullDump(const ReadDump& dump) {
  if (dump.empty()) return;
  Write(run_folder::Artifact::kFinalDump, dump.body);
  Write(run_folder::Artifact::kStates, report::StatesJson(dump.groups));
}

std::vector<std::string> RunFolder::Finish(const WatchOutcome& outcome, const nlohmann::ordered_json& watch_json) {
  using run_folder::Artifact;
  WriteProfileAndFolded(Artifact::kBaselineProfile, Artifact::kBaselineFolded, outcome.first_profile);
  WriteProfileAndFolded(Artifact::kPeakProfile, Artifact::kPeakFolded, outcome.peak_profile);
  WriteProfileAndFolded(Artifact::kFinalProfile, Artifact::kFinalFolded, outcome.last_profile);
  WriteLastFullDump(outcome.last_full_dump);
  if (!outcome.leak_profile_body.empty()) Write(Artifact::kRuntimeLeakProfile, outcome.leak_profile_body);
  folder_.Record(Artifact::kWatchJson);
  verdict::VariantResult result = ToVariantResult(outcome.result);
  result.artifacts = folder_.artifacts();
  if (std::string error = run_folder::WriteVerdict(dir_, &result); !error.empty()) errors_.push_back(error);
  WriteTop(run_folder::kWatchJsonFile, watch_json.dump(2) + "\n", edge::Durability::kDurable);
  if (std::string error = run_folder::WriteSummary(dir_, {result}, result.go); !error.empty()) errors_.push_back(error);
  return errors_;
}

}  // namespace leakrig::watch
