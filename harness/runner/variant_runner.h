// Runs one scenario variant through its phases and judges it:
//   baseline -> load -> drain -> final -> verdict.
#ifndef LEAKRIG_RUNNER_VARIANT_RUNNER_H_
#define LEAKRIG_RUNNER_VARIANT_RUNNER_H_

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "edge/go_toolchain.h"
#include "runner/process_starter.h"
#include "runner/runner_io.h"
#include "scenario/manifest.h"
#include "verdict/result.h"

namespace leakrig::runner {

struct RunContext {
  std::filesystem::path repo_root;  // holds scenarios/ and go-fixtures/
  std::filesystem::path run_dir;    // results/<run-id>/
  std::filesystem::path fixture_cache;
  edge::GoToolchain go;  // builds the fixtures; its GOTOOLCHAIN is also in their environment
  int gomaxprocs = 2;
  const std::atomic<bool>* cancel = nullptr;
  RunnerIo io;  // SystemIo() outside tests
  // Told what is happening: "unbuffered-send/leaky: load 1.2 s, 950 req/s".
  std::function<void(const std::string& status)> on_status;

  verdict::GoInfo GoInfo() const { return {go.version, std::string(edge::LeakProfileName(go.leak_profile))}; }
};

struct BuiltFixtures {
  std::filesystem::path fixture;
  std::filesystem::path upstream;                              // empty when the scenario has none
  std::shared_ptr<const Dependencies> dependencies = nullptr;  // when the scenario has any
};

// Builds the scenario's fixture (and upstream, and the dependencies that are
// go-fixtures packages). On failure returns an error.
std::string BuildScenarioFixtures(const RunContext& context, const scenario::Scenario& scenario, BuiltFixtures* built);

// `scenario` is complete as it will run: the command has applied its flags
// to the manifest before. Never throws; failures come back as verdict
// `error` with the reason.
verdict::VariantResult RunVariant(const RunContext& context, const scenario::Scenario& scenario,
                                  const scenario::VariantSpec& variant, const BuiltFixtures& built);

// The fixture's whole environment: GOMAXPROCS (context.gomaxprocs), an empty
// GODEBUG, GOTRACEBACK=all, the scenario's env (fixture only: not an upstream's
// or a dependency's; its {dep.NAME.addr} already filled), the variant's env,
// the upstream's address, the toolchain's variables and LEAKRIG_RUN_DIR.
// Nothing of the harness's own environment leaks in.
std::map<std::string, std::string> FixtureEnv(const RunContext& context, const scenario::Scenario* scenario,
                                              const scenario::VariantSpec* variant,
                                              const std::string& upstream_address);

// The load of `scenario` against the fixture at `base_url` ("http://127.0.0.1:PORT").
edge::LoadConfig LoadConfigFor(const scenario::Scenario& scenario, const std::string& base_url);

// Why the load says the fixture is broken rather than leaking, or "": most
// requests failed, or most answers were 5xx the manifest does not expect.
std::string LoadFailure(const edge::LoadReport& report, const std::vector<int>& accepted_5xx);

// How long a variant of `scenario` takes by its manifest: the baseline, the
// load, the drain and the final samples, plus what starting the fixture,
// taking the dumps and stopping it usually cost. Whole milliseconds, so that
// sums of them are exact (runner/shard.h balances shards with them).
int64_t PlannedMilliseconds(const scenario::Scenario& scenario);

// A result with verdict `error` for a variant that could not run.
verdict::VariantResult ErrorResult(const RunContext& context, const scenario::Scenario& scenario,
                                   const scenario::VariantSpec& variant, std::string reason);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_VARIANT_RUNNER_H_
