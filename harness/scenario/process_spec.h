// A process leakrig starts beside the one it measures, or that one itself:
// a leakrig.toml's service and dependencies, a catalog scenario's
// dependencies (a PostgreSQL, a gRPC upstream). Its args, env, setup and
// pprof are templates that name addresses leakrig picks:
//
//   args = ["-D", "{data_dir}", "-p", "{port}"]
//   env = { DB = "{dep.postgres.addr}" }
//
// The parser is pure; ports, folders and processes belong to the runner.
#ifndef LEAKRIG_SCENARIO_PROCESS_SPEC_H_
#define LEAKRIG_SCENARIO_PROCESS_SPEC_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace leakrig::scenario {

struct ServiceProcess {
  std::string name;                        // "service", or the dependency's name
  std::string package;                     // "./cmd/api": `go build` in the manifest's module
  std::vector<std::string> build_flags;    // passed to go build before the package
  std::vector<std::string> command;        // prebuilt: argv, argv[0] relative to the manifest's folder or on PATH
  std::vector<std::string> args;           // templates, after the package's binary or command
  std::map<std::string, std::string> env;  // templates, added to the explicit environment
  std::string addr;                        // fixed "127.0.0.1:PORT"; empty: leakrig picks a free port
  std::string ready;                       // path polled for a 2xx; empty: see ServiceManifest
  // Ready once its output has a line containing this, for a process that
  // speaks no HTTP and may be fooled by another listener on its port
  // ("database system is ready to accept connections"). Empty: not used.
  std::string ready_log;
  // Folders searched for a command's name (command[0], each setup
  // command's first word) before $PATH. A `*` matches any folder name, the
  // highest version first: "/usr/lib/postgresql/*/bin".
  std::vector<std::string> command_dirs;
  // When leakrig runs as root, the process and its setup run as this user
  // (PostgreSQL refuses root); otherwise it runs as whoever runs leakrig.
  std::string user;
  // Commands run to completion, in order, before the process starts
  // (initdb). Templates, like args.
  std::vector<std::vector<std::string>> setup;
  // A dependency's goroutine profiles, "http://{debug_addr}/debug/pprof/":
  // recorded beside the measured process's. Empty: not recorded. (The
  // service's own pprof is ServiceManifest::pprof.)
  std::string pprof;
};

// The values a template may name: "addr", "port", "debug_addr",
// "debug_port", "data_dir", "dep.NAME.addr", "dep.NAME.port".
using TemplateValues = std::map<std::string, std::string>;

// The placeholder of a process's own folder: created empty before its
// setup runs, owned by its user, removed once it has stopped.
inline constexpr std::string_view kDataDir = "data_dir";

// Every template of a process: args, env values, setup commands and pprof.
std::vector<std::string> TemplatesOf(const ServiceProcess& p);

// The names between braces in `text`: "{addr}/x{port}" gives {"addr", "port"}.
std::set<std::string> PlaceholdersIn(std::string_view text);

// The names every template of `p` uses.
std::set<std::string> PlaceholdersOf(const ServiceProcess& p);

// True when `names` holds `a` or `b`: a template uses an address or its port.
bool UsesEither(const std::set<std::string>& names, std::string_view a, std::string_view b);

// `text` with every {name} replaced by its value. A name without a value
// leaves *error set and returns "".
std::string FillTemplate(std::string_view text, const TemplateValues& values, std::string* error);

// "127.0.0.1:PORT" or "[::1]:PORT"; the host of a URL is checked the same way.
bool IsLoopbackHostPort(std::string_view host_port);

// The "host:port" of "http://host:port/path", or "" when it is no http URL.
std::string UrlHostPort(std::string_view url);

}  // namespace leakrig::scenario

#endif  // LEAKRIG_SCENARIO_PROCESS_SPEC_H_
