#include "runner/runner_io.h"

namespace leakrig::runner {

RunnerIo SystemIo() {
  RunnerIo io;
  io.launch_fixture = [](const FixtureLaunch& launch, std::string* error) -> std::unique_ptr<Fixture> {
    if (launch.dependencies) return StartWithDependencies(launch, error);
    return FixtureSession::Start(launch, error);
  };
  io.open_profiles = [](const std::string& pprof_base) -> std::unique_ptr<edge::ProfileSource> {
    return std::make_unique<edge::HttpProfileSource>(pprof_base);
  };
  io.fetch = [](const std::string& url) { return edge::HttpGet(url); };
  io.make_load = [](const edge::LoadConfig& config, const edge::Clock& clock) -> std::unique_ptr<edge::LoadHandle> {
    return std::make_unique<edge::BackgroundLoad>(config, clock);
  };
  io.clock = std::make_shared<edge::SystemClock>();
  return io;
}

}  // namespace leakrig::runner
