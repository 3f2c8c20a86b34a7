#include "runner/suite.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>

#include "edge/files.h"
#include "report/junit.h"
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

// Builds every scenario's fixtures up front (one at a time: go build uses
// both cores anyway) and lists the variants to run, in catalog order.
std::vector<Job> PlanJobs(const RunContext& context, const SuiteRequest& request, std::vector<BuiltFixtures>* built) {
  built->resize(request.scenarios.size());
  std::vector<Job> jobs;
  for (size_t i = 0; i < request.scenarios.size(); ++i) {
    const scenario::Scenario& s = *request.scenarios[i];
    if (context.on_status) context.on_status(fmt::format("{}: building the fixture", s.name));
    std::string error = BuildScenarioFixtures(context, s, &(*built)[i]);
    for (const auto& v : s.variants) {
      if (request.variant == "both" || v.name == request.variant) jobs.push_back({&s, &v, &(*built)[i], error});
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

void WriteSummaries(const RunContext& context, const SuiteRequest& request, SuiteOutcome* outcome) {
  bool complete = !(context.cancel && context.cancel->load());
  outcome->write_errors =
      run_folder::WriteRunSummaries(context.run_dir, outcome->results, context.GoInfo(), complete, request.junit);
}

}  // namespace

bool SuiteOutcome::passed() const {
  if (results.empty() || !write_errors.empty()) return false;
  for (const auto& r : results) {
    if (!r.passed) return false;
  }
  return true;
}

SuiteOutcome RunSuite(const RunContext& context, const SuiteRequest& request) {
  std::vector<BuiltFixtures> built;
  std::vector<Job> jobs = PlanJobs(context, request, &built);
  // Variants run `jobs` at a time. Each worker thread launches and tears
  // down its own fixtures: PR_SET_PDEATHSIG is tied to the launching thread.
  SuiteOutcome outcome;
  outcome.results.resize(jobs.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) outcome.results[i] = RunJob(context, jobs[i]);
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < std::min<int>(std::max(1, request.jobs), static_cast<int>(jobs.size())); ++j) {
    workers.emplace_back(worker);
  }
  worker();
  for (auto& t : workers) t.join();
  WriteSummaries(context, request, &outcome);
  return outcome;
}

}  // namespace leakrig::runner
