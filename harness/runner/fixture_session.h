// A running fixture: launched, announced its address, answered /healthz.
#ifndef LEAKRIG_RUNNER_FIXTURE_SESSION_H_
#define LEAKRIG_RUNNER_FIXTURE_SESSION_H_

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "edge/process.h"
#include "runner/process_starter.h"

namespace leakrig::runner {

struct FixtureLaunch {
  std::filesystem::path binary;
  std::vector<std::string> args;
  std::map<std::string, std::string> env;  // the whole environment
  std::filesystem::path log_file;
  std::chrono::milliseconds startup_timeout{10000};
  // Started first, in order, with their logs beside log_file; args and env
  // may name their addresses, {dep.NAME.addr}. Null: none.
  std::shared_ptr<const Dependencies> dependencies = nullptr;
};

// A started fixture as the runner sees it. FixtureSession is the real one;
// tests pass fakes through RunnerIo.
class Fixture {
 public:
  virtual ~Fixture() = default;
  virtual const std::string& address() const = 0;  // "127.0.0.1:PORT"
  std::string base_url() const { return "http://" + address(); }
  // Where its profiles are: "http://127.0.0.1:PORT/debug/pprof/".
  virtual std::string pprof_base() const { return base_url() + "/debug/pprof/"; }
  // A runtime/metrics JSON with the live heap; "" when it serves none.
  virtual std::string metrics_url() const { return base_url() + "/debug/metrics"; }
  // The process that serves, whose CPU time and threads /proc shows;
  // nullopt for a fake.
  virtual std::optional<int> pid() const { return std::nullopt; }
  // Nullopt while running; how it ended once it has.
  virtual std::optional<edge::ExitStatus> Exited() = 0;
  // "NAME (exit code 1); see LOG" once one of its dependencies has ended; "" while all run.
  virtual std::string ExitedDependency() { return ""; }
  // Where its dependencies serve goroutine profiles, for those that do.
  virtual std::vector<DependencyProfiles> dependency_profiles() const { return {}; }
  // Stops it, then its dependencies; returns how it ended.
  virtual edge::ExitStatus Stop() = 0;
};

class FixtureSession final : public Fixture {
 public:
  // Starts the fixture and waits until it has printed its address and
  // answered GET /healthz. On failure returns nullptr with *error set; the
  // process is stopped by then. launch.dependencies are not its business.
  static std::unique_ptr<FixtureSession> Start(const FixtureLaunch& launch, std::string* error);

  const std::string& address() const override { return address_; }
  std::optional<int> pid() const override { return process_->pid(); }
  std::optional<edge::ExitStatus> Exited() override { return process_->Poll(); }
  edge::ExitStatus Stop() override { return process_->Stop(); }

 private:
  FixtureSession(std::unique_ptr<edge::ChildProcess> process, std::string address)
      : process_(std::move(process)), address_(std::move(address)) {}

  std::unique_ptr<edge::ChildProcess> process_;
  std::string address_;
};

// `fixture` with the dependencies started for it: it stops first, then they
// do, in reverse order; ExitedDependency and dependency_profiles are theirs.
std::unique_ptr<Fixture> WithDependencies(std::unique_ptr<StartedProcesses> dependencies,
                                          std::unique_ptr<Fixture> fixture);

// Starts launch.dependencies (ProcessStarter), fills their addresses into
// the fixture's args and env, then starts the fixture. On failure returns
// nullptr with *error set, and nothing it started is left running.
std::unique_ptr<Fixture> StartWithDependencies(const FixtureLaunch& launch, std::string* error);

// The GODEBUG setting a Go runtime refused to start with because that Go
// removed it, as "asynctimerchan=1", from the fixture's output:
//   fatal error: removed GODEBUG "asynctimerchan" set to old value "1" in environment (...)
// nullopt when the output says no such thing.
std::optional<std::string> FindRemovedGodebug(std::string_view output);

// Accepts exactly "127.0.0.1:PORT" with PORT in 1..65535: fixtures must bind
// the loopback address and nothing else.
bool IsLoopbackAddress(const std::string& line);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_FIXTURE_SESSION_H_
