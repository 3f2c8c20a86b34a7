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
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/manifest.h"

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

// The service itself, or one of its dependencies.
struct ServiceProcess {
  std::string name;                        // "service", or the dependency's name
  std::string package;                     // "./cmd/api": `go build` in the manifest's module
  std::vector<std::string> build_flags;    // passed to go build before the package
  std::vector<std::string> command;        // prebuilt: argv, argv[0] relative to the manifest's folder or on PATH
  std::vector<std::string> args;           // templates, after the package's binary or command
  std::map<std::string, std::string> env;  // templates, added to the explicit environment
  std::string addr;                        // fixed "127.0.0.1:PORT"; empty: leakrig picks a free port
  std::string ready;                       // path polled for a 2xx; empty: see ServiceManifest
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

// The values a template may name: "addr", "port", "debug_addr",
// "debug_port", "dep.NAME.addr", "dep.NAME.port".
using TemplateValues = std::map<std::string, std::string>;

// The names between braces in `text`: "{addr}/x{port}" gives {"addr", "port"}.
std::set<std::string> PlaceholdersIn(std::string_view text);

// `text` with every {name} replaced by its value. A name without a value
// leaves *error set and returns "".
std::string FillTemplate(std::string_view text, const TemplateValues& values, std::string* error);

// "127.0.0.1:PORT" or "[::1]:PORT"; the host of a URL is checked the same way.
bool IsLoopbackHostPort(std::string_view host_port);

// The "host:port" of "http://host:port/path", or "" when it is no http URL.
std::string UrlHostPort(std::string_view url);

}  // namespace leakrig::scenario

#endif  // LEAKRIG_SCENARIO_SERVICE_MANIFEST_H_
