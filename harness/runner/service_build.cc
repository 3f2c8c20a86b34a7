#include "runner/service_build.h"

#include <fmt/format.h>

#include "edge/files.h"
#include "edge/fixture_builder.h"

namespace leakrig::runner {
namespace fs = std::filesystem;

std::string BuildPackage(const RunContext& context, const scenario::ServiceProcess& p, const fs::path& module_dir,
                         const fs::path& log_file, fs::path* binary) {
  if (!fs::is_directory(module_dir / p.package)) {
    return fmt::format("{}: package {} does not exist: there is no folder {}", p.name, p.package,
                       (module_dir / p.package).lexically_normal().string());
  }
  edge::BuildRequest request{module_dir, "svc-" + p.name, context.fixture_cache, context.go, log_file};
  request.package = p.package;
  request.build_flags = p.build_flags;
  request.cancel = context.cancel;
  edge::BuildResult result = edge::BuildFixture(request);
  if (!result.error.empty()) {
    return fmt::format("{}: building {}: {}; the end of {}:\n{}", p.name, p.package, result.error, log_file.string(),
                       LogTail(log_file));
  }
  *binary = result.binary;
  return "";
}

std::string PrepareServicePlan(const RunContext& context, const scenario::ServiceManifest& manifest,
                               const fs::path& module_dir, const fs::path& log_file, ServicePlan* plan) {
  plan->manifest = manifest;
  plan->module_dir = module_dir;
  std::error_code ec;
  fs::create_directories(log_file.parent_path(), ec);
  std::vector<const scenario::ServiceProcess*> processes = {&manifest.service};
  for (const auto& d : manifest.dependencies) processes.push_back(&d);
  for (const scenario::ServiceProcess* p : processes) {
    if (p->package.empty()) continue;
    std::string error = BuildPackage(context, *p, module_dir, log_file, &plan->binaries[p->name]);
    if (!error.empty()) return error;
  }
  const scenario::ServiceRequest& request = manifest.requests.front();
  plan->body = request.body;
  if (!request.body_file.empty()) {
    std::string error;
    if (!edge::ReadFile((module_dir / request.body_file).string(), &plan->body, &error)) return "body_file: " + error;
  }
  return "";
}

scenario::Scenario ServiceScenario(const scenario::ServiceManifest& manifest, const std::string& variant,
                                   verdict::Verdict expected) {
  scenario::Scenario s;
  s.name = manifest.name;
  s.pattern = "your own service";
  s.path = manifest.requests.front().path;
  s.load = manifest.load;
  s.timing = manifest.timing;
  scenario::VariantSpec& v = s.variants.emplace_back();
  v.name = variant;
  v.expected = expected;
  v.judge = manifest.judge;
  v.suspect = manifest.suspect;
  return s;
}

verdict::VariantResult RunServiceVariant(const RunContext& context, std::shared_ptr<const ServicePlan> plan,
                                         const scenario::Scenario& scenario) {
  RunContext service_context = context;
  service_context.io = ServiceIo(plan);
  BuiltFixtures built;  // LaunchService finds the binaries in the plan
  auto it = plan->binaries.find("service");
  if (it != plan->binaries.end()) built.fixture = it->second;
  return RunVariant(service_context, scenario, scenario.variants.front(), built);
}

}  // namespace leakrig::runner
