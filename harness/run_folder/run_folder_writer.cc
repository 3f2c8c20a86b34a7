#include "run_folder/run_folder_writer.h"

#include <fmt/format.h>

#include <sstream>

#include "report/junit.h"
#include "report/verdict_json.h"

namespace leakrig::run_folder {
namespace fs = std::filesystem;

VariantFolder::VariantFolder(fs::path run_dir, std::string_view scenario, std::string_view variant)
    : run_dir_(std::move(run_dir)), dir_(run_dir_ / scenario / variant) {}

namespace {

std::string CreateDirectories(const fs::path& dir, const fs::path& named) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  return ec ? fmt::format("cannot create {}: {}", named.string(), ec.message()) : "";
}

}  // namespace

std::string VariantFolder::Create() const { return CreateDirectories(dir_, dir_); }

std::string VariantFolder::CreateSnapshots() const { return CreateDirectories(PathOf(Artifact::kSnapshots), dir_); }

fs::path VariantFolder::PathOf(Artifact artifact) const {
  // The watch's report is the run's, not the variant's.
  return artifact == Artifact::kWatchJson ? run_dir_ / FileName(artifact) : dir_ / FileName(artifact);
}

std::string VariantFolder::Write(Artifact artifact, std::string_view content, edge::Durability durability) {
  std::string error = edge::WriteFileAtomic(PathOf(artifact), content, durability);
  if (error.empty()) Record(artifact);
  return error;
}

std::string VariantFolder::WriteUnlisted(const std::string& name, std::string_view content,
                                         edge::Durability durability) const {
  return edge::WriteFileAtomic(dir_ / name, content, durability);
}

void VariantFolder::Record(Artifact artifact) {
  artifacts_[std::string(Key(artifact))] = fs::relative(PathOf(artifact), run_dir_).string();
}

std::string WriteVerdict(const fs::path& run_dir, verdict::VariantResult* result) {
  fs::path dir = run_dir / result->scenario / result->variant;
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string json = report::VerdictToJson(*result).dump(2) + "\n";
  std::string error = edge::WriteFileAtomic(dir / kVerdictFile, json);
  if (!error.empty()) {
    result->verdict = verdict::Verdict::kError;
    result->reason = error;
    result->passed = false;
  }
  return error;
}

std::string WriteSummary(const fs::path& run_dir, const std::vector<verdict::VariantResult>& results,
                         const verdict::GoInfo& go, bool complete, const RunSelection* selection) {
  nlohmann::ordered_json summary = report::SummaryToJson(results, go, complete);
  if (selection) AddSelection(*selection, &summary);
  return edge::WriteFileAtomic(run_dir / kSummaryFile, summary.dump(2) + "\n");
}

std::vector<std::string> WriteRunSummaries(const fs::path& run_dir, const std::vector<verdict::VariantResult>& results,
                                           const verdict::GoInfo& go, bool complete, const fs::path& junit,
                                           const RunSelection* selection) {
  std::vector<std::string> errors;
  if (std::string e = WriteSummary(run_dir, results, go, complete, selection); !e.empty()) errors.push_back(e);
  std::ostringstream xml;
  report::WriteJunit(results, go, xml);
  if (std::string e = edge::WriteFileAtomic(junit.empty() ? run_dir / "junit.xml" : junit, xml.str()); !e.empty()) {
    errors.push_back(e);
  }
  return errors;
}

}  // namespace leakrig::run_folder
