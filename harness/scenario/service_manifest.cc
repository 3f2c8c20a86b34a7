#include "scenario/service_manifest.h"

#include <fmt/format.h>

#include <algorithm>

#include "scenario/process_reader.h"
#include "scenario/toml_reader.h"

namespace leakrig::scenario {
namespace {

// The load driver sends one kind of request today; a manifest that lists
// more is refused rather than half-honoured.
constexpr size_t kRequestsSupported = 1;

ServiceRequest ReadRequest(ManifestReader& r, const toml::table& t, const std::string& prefix) {
  ServiceRequest q;
  if (t.contains("method")) q.method = r.String(t, "method", prefix + ".method", true);
  if (t.contains("path")) q.path = r.String(t, "path", prefix + ".path", true);
  q.headers = r.StringMap(t, "headers", prefix + ".headers");
  q.body = r.String(t, "body", prefix + ".body", false);
  q.body_file = r.String(t, "body_file", prefix + ".body_file", false);
  r.Number(t, "weight", prefix + ".weight", 0.0, &q.weight);
  if (q.path.empty() || q.path[0] != '/') r.Error(prefix + ".path", "must start with /");
  if (!std::all_of(q.method.begin(), q.method.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) || q.method.empty()) {
    r.Error(prefix + ".method", fmt::format("is \"{}\"; want an HTTP method such as GET or POST", q.method));
  }
  if (!q.body.empty() && !q.body_file.empty()) r.Error(prefix, "has both body and body_file; keep one");
  if (q.body_file.find("..") != std::string::npos || (!q.body_file.empty() && q.body_file[0] == '/')) {
    r.Error(prefix + ".body_file", "must be a path inside the manifest's folder");
  }
  return q;
}

void ReadRequests(ManifestReader& r, const toml::table& root, ServiceManifest* m) {
  const toml::table* load = root.get_as<toml::table>("load");
  const toml::node* node = load ? load->get("request") : nullptr;
  const toml::array* array = node ? node->as_array() : nullptr;
  if (!array || array->empty()) return r.Error("load.request", "at least one [[load.request]] with a path is required");
  for (size_t i = 0; i < array->size(); ++i) {
    std::string prefix = fmt::format("load.request[{}]", i);
    if (const toml::table* t = (*array)[i].as_table())
      m->requests.push_back(ReadRequest(r, *t, prefix));
    else
      r.ErrorAt((*array)[i], prefix, "must be a table");
  }
  if (m->requests.size() > kRequestsSupported) {
    r.ErrorAt(*node, "load.request",
              fmt::format("lists {} requests; this leakrig drives one kind of request per "
                          "service, so keep the one whose endpoint leaks",
                          m->requests.size()));
  }
}

// pprof, metrics and ready must name loopback, and a debug address they use
// must be one the service is told about.
void CheckEndpoints(ManifestReader& r, const ServiceManifest& m) {
  const TemplateValues probe = ProbeValues(m.dependencies);
  const bool told_debug = UsesEither(PlaceholdersOf(m.service), "debug_addr", "debug_port");
  for (const auto& [key, url] : {std::pair<const char*, std::string>{"pprof", m.pprof}, {"metrics", m.metrics}}) {
    if (url.empty()) continue;
    std::string error;
    std::string filled = FillTemplate(url, probe, &error);
    if (!error.empty())
      r.Error(key, error);
    else if (!IsLoopbackHostPort(UrlHostPort(filled))) {
      r.Error(key, fmt::format("is \"{}\"; it must be an http:// URL on loopback (127.0.0.1)", url));
    }
    if (UsesEither(PlaceholdersIn(url), "debug_addr", "debug_port") && !told_debug) {
      r.Error(key, "uses {debug_addr}, but neither the service's args nor env uses {debug_addr} or {debug_port}");
    }
  }
  if (m.judge == Judge::kHeap && m.metrics.empty()) {
    r.Error("judge", "\"heap\" needs metrics = URL of a runtime/metrics JSON with /gc/heap/live:bytes");
  }
}

void ReadTopLevel(ManifestReader& r, const toml::table& root, ServiceManifest* m) {
  if (root.contains("name")) m->name = r.String(root, "name", "name", true);
  if (!IsSafeName(m->name)) r.Error("name", "must match [a-z0-9][a-z0-9_-]*");
  if (root.contains("pprof")) m->pprof = r.String(root, "pprof", "pprof", true);
  if (!m->pprof.empty() && m->pprof.back() != '/') m->pprof += '/';
  m->metrics = r.String(root, "metrics", "metrics", false);
  ReadJudge(r, root, "judge", &m->judge);
  m->suspect.function_regex = r.String(root, "suspect_function", "suspect_function", false);
  m->suspect.wait_reasons = r.Strings(root, "suspect_wait", "suspect_wait");
}

void ReadService(ManifestReader& r, const toml::table& root, ServiceManifest* m) {
  ReadTopLevel(r, root, m);
  ReadDependencies(r, root, &m->dependencies);
  m->service = ReadProcess(r, root, "");
  m->service.name = "service";
  CheckTemplates(r, m->service, "service", ProbeValues(m->dependencies));
  CheckEndpoints(r, *m);
  ReadLoad(r, root, &m->load);
  ReadRequests(r, root, m);
  ReadTiming(r, root, &m->timing);
}

}  // namespace

ParsedServiceManifest ParseServiceManifest(std::string_view toml_text, std::string_view origin) {
  ParsedServiceManifest out;
  out.manifest = ReadManifest<ServiceManifest>(toml_text, origin, ReadService, &out.errors);
  return out;
}

}  // namespace leakrig::scenario
