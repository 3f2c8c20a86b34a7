#include "runner/fixture_session.h"

#include <fmt/format.h>

#include <charconv>
#include <thread>

#include "edge/http_fetch.h"

namespace leakrig::runner {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

std::string Died(edge::ChildProcess& process, const FixtureLaunch& launch, std::string_view when) {
  auto status = process.Stop();
  return fmt::format("the fixture {} {} ({}); see {}", launch.binary.filename().string(), when, status.Describe(),
                     launch.log_file.string());
}

// Polls /healthz until it answers 200, the child dies, or the deadline passes.
std::string AwaitHealthy(edge::ChildProcess& process, const std::string& address, const FixtureLaunch& launch,
                         SteadyClock::time_point deadline) {
  edge::FetchOptions options;
  options.timeout = milliseconds(1000);
  std::string last;
  while (SteadyClock::now() < deadline) {
    if (process.Poll()) return Died(process, launch, "exited before it was ready");
    auto result = edge::HttpGet("http://" + address + "/healthz", options);
    if (result.ok()) return "";
    last = result.Describe();
    std::this_thread::sleep_for(milliseconds(20));
  }
  process.Stop();
  return fmt::format("the fixture never answered /healthz at {} ({}); see {}", address, last, launch.log_file.string());
}

}  // namespace

std::optional<std::string> FindRemovedGodebug(std::string_view output) {
  constexpr std::string_view kPrefix = "fatal error: removed GODEBUG \"";
  constexpr std::string_view kMiddle = "\" set to old value \"";
  const size_t at = output.find(kPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = output.substr(at + kPrefix.size());
  const size_t middle = rest.find(kMiddle);
  if (middle == std::string_view::npos) return std::nullopt;
  std::string_view name = rest.substr(0, middle);
  rest.remove_prefix(middle + kMiddle.size());
  const size_t end = rest.find('"');
  if (end == std::string_view::npos || name.find_first_of("\n\"") != std::string_view::npos) return std::nullopt;
  return std::string(name) + "=" + std::string(rest.substr(0, end));
}

bool IsLoopbackAddress(const std::string& line) {
  static constexpr std::string_view kPrefix = "127.0.0.1:";
  if (line.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  std::string_view port_text = std::string_view(line).substr(kPrefix.size());
  int port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  return ec == std::errc() && end == port_text.data() + port_text.size() && port > 0 && port < 65536;
}

std::unique_ptr<FixtureSession> FixtureSession::Start(const FixtureLaunch& launch, std::string* error) {
  edge::LaunchSpec spec{launch.binary, launch.args, launch.env, {}, launch.log_file};
  auto process = edge::ChildProcess::Launch(spec, error);
  if (!process) return nullptr;
  const auto deadline = SteadyClock::now() + launch.startup_timeout;
  std::optional<std::string> line = process->ReadLine(launch.startup_timeout);
  if (!line) {
    // stdout closes a moment before the exit can be reaped: give it that moment.
    bool exited = process->Wait(milliseconds(SteadyClock::now() < deadline ? 2000 : 0)).has_value();
    *error = exited ? Died(*process, launch, "exited before printing its address")
                    : fmt::format("the fixture printed no address within {} ms; see {}", launch.startup_timeout.count(),
                                  launch.log_file.string());
    process->Stop();
    return nullptr;
  }
  if (!IsLoopbackAddress(*line)) {
    process->Stop();
    *error = fmt::format("the fixture's first line is \"{}\", not 127.0.0.1:PORT; see {}", line->substr(0, 120),
                         launch.log_file.string());
    return nullptr;
  }
  *error = AwaitHealthy(*process, *line, launch, deadline);
  if (!error->empty()) return nullptr;
  return std::unique_ptr<FixtureSession>(new FixtureSession(std::move(process), *line));
}

namespace {

// A fixture and the dependencies started for it: the fixture stops first, so
// that it never sees its dependencies vanish under it.
class FixtureWithDependencies final : public Fixture {
 public:
  FixtureWithDependencies(std::unique_ptr<StartedProcesses> dependencies, std::unique_ptr<Fixture> fixture)
      : dependencies_(std::move(dependencies)), fixture_(std::move(fixture)) {}
  const std::string& address() const override { return fixture_->address(); }
  std::optional<int> pid() const override { return fixture_->pid(); }
  std::string pprof_base() const override { return fixture_->pprof_base(); }
  std::string metrics_url() const override { return fixture_->metrics_url(); }
  std::optional<edge::ExitStatus> Exited() override { return fixture_->Exited(); }
  std::string ExitedDependency() override { return dependencies_->Exited(); }
  std::vector<DependencyProfiles> dependency_profiles() const override { return dependencies_->profiles; }
  edge::ExitStatus Stop() override {
    edge::ExitStatus status = fixture_->Stop();
    dependencies_->Stop();
    return status;
  }

 private:
  std::unique_ptr<StartedProcesses> dependencies_;
  std::unique_ptr<Fixture> fixture_;
};

}  // namespace

std::unique_ptr<Fixture> WithDependencies(std::unique_ptr<StartedProcesses> dependencies,
                                          std::unique_ptr<Fixture> fixture) {
  return std::make_unique<FixtureWithDependencies>(std::move(dependencies), std::move(fixture));
}

std::unique_ptr<Fixture> StartWithDependencies(const FixtureLaunch& launch, std::string* error) {
  const Dependencies& d = *launch.dependencies;
  ProcessStarter starter({d.module_dir, d.binaries, launch.env, launch.log_file.parent_path(), launch.startup_timeout});
  if (std::string why = starter.StartDependencies(d.processes); !why.empty()) {
    *error = "dependency " + why;
    return nullptr;
  }
  std::unique_ptr<StartedProcesses> dependencies = starter.Release();
  FixtureLaunch fixture = launch;
  std::string unfilled;  // the manifest's parser lets no unknown name through
  for (std::string& arg : fixture.args) arg = scenario::FillTemplate(arg, starter.values(), &unfilled);
  for (auto& [key, value] : fixture.env) value = scenario::FillTemplate(value, starter.values(), &unfilled);
  auto session = FixtureSession::Start(fixture, error);
  if (!session) return nullptr;
  return WithDependencies(std::move(dependencies), std::move(session));
}

}  // namespace leakrig::runner
