// Runs a set of scenarios and writes the run's summary.json and JUnit XML.
#ifndef LEAKRIG_RUNNER_SUITE_H_
#define LEAKRIG_RUNNER_SUITE_H_

#include <string>
#include <vector>

#include "runner/variant_runner.h"

namespace leakrig::runner {

struct SuiteRequest {
  std::vector<const scenario::Scenario*> scenarios;
  std::string variant = "both";  // a variant name, or "both" for all of them
  int jobs = 1;                  // variants run at once
  std::filesystem::path junit;   // empty: <run_dir>/junit.xml
};

struct SuiteOutcome {
  std::vector<verdict::VariantResult> results;  // in scenario then variant order
  std::vector<std::string> write_errors;
  bool passed() const;
};

SuiteOutcome RunSuite(const RunContext& context, const SuiteRequest& request);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_SUITE_H_
