// The one writer of run folders (results/README.md): `run`, `suite` and
// `watch` all write their variants' files, verdict.json and summary.json
// through it, so the names and the record cannot drift apart.
//
//   <run>/summary.json
//   <run>/<scenario>/<variant>/verdict.json and the artifacts (artifacts.h)
#ifndef LEAKRIG_RUN_FOLDER_RUN_FOLDER_WRITER_H_
#define LEAKRIG_RUN_FOLDER_RUN_FOLDER_WRITER_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "edge/files.h"
#include "run_folder/artifacts.h"
#include "run_folder/suite_summary.h"
#include "verdict/result.h"

namespace leakrig::run_folder {

// One variant's folder. Records each artifact it writes, by key, with its
// path relative to the run folder: the `artifacts` of verdict.json.
class VariantFolder {
 public:
  VariantFolder(std::filesystem::path run_dir, std::string_view scenario, std::string_view variant);

  // Creates the folder; returns an error, "" on success.
  std::string Create() const;
  // Creates `snapshots/` in it; returns an error, "" on success.
  std::string CreateSnapshots() const;
  // Writes an artifact under its usual name and records it; returns an error, "" on success.
  std::string Write(Artifact artifact, std::string_view content,
                    edge::Durability durability = edge::Durability::kDurable);
  // Writes a file that verdict.json does not list (`name` relative to the folder).
  std::string WriteUnlisted(const std::string& name, std::string_view content,
                            edge::Durability durability = edge::Durability::kDurable) const;
  // Records an artifact written by someone else (a log, the snapshots folder).
  void Record(Artifact artifact);

  std::filesystem::path PathOf(Artifact artifact) const;
  const std::filesystem::path& dir() const { return dir_; }
  const std::map<std::string, std::string>& artifacts() const { return artifacts_; }

 private:
  std::filesystem::path run_dir_, dir_;
  std::map<std::string, std::string> artifacts_;  // key -> path relative to run_dir_
};

// Writes <run_dir>/<scenario>/<variant>/verdict.json atomically. A failure
// to write turns the result into an `error` naming it, and is returned.
std::string WriteVerdict(const std::filesystem::path& run_dir, verdict::VariantResult* result);

// Writes <run_dir>/summary.json, with the suite's selection when there is
// one (suite_summary.h); returns an error, "" on success.
std::string WriteSummary(const std::filesystem::path& run_dir, const std::vector<verdict::VariantResult>& results,
                         const verdict::GoInfo& go, bool complete = true, const RunSelection* selection = nullptr);

// Writes summary.json and the JUnit XML (`junit`, default <run_dir>/junit.xml)
// of a run that is over; returns the errors.
std::vector<std::string> WriteRunSummaries(const std::filesystem::path& run_dir,
                                           const std::vector<verdict::VariantResult>& results,
                                           const verdict::GoInfo& go, bool complete,
                                           const std::filesystem::path& junit = {},
                                           const RunSelection* selection = nullptr);

}  // namespace leakrig::run_folder

#endif  // LEAKRIG_RUN_FOLDER_RUN_FOLDER_WRITER_H_
