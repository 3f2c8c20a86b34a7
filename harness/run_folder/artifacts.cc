#include "run_folder/artifacts.h"

#include <array>

namespace leakrig::run_folder {
namespace {

constexpr std::array kNames = {
    ArtifactName{Artifact::kLog, "log", "fixture.log"},
    ArtifactName{Artifact::kUpstreamLog, "upstream_log", "upstream.log"},
    ArtifactName{Artifact::kSnapshots, "snapshots", "snapshots"},
    ArtifactName{Artifact::kBaselineDump, "baseline_dump", "goroutine-baseline.debug2.txt"},
    ArtifactName{Artifact::kPeakDump, "peak_dump", "goroutine-peak.debug2.txt"},
    ArtifactName{Artifact::kFinalDump, "final_dump", "goroutine-final.debug2.txt"},
    ArtifactName{Artifact::kBaselineProfile, "baseline_profile", "goroutine-baseline.pb.gz"},
    ArtifactName{Artifact::kPeakProfile, "peak_profile", "goroutine-peak.pb.gz"},
    ArtifactName{Artifact::kFinalProfile, "final_profile", "goroutine-final.pb.gz"},
    ArtifactName{Artifact::kBaselineHeap, "baseline_heap", "heap-baseline.pb.gz"},
    ArtifactName{Artifact::kFinalHeap, "final_heap", "heap-final.pb.gz"},
    ArtifactName{Artifact::kBaselineFolded, "baseline_folded", "goroutine-baseline.folded"},
    ArtifactName{Artifact::kPeakFolded, "peak_folded", "goroutine-peak.folded"},
    ArtifactName{Artifact::kFinalFolded, "final_folded", "goroutine-final.folded"},
    ArtifactName{Artifact::kStates, "states", "states.json"},
    ArtifactName{Artifact::kRuntimeLeakProfile, "runtime_leak_profile", "goroutineleak.debug1.txt"},
    // The watch's full report sits beside summary.json, not in the variant's folder.
    ArtifactName{Artifact::kWatchJson, "watch_report", kWatchJsonFile},
};

constexpr bool InEnumOrder() {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (static_cast<size_t>(kNames[i].artifact) != i) return false;
  }
  return true;
}
static_assert(InEnumOrder(), "kNames must list every Artifact in the enum's order");

}  // namespace

std::span<const ArtifactName> ArtifactNames() { return kNames; }
std::string_view Key(Artifact artifact) { return kNames[static_cast<size_t>(artifact)].key; }
std::string_view FileName(Artifact artifact) { return kNames[static_cast<size_t>(artifact)].file; }

}  // namespace leakrig::run_folder
