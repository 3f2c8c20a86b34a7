// `leakrig merge`: the shards of one suite (`suite --shard I/N`) put back
// together into the record of one whole run. Pure: summaries in, one out;
// the command copies the folders and writes the files.
#ifndef LEAKRIG_RUN_FOLDER_MERGE_H_
#define LEAKRIG_RUN_FOLDER_MERGE_H_

#include <optional>
#include <string>
#include <vector>

#include "run_folder/suite_summary.h"

namespace leakrig::run_folder {

struct ShardRun {
  std::string folder;  // as the user named it, for messages
  SuiteSummary summary;
};

struct MergedRun {
  verdict::GoInfo go;
  RunSelection selection;                       // the shards' own, as shard 1 of 1
  std::vector<verdict::VariantResult> results;  // in selection order, as one whole run lists them
  std::vector<size_t> shard_of;                 // for each result, the index of the ShardRun that ran it
  std::vector<std::string> missing;             // selected variants that no shard ran
  bool complete = false;                        // every shard complete and nothing missing
};

// Refuses shards that ran on different Gos, different catalogs or different
// shard counts, and a variant that two shards ran: nullopt, with the reason.
// Missing shards are not an error: the run is then incomplete, as an
// interrupted suite is.
std::optional<MergedRun> MergeShards(const std::vector<ShardRun>& shards, std::string* error);

// A suite's exit rule, shared by `suite` and `merge`: it passes when it ran
// something, completely, every variant passed and every manifest was read.
bool RunPassed(const std::vector<verdict::VariantResult>& results, bool complete,
               const std::vector<std::string>& catalog_errors);

}  // namespace leakrig::run_folder

#endif  // LEAKRIG_RUN_FOLDER_MERGE_H_
