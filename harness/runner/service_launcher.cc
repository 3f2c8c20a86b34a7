#include "runner/service_launcher.h"

#include <fmt/format.h>

#include "edge/http_fetch.h"

namespace leakrig::runner {
namespace {

// The service once it is up, where its pprof and metrics are.
class ServiceFixture final : public Fixture {
 public:
  ServiceFixture(std::unique_ptr<StartedProcesses> service, std::string address, std::string pprof, std::string metrics)
      : service_(std::move(service)),
        address_(std::move(address)),
        pprof_(std::move(pprof)),
        metrics_(std::move(metrics)) {}
  const std::string& address() const override { return address_; }
  std::optional<int> pid() const override { return service_->last()->pid(); }
  std::string pprof_base() const override { return pprof_; }
  std::string metrics_url() const override { return metrics_; }
  std::optional<edge::ExitStatus> Exited() override { return service_->last()->Poll(); }
  edge::ExitStatus Stop() override { return service_->Stop(); }

 private:
  std::unique_ptr<StartedProcesses> service_;
  std::string address_, pprof_, metrics_;
};

std::string CheckPprof(const std::string& pprof) {
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
  ProcessStarter starter(
      {plan.module_dir, plan.binaries, launch.env, launch.log_file.parent_path(), launch.startup_timeout});
  if (*error = starter.StartDependencies(plan.manifest.dependencies); !error->empty()) return nullptr;
  std::unique_ptr<StartedProcesses> dependencies = starter.Release();
  starter.AddEnv(plan.service_env);  // the service's alone: its dependencies are already running
  // Without a ready path, the service is ready once its pprof answers.
  if (*error = starter.Start(plan.manifest.service, launch.log_file, plan.manifest.pprof); !error->empty()) {
    return nullptr;
  }
  std::string ignored;
  const std::string pprof = scenario::FillTemplate(plan.manifest.pprof, starter.values(), &ignored);
  const std::string metrics = scenario::FillTemplate(plan.manifest.metrics, starter.values(), &ignored);
  std::unique_ptr<StartedProcesses> service = starter.Release();
  if (*error = CheckPprof(pprof); !error->empty()) return nullptr;
  // Stop() ends the service first, so that it never sees its dependencies vanish under load.
  return WithDependencies(
      std::move(dependencies),
      std::make_unique<ServiceFixture>(std::move(service), starter.values().at("addr"), pprof, metrics));
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

}  // namespace leakrig::runner
