#include "runner/service_launcher.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <sstream>
#include <thread>

#include "edge/files.h"
#include "edge/http_fetch.h"
#include "edge/loopback_port.h"

namespace leakrig::runner {
namespace fs = std::filesystem;
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;
constexpr auto kPollStep = milliseconds(50);

// The service and its dependencies once all are up; Stop() ends the service
// first, so that it never sees its dependencies vanish under load.
class ServiceFixture final : public Fixture {
 public:
  ServiceFixture(std::vector<std::unique_ptr<edge::ChildProcess>> processes, std::string address, std::string pprof,
                 std::string metrics)
      : processes_(std::move(processes)),
        address_(std::move(address)),
        pprof_(std::move(pprof)),
        metrics_(std::move(metrics)) {}
  const std::string& address() const override { return address_; }
  std::optional<int> pid() const override { return processes_.back()->pid(); }
  std::string pprof_base() const override { return pprof_; }
  std::string metrics_url() const override { return metrics_; }
  std::optional<edge::ExitStatus> Exited() override { return processes_.back()->Poll(); }
  edge::ExitStatus Stop() override {
    edge::ExitStatus service = processes_.back()->Stop();
    for (auto it = processes_.rbegin() + 1; it != processes_.rend(); ++it) (*it)->Stop();
    return service;
  }

 private:
  std::vector<std::unique_ptr<edge::ChildProcess>> processes_;  // dependencies in order, the service last
  std::string address_, pprof_, metrics_;
};

bool Answers2xx(const std::string& url, std::string* last) {
  edge::FetchOptions options;
  options.timeout = milliseconds(1000);
  edge::FetchResult result = edge::HttpGet(url, options);
  *last = result.Describe();
  return result.error.empty() && result.status / 100 == 2;
}

// Starts the processes of one plan in order and keeps them until handed over;
// anything it started is stopped when it goes out of scope on failure.
class Starter {
 public:
  Starter(const ServicePlan& plan, const FixtureLaunch& launch) : plan_(plan), launch_(launch) {}
  ~Starter() {
    for (auto it = started_.rbegin(); it != started_.rend(); ++it) (*it)->Stop();
  }

  // Fills `values` with the process's own address and starts it; "" or why not.
  std::string Start(const scenario::ServiceProcess& p, scenario::TemplateValues values);
  std::string CheckPprof(const std::string& pprof);
  std::unique_ptr<Fixture> HandOver(const std::string& pprof, const std::string& metrics) {
    return std::make_unique<ServiceFixture>(std::move(started_), address_, pprof, metrics);
  }
  const scenario::TemplateValues& values() const { return values_; }

 private:
  std::string Launch(const scenario::ServiceProcess& p, const scenario::TemplateValues& values, const fs::path& log);
  std::string AwaitReady(const scenario::ServiceProcess& p, const fs::path& log);
  std::optional<fs::path> Executable(const scenario::ServiceProcess& p, std::string* error) const;

  const ServicePlan& plan_;
  const FixtureLaunch& launch_;
  std::vector<std::unique_ptr<edge::ChildProcess>> started_;
  scenario::TemplateValues values_;  // every address known so far, for the service's templates
  std::string address_;              // of the process started last
};

std::optional<fs::path> Starter::Executable(const scenario::ServiceProcess& p, std::string* error) const {
  if (!p.package.empty()) return plan_.binaries.at(p.name);
  fs::path command = p.command[0];
  if (command.string().find('/') == std::string::npos) {
    if (auto found = edge::FindExecutable(command.string())) return found;
    *error = fmt::format("{}: command \"{}\" is not on PATH", p.name, command.string());
    return std::nullopt;
  }
  fs::path path = command.is_absolute() ? command : plan_.module_dir / command;
  if (::access(path.c_str(), X_OK) == 0) return path;
  *error = fmt::format("{}: command {} is not an executable file", p.name, path.string());
  return std::nullopt;
}

std::string Starter::Launch(const scenario::ServiceProcess& p, const scenario::TemplateValues& values,
                            const fs::path& log) {
  std::string error;
  auto executable = Executable(p, &error);
  if (!executable) return error;
  edge::LaunchSpec spec{*executable, {}, launch_.env, plan_.module_dir, log};
  if (&p == &plan_.manifest.service) {
    for (const auto& [key, value] : plan_.service_env) spec.env[key] = value;
  }
  if (p.command.size() > 1) spec.args.assign(p.command.begin() + 1, p.command.end());
  for (const std::string& arg : p.args) spec.args.push_back(scenario::FillTemplate(arg, values, &error));
  for (const auto& [key, value] : p.env) spec.env[key] = scenario::FillTemplate(value, values, &error);
  if (!error.empty()) return fmt::format("{}: {}", p.name, error);  // the parser lets none through
  auto process = edge::ChildProcess::Launch(spec, &error);
  if (!process) return fmt::format("{}: cannot start {}: {}", p.name, executable->string(), error);
  started_.push_back(std::move(process));
  return "";
}

// A service or dependency with a `ready` path is ready once it answers 2xx
// there; the service without one once pprof does; a dependency without one
// once its port accepts connections (it may speak no HTTP).
std::string Starter::AwaitReady(const scenario::ServiceProcess& p, const fs::path& log) {
  std::string pprof_error;
  const std::string pprof = scenario::FillTemplate(plan_.manifest.pprof, values_, &pprof_error);
  const bool is_service = &p == &plan_.manifest.service;
  std::function<bool(std::string*)> ready = [&](std::string* last) {
    if (!p.ready.empty()) return Answers2xx("http://" + address_ + p.ready, last);
    if (is_service) return Answers2xx(pprof, last);
    *last = "connection refused";
    return edge::AcceptsConnections(address_);
  };
  const std::string what = p.ready.empty() ? (is_service ? pprof : address_) : "http://" + address_ + p.ready;
  const auto deadline = SteadyClock::now() + launch_.startup_timeout;
  std::string last;
  while (SteadyClock::now() < deadline) {
    if (auto status = started_.back()->Poll()) {
      return fmt::format("{} exited before it was ready ({}); the end of {}:\n{}", p.name, status->Describe(),
                         log.string(), LogTail(log));
    }
    if (ready(&last)) return "";
    std::this_thread::sleep_for(kPollStep);
  }
  return fmt::format("{} was not ready within {:.1f} s: {} gave {}; the end of {}:\n{}", p.name,
                     launch_.startup_timeout.count() / 1000.0, what, last, log.string(), LogTail(log));
}

std::string Starter::Start(const scenario::ServiceProcess& p, scenario::TemplateValues values) {
  address_ = p.addr;
  if (address_.empty()) {
    const int port = edge::PickFreeLoopbackPort();
    if (port == 0) return "no free port on 127.0.0.1";
    address_ = fmt::format("127.0.0.1:{}", port);
  }
  values["addr"] = address_;
  values["port"] = address_.substr(address_.rfind(':') + 1);
  values_ = values;
  const bool is_service = &p == &plan_.manifest.service;
  fs::path log = is_service ? launch_.log_file : launch_.log_file.parent_path() / ("dependency-" + p.name + ".log");
  if (std::string error = Launch(p, values, log); !error.empty()) return error;
  return AwaitReady(p, log);
}

std::string Starter::CheckPprof(const std::string& pprof) {
  const std::string url = pprof + "goroutine?debug=1";
  edge::FetchResult result = edge::HttpGet(url);
  if (result.status == 404) {
    return fmt::format(
        "{} answers 404: the service serves no goroutine profile there (import net/http/pprof "
        "on that listener, or set pprof in the manifest)",
        url);
  }
  if (!result.ok()) return fmt::format("{} gave {}", url, result.Describe());
  return "";
}

}  // namespace

std::unique_ptr<Fixture> LaunchService(const ServicePlan& plan, const FixtureLaunch& launch, std::string* error) {
  Starter starter(plan, launch);
  scenario::TemplateValues known;
  for (const scenario::ServiceProcess& dependency : plan.manifest.dependencies) {
    if (*error = starter.Start(dependency, known); !error->empty()) return nullptr;
    known["dep." + dependency.name + ".addr"] = starter.values().at("addr");
    known["dep." + dependency.name + ".port"] = starter.values().at("port");
  }
  const int debug_port = edge::PickFreeLoopbackPort();
  known["debug_addr"] = fmt::format("127.0.0.1:{}", debug_port);
  known["debug_port"] = std::to_string(debug_port);
  if (*error = starter.Start(plan.manifest.service, known); !error->empty()) return nullptr;
  std::string ignored;
  const std::string pprof = scenario::FillTemplate(plan.manifest.pprof, starter.values(), &ignored);
  const std::string metrics = scenario::FillTemplate(plan.manifest.metrics, starter.values(), &ignored);
  if (*error = starter.CheckPprof(pprof); !error->empty()) return nullptr;
  return starter.HandOver(pprof, metrics);
}

RunnerIo ServiceIo(std::shared_ptr<const ServicePlan> plan) {
  RunnerIo io = SystemIo();
  io.launch_fixture = [plan](const FixtureLaunch& launch, std::string* error) {
    return LaunchService(*plan, launch, error);
  };
  io.make_load = [plan](const edge::LoadConfig& config, const edge::Clock& clock) -> std::unique_ptr<edge::LoadHandle> {
    edge::LoadConfig load = config;
    const scenario::ServiceRequest& request = plan->manifest.requests.front();
    load.method = request.method;
    for (const auto& [name, value] : request.headers) load.headers.push_back(name + ": " + value);
    load.body = plan->body;
    return std::make_unique<edge::BackgroundLoad>(load, clock);
  };
  return io;
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
