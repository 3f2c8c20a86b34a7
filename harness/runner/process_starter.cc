#include "runner/process_starter.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "edge/files.h"
#include "edge/http_fetch.h"
#include "edge/loopback_port.h"
#include "edge/scratch_dir.h"

namespace leakrig::runner {
namespace fs = std::filesystem;
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;
constexpr auto kPollStep = milliseconds(50);
// The values that belong to one process; the next one gets its own.
constexpr const char* kOwnValues[] = {"addr", "port", "debug_addr", "debug_port", "data_dir"};

bool Answers2xx(const std::string& url, std::string* last) {
  edge::FetchOptions options;
  options.timeout = milliseconds(1000);
  edge::FetchResult result = edge::HttpGet(url, options);
  *last = result.Describe();
  return result.error.empty() && result.status / 100 == 2;
}

std::string Loopback(int port) { return fmt::format("127.0.0.1:{}", port); }

// The user `p` runs as: its `user` when leakrig runs as root, else leakrig's own ("").
std::string RunsAs(const scenario::ServiceProcess& p) { return ::geteuid() == 0 ? p.user : ""; }

// Fills every template of `templates`; the parser lets none through that cannot be filled.
std::vector<std::string> FillAll(const std::vector<std::string>& templates, const scenario::TemplateValues& values,
                                 std::string* error) {
  std::vector<std::string> out;
  for (const std::string& t : templates) out.push_back(scenario::FillTemplate(t, values, error));
  return out;
}

}  // namespace

void StartedProcesses::Add(std::string name, fs::path data_dir, fs::path log) {
  entries_.push_back({std::move(name), std::move(data_dir), std::move(log), nullptr});
}

std::string StartedProcesses::Exited() {
  for (Entry& e : entries_) {
    if (!e.process) continue;
    if (auto status = e.process->Poll())
      return fmt::format("{} ({}); see {}", e.name, status->Describe(), e.log.string());
  }
  return "";
}

edge::ExitStatus StartedProcesses::Stop() {
  edge::ExitStatus last;
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (!it->process) continue;
    edge::ExitStatus status = it->process->Stop();
    if (it == entries_.rbegin()) last = status;
  }
  for (const Entry& e : entries_) {
    std::error_code ignored;  // one that cannot be removed now is removed by the next run, once this one is gone
    if (!e.data_dir.empty()) fs::remove_all(e.data_dir, ignored);
  }
  entries_.clear();
  return last;
}

std::string ProcessStarter::StartDependencies(const std::vector<scenario::ServiceProcess>& dependencies) {
  for (const scenario::ServiceProcess& d : dependencies) {
    if (std::string error = Start(d, plan_.log_dir / ("dependency-" + d.name + ".log")); !error.empty()) return error;
    values_["dep." + d.name + ".addr"] = values_.at("addr");
    values_["dep." + d.name + ".port"] = values_.at("port");
  }
  return "";
}

std::string ProcessStarter::Start(const scenario::ServiceProcess& p, const fs::path& log,
                                  const std::string& ready_url) {
  for (const char* key : kOwnValues) values_.erase(key);
  data_dir_.clear();
  if (std::string error = PickAddresses(p); !error.empty()) return error;
  if (std::string error = MakeDataDir(p, log); !error.empty()) return error;
  if (std::string error = RunSetup(p, log); !error.empty()) return error;
  if (std::string error = Launch(p, log); !error.empty()) return error;
  if (std::string error = AwaitReady(p, log, ready_url); !error.empty()) return error;
  if (!p.pprof.empty()) {
    std::string ignored;
    started_->profiles.push_back({p.name, scenario::FillTemplate(p.pprof, values_, &ignored)});
  }
  return "";
}

std::string ProcessStarter::PickAddresses(const scenario::ServiceProcess& p) {
  std::string address = p.addr;
  const int port = address.empty() ? edge::PickFreeLoopbackPort() : -1;
  if (port == 0) return fmt::format("{}: no free port on 127.0.0.1", p.name);
  if (address.empty()) address = Loopback(port);
  values_["addr"] = address;
  values_["port"] = address.substr(address.rfind(':') + 1);
  if (scenario::UsesEither(scenario::PlaceholdersOf(p), "debug_addr", "debug_port")) {
    const int debug_port = edge::PickFreeLoopbackPort();
    if (debug_port == 0) return fmt::format("{}: no free port on 127.0.0.1", p.name);
    values_["debug_addr"] = Loopback(debug_port);
    values_["debug_port"] = std::to_string(debug_port);
  }
  return "";
}

// A fresh, empty folder of its own in the temporary folder (scratch_dir.h),
// named in its log. Before making it, the folders left by killed runs go.
std::string ProcessStarter::MakeDataDir(const scenario::ServiceProcess& p, const fs::path& log) {
  if (scenario::PlaceholdersOf(p).count(std::string(scenario::kDataDir)) == 0) {
    started_->Add(p.name, {}, log);
    return "";
  }
  std::ofstream note(log, std::ios::app);
  for (const fs::path& stale : edge::RemoveStaleScratchDirs()) {
    note << "leakrig: removed " << stale.string() << ", a data folder left by a leakrig that was killed\n";
  }
  fs::path dir;
  if (std::string error = edge::MakeScratchDir(p.name, &dir); !error.empty()) return p.name + ": " + error;
  note << "leakrig: data folder " << dir.string() << "\n";
  started_->Add(p.name, dir, log);  // removed with the process, or now if it never starts
  if (const std::string user = RunsAs(p); !user.empty()) {
    std::string error;
    auto ids = edge::LookUpUser(user, &error);
    if (!ids) return fmt::format("{}: {}", p.name, error);
    if (::chown(dir.c_str(), ids->uid, ids->gid) != 0) {
      return fmt::format("{}: cannot give {} to user {}: {}", p.name, dir.string(), user, std::strerror(errno));
    }
  }
  data_dir_ = dir;
  values_[std::string(scenario::kDataDir)] = dir.string();
  return "";
}

edge::LaunchSpec ProcessStarter::BaseSpec(const scenario::ServiceProcess& p, const fs::path& log) const {
  edge::LaunchSpec spec{{}, {}, plan_.env, plan_.module_dir, log};
  spec.stdout_to_log = true;  // it announces nothing: leakrig picked its address
  spec.user = RunsAs(p);
  // Another user may not be able to enter the module's folder: it starts in its own.
  if (!spec.user.empty()) spec.working_dir = data_dir_.empty() ? fs::path("/") : data_dir_;
  return spec;
}

std::optional<fs::path> ProcessStarter::Resolve(const scenario::ServiceProcess& p, const std::string& name,
                                                std::string* error) const {
  if (name.find('/') == std::string::npos) {
    if (auto found = edge::FindCommand(name, p.command_dirs)) return found;
    *error = p.command_dirs.empty() ? fmt::format("{}: command \"{}\" is not on PATH", p.name, name)
                                    : fmt::format("{}: command \"{}\" is neither in {} nor on PATH", p.name, name,
                                                  fmt::join(p.command_dirs, ", "));
    return std::nullopt;
  }
  fs::path path = fs::path(name).is_absolute() ? fs::path(name) : plan_.module_dir / name;
  if (::access(path.c_str(), X_OK) == 0) return path;
  *error = fmt::format("{}: command {} is not an executable file", p.name, path.string());
  return std::nullopt;
}

std::string ProcessStarter::RunSetup(const scenario::ServiceProcess& p, const fs::path& log) {
  for (const std::vector<std::string>& command : p.setup) {
    std::string error;
    std::vector<std::string> argv = FillAll(command, values_, &error);
    auto program = Resolve(p, argv[0], &error);
    if (!program) return error;
    std::ofstream(log, std::ios::app) << "$ " << fmt::format("{}", fmt::join(argv, " ")) << "\n";
    edge::LaunchSpec spec = BaseSpec(p, log);
    spec.executable = *program;
    spec.args.assign(argv.begin() + 1, argv.end());
    edge::CommandOutcome outcome = edge::RunToCompletion(spec, plan_.startup_timeout);
    if (!outcome.ok()) {
      const std::string how = outcome.error.empty() ? outcome.status->Describe() : outcome.error;
      return fmt::format("{}: its setup command {} failed ({}); the end of {}:\n{}", p.name, argv[0], how, log.string(),
                         LogTail(log));
    }
  }
  return "";
}

std::string ProcessStarter::Launch(const scenario::ServiceProcess& p, const fs::path& log) {
  std::string error;
  std::optional<fs::path> executable =
      p.package.empty() ? Resolve(p, p.command[0], &error) : std::optional(plan_.binaries.at(p.name));
  if (!executable) return error;
  edge::LaunchSpec spec = BaseSpec(p, log);
  spec.executable = *executable;
  if (p.command.size() > 1) spec.args.assign(p.command.begin() + 1, p.command.end());
  for (const std::string& arg : FillAll(p.args, values_, &error)) spec.args.push_back(arg);
  for (const auto& [key, value] : p.env) spec.env[key] = scenario::FillTemplate(value, values_, &error);
  if (!error.empty()) return fmt::format("{}: {}", p.name, error);  // the parser lets none through
  auto process = edge::ChildProcess::Launch(spec, &error);
  if (!process) return fmt::format("{}: cannot start {}: {}", p.name, executable->string(), error);
  started_->Attach(std::move(process));
  return "";
}

// Ready once it answers its `ready` path with a 2xx, or writes its
// `ready_log` line, else once `ready_url` answers, else once its port
// accepts connections (it may speak no HTTP).
std::string ProcessStarter::AwaitReady(const scenario::ServiceProcess& p, const fs::path& log,
                                       const std::string& ready_url) {
  const std::string address = values_.at("addr");
  std::string url_error;
  const std::string url = !p.ready.empty()     ? "http://" + address + p.ready
                          : !ready_url.empty() ? scenario::FillTemplate(ready_url, values_, &url_error)
                                               : "";
  std::error_code ec;
  const size_t log_start = fs::file_size(log, ec);  // what its setup wrote is not its word
  auto ready = [&](std::string* last) {
    if (!p.ready_log.empty()) {
      *last = fmt::format("no line \"{}\" in its output", p.ready_log);
      std::string content, error;
      return edge::ReadFile(log.string(), &content, &error) &&
             content.find(p.ready_log, ec ? 0 : std::min(log_start, content.size())) != std::string::npos;
    }
    if (url.empty()) return edge::AcceptsConnections(address);
    return Answers2xx(url, last);
  };
  const std::string what = !p.ready_log.empty() ? log.string() : url.empty() ? address : url;
  const auto deadline = SteadyClock::now() + plan_.startup_timeout;
  std::string last = "connection refused";
  while (SteadyClock::now() < deadline) {
    if (auto status = started_->last()->Poll()) {
      return fmt::format("{} exited before it was ready ({}); the end of {}:\n{}", p.name, status->Describe(),
                         log.string(), LogTail(log));
    }
    if (ready(&last)) return "";
    std::this_thread::sleep_for(kPollStep);
  }
  return fmt::format("{} was not ready within {:.1f} s: {} gave {}; the end of {}:\n{}", p.name,
                     plan_.startup_timeout.count() / 1000.0, what, last, log.string(), LogTail(log));
}

std::string LogTail(const fs::path& log_file, size_t count) {
  std::string content, error;
  if (!edge::ReadFile(log_file.string(), &content, &error)) return "    (" + error + ")";
  std::vector<std::string> lines;
  std::istringstream in(content);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string tail;
  for (size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i)
    tail += "    " + lines[i] + "\n";
  return tail.empty() ? "    (empty)" : tail.substr(0, tail.size() - 1);
}

}  // namespace leakrig::runner
