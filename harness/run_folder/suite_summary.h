// What summary.json says beyond its rows: which variants the whole suite
// selected, from which catalog, and which shard of it this run was. `merge`
// reads it back to put the shards of one suite together. Pure: JSON in, JSON out.
//
//   "catalog": "3f0c…",  "catalog_errors": [],  "selection": ["a/leaky", …],
//   "shard": {"index": 1, "count": 3}
#ifndef LEAKRIG_RUN_FOLDER_SUITE_SUMMARY_H_
#define LEAKRIG_RUN_FOLDER_SUITE_SUMMARY_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verdict/result.h"

namespace leakrig::run_folder {

struct RunSelection {
  // Every "scenario/variant" the whole suite selected (all its shards), in summary order.
  std::vector<std::string> variants;
  // A fingerprint of the manifests, the fixtures' sources and the flags as they ran.
  std::string catalog;
  // Manifests that could not be read ("file: message"): they fail the run.
  std::vector<std::string> catalog_errors;
  int shard_index = 1;
  int shard_count = 1;  // 1: the whole selection
};

// Adds the selection's fields to a summary.json object.
void AddSelection(const RunSelection& selection, nlohmann::ordered_json* summary);

// A suite's summary.json as merge needs it. Each result holds what a row
// says (scenario, variant, expected, verdict, passed, reason) and the Go.
struct SuiteSummary {
  verdict::GoInfo go;
  bool complete = false;
  RunSelection selection;
  std::vector<verdict::VariantResult> results;
  std::vector<std::string> verdict_files;  // each row's verdict.json, relative to the run folder
};

// Parses summary.json; nullopt with the reason when it is not a suite's.
std::optional<SuiteSummary> ParseSuiteSummary(std::string_view json_text, std::string* error);

// Reads a variant's samples from its verdict.json into `result` (JUnit's
// time is the last sample's); checks that the file is that variant's.
// Returns an error, "" on success.
std::string ReadVerdictSeries(std::string_view json_text, verdict::VariantResult* result);

}  // namespace leakrig::run_folder

#endif  // LEAKRIG_RUN_FOLDER_SUITE_SUMMARY_H_
