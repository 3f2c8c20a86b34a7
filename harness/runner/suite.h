// Runs a set of scenarios, or one shard of them, and writes the run's
// summary.json and JUnit XML.
#ifndef LEAKRIG_RUNNER_SUITE_H_
#define LEAKRIG_RUNNER_SUITE_H_

#include <string>
#include <vector>

#include "run_folder/suite_summary.h"
#include "runner/shard.h"
#include "runner/variant_runner.h"

namespace leakrig::runner {

// Variants run at once by default. A variant mostly waits: for its baseline,
// through a paced load, for its drain. Two at a time kept the 2-core machine
// 0.6 cores busy on average; four keep it 0.8-1.0 busy and nearly halve the
// catalog's time (README, Performance), with the verdicts unchanged.
inline constexpr int kDefaultJobs = 4;

struct SuiteRequest {
  std::vector<const scenario::Scenario*> scenarios;  // the whole selection, every shard's, as it will run
  std::string variant = "both";                      // a variant name, or "both" for all of them
  int jobs = kDefaultJobs;                           // variants run at once
  std::filesystem::path junit;                       // empty: <run_dir>/junit.xml
  ShardSpec shard;                                   // which part of the selection this run is
  std::vector<std::string> shard_variants;           // its "scenario/variant"s (ShardVariants); 1/1: unused
  std::string catalog;                               // CatalogFingerprint, for summary.json
  std::vector<std::string> catalog_errors;           // manifests that could not be read: they fail the run
};

struct SuiteOutcome {
  std::vector<verdict::VariantResult> results;  // this shard's, in scenario then variant order
  run_folder::RunSelection selection;
  bool complete = true;  // false when interrupted
  std::vector<std::string> write_errors;
  bool passed() const;
};

// Every variant of `scenarios` that `variant` ("both" or a name) selects, in
// scenario then variant order (summary.json's), with its planned time.
std::vector<PlannedVariant> SelectedVariants(const std::vector<const scenario::Scenario*>& scenarios,
                                             std::string_view variant);

// The "scenario/variant"s that `shard` runs, in selection order: AssignShards
// over the manifests as written, so that flags which change the timing
// (--duration, --interval) move no variant from one shard to another.
std::vector<std::string> ShardVariants(const std::vector<const scenario::Scenario*>& manifests,
                                       std::string_view variant, const ShardSpec& shard);

SuiteOutcome RunSuite(const RunContext& context, const SuiteRequest& request);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_SUITE_H_
