// The names in a run folder (results/README.md), defined once: the runner,
// `watch` and the tests take them from here, and scripts/leakrig_report's
// file table is checked against them (tests/unit/run_folder_test.cc).
#ifndef LEAKRIG_RUN_FOLDER_ARTIFACTS_H_
#define LEAKRIG_RUN_FOLDER_ARTIFACTS_H_

#include <span>
#include <string_view>

namespace leakrig::run_folder {

// One file (or folder) of a variant's folder, keyed in verdict.json's `artifacts`.
enum class Artifact {
  kLog,
  kUpstreamLog,
  kSnapshots,
  kBaselineDump,
  kPeakDump,
  kFinalDump,
  kBaselineProfile,
  kPeakProfile,
  kFinalProfile,
  kBaselineHeap,
  kFinalHeap,
  kBaselineFolded,
  kPeakFolded,
  kFinalFolded,
  kStates,
  kRuntimeLeakProfile,
  kWatchJson,
};

struct ArtifactName {
  Artifact artifact;
  std::string_view key;   // in verdict.json's `artifacts`
  std::string_view file;  // its usual name, relative to the variant's folder
};

// Every artifact, in the order of the enum.
std::span<const ArtifactName> ArtifactNames();
std::string_view Key(Artifact artifact);
std::string_view FileName(Artifact artifact);

// The run folder's own files, beside the variant folders.
inline constexpr std::string_view kSummaryFile = "summary.json";
inline constexpr std::string_view kWatchJsonFile = "watch.json";
inline constexpr std::string_view kMetricsFile = "metrics.prom";
// `compare`'s record, and the report's differential flame graph before -> after
// (in the scenario's folder), which the record names.
inline constexpr std::string_view kCompareFile = "compare.json";
inline constexpr std::string_view kCompareFlameGraph = "flame-diff-before-after.svg";
// In each variant's folder.
inline constexpr std::string_view kVerdictFile = "verdict.json";

}  // namespace leakrig::run_folder

#endif  // LEAKRIG_RUN_FOLDER_ARTIFACTS_H_
