#include "scenario/service_manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "scenario/toml_reader.h"

namespace leakrig::scenario {
namespace {

// The load driver sends one kind of request today; a manifest that lists
// more is refused rather than half-honoured.
constexpr size_t kRequestsSupported = 1;

// Stand-ins used to check templates before any port exists.
TemplateValues ProbeValues(const std::vector<ServiceProcess>& dependencies) {
  TemplateValues values = {{"addr", "127.0.0.1:1"}, {"port", "1"}, {"debug_addr", "127.0.0.1:2"}, {"debug_port", "2"}};
  for (const ServiceProcess& d : dependencies) {
    values["dep." + d.name + ".addr"] = "127.0.0.1:3";
    values["dep." + d.name + ".port"] = "3";
  }
  return values;
}

std::set<std::string> PlaceholdersOf(const ServiceProcess& p) {
  std::set<std::string> names;
  for (const std::string& a : p.args) names.merge(PlaceholdersIn(a));
  for (const auto& [key, value] : p.env) names.merge(PlaceholdersIn(value));
  return names;
}

bool UsesEither(const std::set<std::string>& names, const char* a, const char* b) {
  return names.count(a) > 0 || names.count(b) > 0;
}

// Every {name} in args and env must have a value: its own address, the
// service's debug address, or a dependency declared before it.
void CheckTemplates(ManifestReader& r, const ServiceProcess& p, const std::string& field, const TemplateValues& known) {
  for (const std::string& name : PlaceholdersOf(p)) {
    if (known.count(name) == 0) {
      r.Error(field, fmt::format("names {{{}}}, which is not {{addr}}, {{port}}, {{debug_addr}}, {{debug_port}} "
                                 "or {{dep.NAME.addr}} of a dependency declared before it",
                                 name));
    }
  }
  if (p.addr.empty() && !UsesEither(PlaceholdersOf(p), "addr", "port")) {
    r.Error(field,
            "neither args nor env uses {addr} or {port}, and there is no fixed addr: "
            "leakrig could not tell it where to listen");
  }
}

ServiceProcess ReadProcess(ManifestReader& r, const toml::table& t, const std::string& prefix) {
  ServiceProcess p;
  auto field = [&](const char* key) { return prefix.empty() ? std::string(key) : prefix + "." + key; };
  p.package = r.String(t, "package", field("package"), false);
  p.build_flags = r.Strings(t, "build_flags", field("build_flags"));
  p.command = r.Strings(t, "command", field("command"));
  p.args = r.Strings(t, "args", field("args"));
  p.env = r.StringMap(t, "env", field("env"));
  p.addr = r.String(t, "addr", field("addr"), false);
  p.ready = r.String(t, "ready", field("ready"), false);
  const std::string where = prefix.empty() ? "package" : prefix;
  if (p.package.empty() == p.command.empty()) r.Error(where, "needs exactly one of package or command");
  if (!p.package.empty() && (p.package.rfind("./", 0) != 0 || p.package.find("..") != std::string::npos)) {
    r.ErrorAt(*t.get("package"), field("package"), "must be a path inside the module, like \"./cmd/api\"");
  }
  if (!p.addr.empty() && !IsLoopbackHostPort(p.addr)) {
    r.ErrorAt(*t.get("addr"), field("addr"), fmt::format("is \"{}\"; it must be loopback, 127.0.0.1:PORT", p.addr));
  }
  if (!p.ready.empty() && p.ready[0] != '/')
    r.ErrorAt(*t.get("ready"), field("ready"), "must be a path starting with /");
  return p;
}

void ReadDependencies(ManifestReader& r, const toml::table& root, ServiceManifest* m) {
  const toml::node* node = root.get("dependency");
  if (!node) return;
  const toml::array* array = node->as_array();
  if (!array) return r.ErrorAt(*node, "dependency", "must be an array of tables, [[dependency]]");
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::table* t = (*array)[i].as_table();
    std::string prefix = fmt::format("dependency[{}]", i);
    if (!t) {
      r.ErrorAt((*array)[i], prefix, "must be a table");
      continue;
    }
    std::string name = r.String(*t, "name", prefix + ".name", true);
    if (!name.empty() && !IsSafeName(name))
      r.ErrorAt(*t->get("name"), prefix + ".name", "must match [a-z0-9][a-z0-9_-]*");
    ServiceProcess p = ReadProcess(r, *t, prefix);
    p.name = std::move(name);
    bool taken = std::any_of(m->dependencies.begin(), m->dependencies.end(),
                             [&](const ServiceProcess& d) { return d.name == p.name; });
    if (taken && !p.name.empty()) r.ErrorAt(*t, prefix + ".name", fmt::format("\"{}\" is declared twice", p.name));
    TemplateValues known = ProbeValues(m->dependencies);  // only the ones before it
    known.erase("debug_addr");
    known.erase("debug_port");
    CheckTemplates(r, p, prefix, known);
    m->dependencies.push_back(std::move(p));
  }
}

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
  ReadDependencies(r, root, m);
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

std::set<std::string> PlaceholdersIn(std::string_view text) {
  std::set<std::string> names;
  for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace(text.substr(open + 1, close - open - 1));
  }
  return names;
}

std::string FillTemplate(std::string_view text, const TemplateValues& values, std::string* error) {
  std::string out;
  size_t at = 0;
  for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', at)) {
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    auto value = values.find(std::string(text.substr(open + 1, close - open - 1)));
    if (value == values.end()) {
      *error = fmt::format("\"{}\" names {}, which has no value", text, text.substr(open, close - open + 1));
      return "";
    }
    out.append(text.substr(at, open - at)).append(value->second);
    at = close + 1;
  }
  return out.append(text.substr(at));
}

bool IsLoopbackHostPort(std::string_view host_port) {
  for (std::string_view host : {std::string_view("127.0.0.1:"), std::string_view("[::1]:")}) {
    if (host_port.substr(0, host.size()) != host) continue;
    std::string_view digits = host_port.substr(host.size());
    int port = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    return ec == std::errc() && end == digits.data() + digits.size() && port > 0 && port < 65536;
  }
  return false;
}

std::string UrlHostPort(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) return "";
  url.remove_prefix(kScheme.size());
  return std::string(url.substr(0, url.find('/')));
}

}  // namespace leakrig::scenario
