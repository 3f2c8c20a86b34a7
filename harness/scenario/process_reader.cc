#include "scenario/process_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "scenario/manifest.h"

namespace leakrig::scenario {
namespace {

// A POSIX user name, as useradd accepts it.
bool IsUserName(std::string_view name) {
  auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; };
  return !name.empty() && name.size() <= 32 && name[0] != '-' && std::all_of(name.begin(), name.end(), ok);
}

// setup = [["initdb", "-D", "{data_dir}"], ...]: commands of one word at least.
std::vector<std::vector<std::string>> ReadSetup(ManifestReader& r, const toml::table& t, const std::string& field) {
  std::vector<std::vector<std::string>> out;
  const toml::node* node = t.get("setup");
  if (!node) return out;
  const toml::array* commands = node->as_array();
  if (!commands) {
    r.ErrorAt(*node, field, "must be an array of commands, each an array of strings: [[\"initdb\", \"-D\", ...]]");
    return out;
  }
  for (const toml::node& command : *commands) {
    const toml::array* words = command.as_array();
    std::vector<std::string>& argv = out.emplace_back();
    for (size_t i = 0; words && i < words->size(); ++i) {
      if (auto word = (*words)[i].value<std::string>()) argv.push_back(*word);
    }
    if (!words || argv.size() != words->size() || argv.empty() || argv[0].empty()) {
      r.ErrorAt(command, field, "each command must be a non-empty array of strings, its program first");
    }
  }
  return out;
}

void CheckCommandDirs(ManifestReader& r, const toml::table& t, const ServiceProcess& p, const std::string& field) {
  for (const std::string& dir : p.command_dirs) {
    if (dir.empty() || dir[0] != '/') {
      r.ErrorAt(*t.get("command_dirs"), field, fmt::format("\"{}\" is not an absolute folder", dir));
    }
  }
}

void CheckPprof(ManifestReader& r, const toml::table& t, const ServiceProcess& p, const std::string& field) {
  if (p.pprof.empty()) return;
  std::string error;
  std::string filled = FillTemplate(p.pprof, ProbeValues({}), &error);
  if (error.empty() && !IsLoopbackHostPort(UrlHostPort(filled))) {
    r.ErrorAt(*t.get("pprof"), field, fmt::format("is \"{}\"; it must be an http:// URL on loopback", p.pprof));
  }
}

}  // namespace

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
  p.ready_log = r.String(t, "ready_log", field("ready_log"), false);
  p.command_dirs = r.Strings(t, "command_dirs", field("command_dirs"));
  p.user = r.String(t, "user", field("user"), false);
  p.setup = ReadSetup(r, t, field("setup"));
  if (!prefix.empty()) p.pprof = r.String(t, "pprof", field("pprof"), false);  // the service's is top-level
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
  if (!p.ready.empty() && !p.ready_log.empty()) r.Error(where, "has both ready and ready_log; keep one");
  if (!p.user.empty() && !IsUserName(p.user)) r.ErrorAt(*t.get("user"), field("user"), "is not a user name");
  CheckCommandDirs(r, t, p, field("command_dirs"));
  CheckPprof(r, t, p, field("pprof"));
  return p;
}

void ReadDependencies(ManifestReader& r, const toml::table& root, std::vector<ServiceProcess>* dependencies) {
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
    bool taken = std::any_of(dependencies->begin(), dependencies->end(),
                             [&](const ServiceProcess& d) { return d.name == p.name; });
    if (taken && !p.name.empty()) r.ErrorAt(*t, prefix + ".name", fmt::format("\"{}\" is declared twice", p.name));
    CheckTemplates(r, p, prefix, ProbeValues(*dependencies));  // only the ones before it
    dependencies->push_back(std::move(p));
  }
}

TemplateValues ProbeValues(const std::vector<ServiceProcess>& dependencies) {
  TemplateValues values = {{"addr", "127.0.0.1:1"},
                           {"port", "1"},
                           {"debug_addr", "127.0.0.1:2"},
                           {"debug_port", "2"},
                           {std::string(kDataDir), "/d"}};
  for (const ServiceProcess& d : dependencies) {
    values["dep." + d.name + ".addr"] = "127.0.0.1:3";
    values["dep." + d.name + ".port"] = "3";
  }
  return values;
}

void CheckTemplates(ManifestReader& r, const ServiceProcess& p, const std::string& field, const TemplateValues& known) {
  for (const std::string& name : PlaceholdersOf(p)) {
    if (known.count(name) == 0) {
      r.Error(field, fmt::format("names {{{}}}, which is not {{addr}}, {{port}}, {{debug_addr}}, {{debug_port}}, "
                                 "{{data_dir}} or {{dep.NAME.addr}} of a dependency declared before it",
                                 name));
    }
  }
  std::set<std::string> told;  // what the process itself reads: its args and env
  for (const std::string& arg : p.args) told.merge(PlaceholdersIn(arg));
  for (const auto& [key, value] : p.env) told.merge(PlaceholdersIn(value));
  if (p.addr.empty() && !UsesEither(told, "addr", "port")) {
    r.Error(field,
            "neither args nor env uses {addr} or {port}, and there is no fixed addr: "
            "leakrig could not tell it where to listen");
  }
}

}  // namespace leakrig::scenario
