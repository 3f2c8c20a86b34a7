// Starts the processes a run needs beside the one it measures (a
// leakrig.toml's dependencies and then its service; a catalog scenario's
// dependencies, such as a PostgreSQL or a gRPC upstream), each the same way:
// a loopback port leakrig picks (and a second one when it names
// {debug_addr}), its templates filled, a fresh data folder when it names
// {data_dir} (edge/scratch_dir.h), its setup commands run, launched as its user, then polled
// until it is ready. Whatever fails is reported with its log's last lines,
// and nothing it started is left running.
#ifndef LEAKRIG_RUNNER_PROCESS_STARTER_H_
#define LEAKRIG_RUNNER_PROCESS_STARTER_H_

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "edge/process.h"
#include "scenario/process_spec.h"

namespace leakrig::runner {

// Where the processes of one run start from.
struct StartPlan {
  std::filesystem::path module_dir;                       // working folder; relative commands are found here
  std::map<std::string, std::filesystem::path> binaries;  // built packages, by process name
  std::map<std::string, std::string> env;                 // the explicit environment each starts with
  std::filesystem::path log_dir;                          // dependency-NAME.log goes here
  std::chrono::milliseconds startup_timeout{10000};       // for each setup command, and for readiness
};

// A catalog scenario's dependencies, as built: started before its fixture.
struct Dependencies {
  std::vector<scenario::ServiceProcess> processes;
  std::filesystem::path module_dir;                       // go-fixtures/
  std::map<std::string, std::filesystem::path> binaries;  // the ones built from a package
};

// Where a started dependency serves its goroutine profiles.
struct DependencyProfiles {
  std::string name;
  std::string pprof_base;  // "http://127.0.0.1:PORT/debug/pprof/"
};

// Processes that were started, in order. Stop() ends them in reverse order
// (the one started last first), then removes their data folders; so does
// the destructor.
class StartedProcesses {
 public:
  StartedProcesses() = default;
  ~StartedProcesses() { Stop(); }
  StartedProcesses(const StartedProcesses&) = delete;
  StartedProcesses& operator=(const StartedProcesses&) = delete;

  // Registers `name`, with the data folder made for it (or none); its process follows with Attach.
  void Add(std::string name, std::filesystem::path data_dir, std::filesystem::path log);
  void Attach(std::unique_ptr<edge::ChildProcess> process) { entries_.back().process = std::move(process); }
  edge::ChildProcess* last() const { return entries_.empty() ? nullptr : entries_.back().process.get(); }

  // "NAME (exit code 1); see LOG" for the first one that has ended; "" while all run.
  std::string Exited();
  // Stops every process, the last started first, and returns how the last one ended.
  edge::ExitStatus Stop();

  std::vector<DependencyProfiles> profiles;

 private:
  struct Entry {
    std::string name;
    std::filesystem::path data_dir, log;
    std::unique_ptr<edge::ChildProcess> process;
  };
  std::vector<Entry> entries_;
};

class ProcessStarter {
 public:
  explicit ProcessStarter(StartPlan plan) : plan_(std::move(plan)) {}

  // Starts each dependency in order, logging to dependency-NAME.log in
  // plan.log_dir; each one's address joins values() as dep.NAME.addr and
  // dep.NAME.port. Returns why one could not start, or "".
  std::string StartDependencies(const std::vector<scenario::ServiceProcess>& dependencies);

  // Starts `p` with its log at `log`. It is ready once it answers its
  // `ready` path with a 2xx; without one, once `ready_url` (a template, e.g.
  // the service's pprof) does; without that, once its port accepts
  // connections. Returns why it could not start, or "".
  std::string Start(const scenario::ServiceProcess& p, const std::filesystem::path& log,
                    const std::string& ready_url = "");

  // Adds to (or overrides) the environment the processes started from now on begin with.
  void AddEnv(const std::map<std::string, std::string>& env) {
    for (const auto& [key, value] : env) plan_.env[key] = value;
  }

  // Every address known so far, and the last started process's own values.
  const scenario::TemplateValues& values() const { return values_; }
  // Hands over what was started; the starter is empty afterwards.
  std::unique_ptr<StartedProcesses> Release() { return std::exchange(started_, std::make_unique<StartedProcesses>()); }

 private:
  std::string PickAddresses(const scenario::ServiceProcess& p);
  std::string MakeDataDir(const scenario::ServiceProcess& p, const std::filesystem::path& log);
  std::string RunSetup(const scenario::ServiceProcess& p, const std::filesystem::path& log);
  std::string Launch(const scenario::ServiceProcess& p, const std::filesystem::path& log);
  std::string AwaitReady(const scenario::ServiceProcess& p, const std::filesystem::path& log,
                         const std::string& ready_url);
  std::optional<std::filesystem::path> Resolve(const scenario::ServiceProcess& p, const std::string& name,
                                               std::string* error) const;
  // The spec every command of `p` starts from: its env and user, its working folder.
  edge::LaunchSpec BaseSpec(const scenario::ServiceProcess& p, const std::filesystem::path& log) const;

  StartPlan plan_;
  std::unique_ptr<StartedProcesses> started_ = std::make_unique<StartedProcesses>();
  scenario::TemplateValues values_;  // every address known so far, and the current process's own
  std::filesystem::path data_dir_;   // of the current process; empty when it has none
};

// The last `count` lines of a log file, indented, for an error message.
std::string LogTail(const std::filesystem::path& log_file, size_t count = 8);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_PROCESS_STARTER_H_
