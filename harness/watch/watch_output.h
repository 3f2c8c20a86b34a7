// The run folder of `leakrig watch --out DIR`, written through the run
// folder writer that scenario runs use, so that scripts/report draws it
// (results/README.md):
//
//   DIR/summary.json                 one row: scenario "watch", variant <host-port>
//   DIR/watch.json                   the watch as JSON (as --json prints it)
//   DIR/metrics.prom                 the last OpenMetrics exposition (--format openmetrics)
//   DIR/watch/<host-port>/verdict.json
//       goroutine-{baseline,peak,final}.pb.gz   first, fullest and last debug=0 profiles
//       goroutine-{baseline,peak,final}.folded  their folded stacks
//       goroutine-NNNNNN.debug2.txt             each full dump, NNNNNN = the sample
//       goroutine-final.debug2.txt, states.json the last full dump and its wait states
//       goroutineleak.debug1.txt                the runtime's leak profile, when served
//       snapshots/goroutine-NNNNNN.pb.gz         the samples (all of the first 1,000;
//                                                then every 2nd, 4th, ... per 1,000)

#ifndef LEAKRIG_WATCH_WATCH_OUTPUT_H_
#define LEAKRIG_WATCH_WATCH_OUTPUT_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "edge/files.h"
#include "run_folder/run_folder_writer.h"
#include "watch/watch_loop.h"

namespace leakrig::watch {

// Whether sample `index` is kept as a snapshot file: every one of the first
// 1,000, then every 2nd of the next 1,000, every 4th, ... (disk stays
// bounded by about 1,000 files per doubling of the watch's length).
bool KeepSnapshot(int64_t index);

class RunFolder {
 public:
  // Creates DIR/watch/<host-port>/snapshots; nullptr with *error set when it cannot.
  static std::unique_ptr<RunFolder> Create(const std::filesystem::path& dir, const std::string& host_port,
                                           std::string* error);

  void SaveProfile(int64_t sample, const std::string& body);
  void SaveFullDump(int64_t sample, const std::string& body);
  void SaveMetrics(const std::string& exposition);
  // Writes everything else from the finished watch; `watch_json` is its
  // JSON (report::WatchJson). Returns the problems met (the folder stays usable).
  std::vector<std::string> Finish(const WatchOutcome& outcome, const nlohmann::ordered_json& watch_json);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  RunFolder(std::filesystem::path dir, run_folder::VariantFolder folder)
      : dir_(std::move(dir)), folder_(std::move(folder)) {}
  void Write(run_folder::Artifact artifact, const std::string& content);
  void WriteTop(std::string_view name, const std::string& content, edge::Durability durability);
  void WriteProfileAndFolded(run_folder::Artifact profile, run_folder::Artifact folded, const ReadDump& dump);
  void WriteLastFullDump(const ReadDump& dump);

  std::filesystem::path dir_;
  run_folder::VariantFolder folder_;
  std::vector<std::string> errors_;
};

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_WATCH_OUTPUT_H_
