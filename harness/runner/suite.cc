#include "runner/suite.h"

#include <atomic>
#include <sstream>
#include <thread>

#include "edge/files.h"
#include "report/junit.h"
#include "report/verdict_json.h"

namespace leakrig::runner {
namespace {

std::vector<verdict::VariantResult> RunScenario(const RunContext& context, const scenario::Scenario& scenario,
                                                const std::string& variant_filter) {
  std::vector<const scenario::VariantSpec*> variants;
  for (const auto& v : scenario.variants) {
    if (variant_filter == "both" || v.name == variant_filter) variants.push_back(&v);
  }
  std::vector<verdict::VariantResult> results;
  BuiltFixtures built;
  if (std::string error = BuildScenarioFixtures(context, scenario, &built); !error.empty()) {
    for (const auto* v : variants) results.push_back(ErrorResult(scenario, *v, error));
    return results;
  }
  for (const auto* v : variants) {
    if (context.cancel && context.cancel->load()) {
      results.push_back(ErrorResult(scenario, *v, "interrupted before this variant ran"));
      continue;
    }
    results.push_back(RunVariant(context, scenario, *v, built));
  }
  return results;
}

void WriteSummaries(const RunContext& context, const SuiteRequest& request, SuiteOutcome* outcome) {
  std::string summary = report::SummaryToJson(outcome->results).dump(2) + "\n";
  if (auto e = edge::WriteFileAtomic(context.run_dir / "summary.json", summary); !e.empty()) {
    outcome->write_errors.push_back(e);
  }
  std::ostringstream junit;
  report::WriteJunit(outcome->results, junit);
  auto junit_path = request.junit.empty() ? context.run_dir / "junit.xml" : request.junit;
  if (auto e = edge::WriteFileAtomic(junit_path, junit.str()); !e.empty()) outcome->write_errors.push_back(e);
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
  // Each worker thread launches and tears down its own fixtures: the
  // fixtures' PR_SET_PDEATHSIG is tied to the launching thread.
  std::vector<std::vector<verdict::VariantResult>> per_scenario(request.scenarios.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < request.scenarios.size(); i = next++) {
      per_scenario[i] = RunScenario(context, *request.scenarios[i], request.variant);
    }
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < std::max(1, request.jobs); ++j) workers.emplace_back(worker);
  worker();
  for (auto& t : workers) t.join();
  SuiteOutcome outcome;
  for (auto& results : per_scenario) {
    for (auto& r : results) outcome.results.push_back(std::move(r));
  }
  WriteSummaries(context, request, &outcome);
  return outcome;
}

}  // namespace leakrig::runner
