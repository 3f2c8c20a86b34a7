// A user's own service, described by a leakrig.toml in its repository:
//
//   package = "./cmd/api"
//   args = ["-listen", "{addr}", "-debug", "{debug_addr}", "-upstream", "{dep.upstream.addr}"]
//   pprof = "http://{debug_addr}/debug/pprof/"
//   ready = "/healthz"
//   [[dependency]]
//   name = "upstream"
//   package = "./cmd/upstream"
//   args = ["-listen", "{addr}"]
//   [load]
//   concurrency = 4
//   [[load.request]]
//   path = "/orders"
//
// The parser is pure: it reads text and checks that every template can be
// filled and every address it names is loopback. Building, ports and
// processes belong to the runner.
#ifndef LEAKRIG_SCENARIO_SERVICE_MANIFEST_H_
#define LEAKRIG_SCENARIO_SERVICE_MANIFEST_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/manifest.h"
#include "scenario/process_spec.h"

namespace leakrig::scenario {

// One kind of request the load sends.
struct ServiceRequest {
  std::string method = "GET";
  std::string path = "/";
  std::map<std::string, std::string> headers;
  std::string body;
  std::string body_file;  // relative to the manifest's folder; read when the run starts
  double weight = 1;
};

struct ServiceManifest {
  std::string name = "service";  // names the result folder
  ServiceProcess service;
  std::vector<ServiceProcess> dependencies;  // started in this order, before the service
  std::string pprof = "http://{addr}/debug/pprof/";
  // A runtime/metrics JSON endpoint with "/gc/heap/live:bytes"; needed by judge = "heap".
  std::string metrics;
  std::vector<ServiceRequest> requests;
  LoadSpec load;
  Timing timing;
  Judge judge = Judge::kGoroutines;
  verdict::ExpectedSuspect suspect;
};

struct ParsedServiceManifest {
  std::optional<ServiceManifest> manifest;  // set when there are no errors
  std::vector<ManifestError> errors;
};

// Parses and validates a leakrig.toml. `origin` names the file in errors;
// every problem is reported, with its field and, where the field is there,
// its line.
ParsedServiceManifest ParseServiceManifest(std::string_view toml_text, std::string_view origin);

}  // namespace leakrig::scenario

#endif  // LEAKRIG_SCENARIO_SERVICE_MANIFEST_H_
