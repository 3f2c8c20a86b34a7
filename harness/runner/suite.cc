#include "runner/suite.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "run_folder/merge.h"
#include "run_folder/run_folder_writer.h"

namespace leakrig::runner {
namespace {

// One variant to run, with the scenario's fixtures already built.
struct Job {
  const scenario::Scenario* scenario;
  const scenario::VariantSpec* variant;
  const BuiltFixtures* built;
  std::string build_error;
};

bool Selected(std::string_view selection, const scenario::VariantSpec& v) {
  return selection == "both" || v.name == selection;
}

bool InShard(const SuiteRequest& request, const std::string& name) {
  const std::vector<std::string>& only = request.shard_variants;
  return request.shard.count == 1 || std::find(only.begin(), only.end(), name) != only.end();
}

// This shard's variants, in catalog order, with their scenarios' fixtures
// built up front (one at a time: go build uses both cores anyway). Only the
// scenarios this shard runs are built.
std::vector<Job> PlanJobs(const RunContext& context, const SuiteRequest& request, std::vector<BuiltFixtures>* built) {
  built->resize(request.scenarios.size());
  std::vector<Job> jobs;
  for (size_t i = 0; i < request.scenarios.size(); ++i) {
    const scenario::Scenario& s = *request.scenarios[i];
    bool built_yet = false;
    std::string error;
    for (const auto& v : s.variants) {
      if (!Selected(request.variant, v) || !InShard(request, s.name + "/" + v.name)) continue;
      if (!built_yet) {
        if (context.on_status) context.on_status(fmt::format("{}: building the fixture", s.name));
        error = BuildScenarioFixtures(context, s, &(*built)[i]);
        built_yet = true;
      }
      jobs.push_back({&s, &v, &(*built)[i], error});
    }
  }
  return jobs;
}

verdict::VariantResult RunJob(const RunContext& context, const Job& job) {
  std::string not_run = !job.build_error.empty()                     ? job.build_error
                        : (context.cancel && context.cancel->load()) ? "interrupted before this variant ran"
                                                                     : "";
  if (not_run.empty()) return RunVariant(context, *job.scenario, *job.variant, *job.built);
  verdict::VariantResult result = ErrorResult(context, *job.scenario, *job.variant, not_run);
  run_folder::WriteVerdict(context.run_dir, &result);
  return result;
}

// Runs the jobs `parallel` at a time, longest planned first, so that the
// last to start are short; results stay in the jobs' order. Each worker
// thread launches and tears down its own fixtures: PR_SET_PDEATHSIG is tied
// to the launching thread.
std::vector<verdict::VariantResult> RunJobs(const RunContext& context, const std::vector<Job>& jobs, int parallel) {
  std::vector<PlannedVariant> planned;
  for (const Job& job : jobs) {
    planned.push_back({job.scenario->name + "/" + job.variant->name, PlannedMilliseconds(*job.scenario)});
  }
  const std::vector<size_t> order = LongestFirst(planned);
  std::vector<verdict::VariantResult> results(jobs.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < order.size(); i = next++) results[order[i]] = RunJob(context, jobs[order[i]]);
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < std::min<int>(std::max(1, parallel), static_cast<int>(jobs.size())); ++j) {
    workers.emplace_back(worker);
  }
  worker();
  for (auto& t : workers) t.join();
  return results;
}

}  // namespace

bool SuiteOutcome::passed() const {
  return write_errors.empty() && run_folder::RunPassed(results, complete, selection.catalog_errors);
}

std::vector<PlannedVariant> SelectedVariants(const std::vector<const scenario::Scenario*>& scenarios,
                                             std::string_view variant) {
  std::vector<PlannedVariant> selected;
  for (const scenario::Scenario* s : scenarios) {
    for (const auto& v : s->variants) {
      if (Selected(variant, v)) selected.push_back({s->name + "/" + v.name, PlannedMilliseconds(*s)});
    }
  }
  return selected;
}

std::vector<std::string> ShardVariants(const std::vector<const scenario::Scenario*>& manifests,
                                       std::string_view variant, const ShardSpec& shard) {
  const std::vector<PlannedVariant> selected = SelectedVariants(manifests, variant);
  const std::vector<int> shard_of = AssignShards(selected, shard.count);
  std::vector<std::string> names;
  for (size_t i = 0; i < selected.size(); ++i) {
    if (shard_of[i] == shard.index) names.push_back(selected[i].name);
  }
  return names;
}

SuiteOutcome RunSuite(const RunContext& context, const SuiteRequest& request) {
  SuiteOutcome outcome;
  run_folder::RunSelection& selection = outcome.selection;
  for (const PlannedVariant& v : SelectedVariants(request.scenarios, request.variant)) {
    selection.variants.push_back(v.name);
  }
  selection.catalog = request.catalog;
  selection.catalog_errors = request.catalog_errors;
  selection.shard_index = request.shard.index;
  selection.shard_count = request.shard.count;

  std::vector<BuiltFixtures> built;
  const std::vector<Job> jobs = PlanJobs(context, request, &built);
  outcome.results = RunJobs(context, jobs, request.jobs);
  outcome.complete = !(context.cancel && context.cancel->load());
  outcome.write_errors = run_folder::WriteRunSummaries(context.run_dir, outcome.results, context.GoInfo(),
                                                       outcome.complete, request.junit, &selection);
  return outcome;
}

}  // namespace leakrig::runner
