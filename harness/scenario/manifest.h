// Scenario manifests: one TOML file per leak pattern in scenarios/.
//
//   name = "unbuffered-send"
//   fixture = "unbuffered-send"
//   [load]
//   concurrency = 8
//   [variants.leaky]
//   expected = "leak"
#ifndef LEAKRIG_SCENARIO_MANIFEST_H_
#define LEAKRIG_SCENARIO_MANIFEST_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/process_spec.h"
#include "verdict/attribution.h"
#include "verdict/verdict.h"

namespace leakrig::scenario {

struct LoadSpec {
  int concurrency = 8;
  double duration_seconds = 2.0;
  long long requests = 0;  // 0: bounded by duration only
  double rate = 0;         // requests/s; 0: unpaced
  // How long one request may take before the load counts it as failed and
  // moves on: a leak that exhausts a pool stalls every request after it.
  double request_timeout_seconds = 5;
  // 5xx statuses the fixture answers on purpose (a handler that gives up
  // says 504). Other 5xx on most responses mean the fixture is broken.
  std::vector<int> accept_status;
};

struct Timing {
  double baseline_seconds = 0.5;   // samples taken before load
  double drain_seconds = 1.5;      // wait after load before the final samples
  double interval_seconds = 0.25;  // sampling period
  double startup_timeout_seconds = 10;
};

enum class Judge { kGoroutines, kHeap };

struct VariantSpec {
  std::string name;                        // "leaky", "fixed", ...
  std::vector<std::string> flags;          // default: {"-variant=<name>"}
  std::map<std::string, std::string> env;  // added to the fixture's environment
  verdict::Verdict expected = verdict::Verdict::kClean;
  Judge judge = Judge::kGoroutines;
  verdict::ExpectedSuspect suspect;
};

struct Scenario {
  std::string name;
  std::string pattern;  // one line: what leaks
  std::string fixture;  // go-fixtures/cmd/<fixture>
  std::string source;   // the file with both variants, relative to the repository
  std::string path = "/work";
  std::string upstream;  // optional fixture started first; its address goes in LEAKRIG_UPSTREAM
  // Processes started before the fixture, in order, each on a loopback port
  // leakrig picks ([[dependency]], as in a leakrig.toml): a PostgreSQL, a
  // gRPC upstream. A `package` is built in go-fixtures.
  std::vector<ServiceProcess> dependencies;
  // Added to every variant's environment (a variant's env wins); this and
  // the variants' flags and env may name {dep.NAME.addr} and {dep.NAME.port}.
  std::map<std::string, std::string> env;
  LoadSpec load;
  Timing timing;
  std::vector<VariantSpec> variants;  // leaky first, then fixed, then the rest by name

  const VariantSpec* FindVariant(std::string_view name) const;
};

struct ManifestError {
  std::string where;  // "origin:line" or "origin: field"
  std::string message;
};

struct ParsedManifest {
  std::optional<Scenario> scenario;  // set when there are no errors
  std::vector<ManifestError> errors;
};

// Parses and validates a manifest. `origin` names the file in errors. Every
// problem is reported, not only the first.
ParsedManifest ParseManifest(std::string_view toml_text, std::string_view origin);

// Names that become file or folder names must be plain: [a-z0-9][a-z0-9_-]*.
bool IsSafeName(std::string_view name);

}  // namespace leakrig::scenario

#endif  // LEAKRIG_SCENARIO_MANIFEST_H_
