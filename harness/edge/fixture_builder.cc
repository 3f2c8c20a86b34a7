#include "edge/fixture_builder.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "edge/process.h"
#include "text/fnv1a.h"

namespace leakrig::edge {
namespace fs = std::filesystem;
using text::Fnv1a;
namespace {

bool IsModuleSource(const fs::path& path) {
  auto name = path.filename().string();
  return path.extension() == ".go" || name == "go.mod" || name == "go.sum";
}

std::string RunGoBuild(const BuildRequest& request, const fs::path& go, const fs::path& output) {
  LaunchSpec spec;
  spec.executable = go;
  spec.args = {"build", "-o", output.string()};
  spec.args.insert(spec.args.end(), request.build_flags.begin(), request.build_flags.end());
  spec.args.push_back(request.package.empty() ? "./cmd/" + request.fixture : request.package);
  spec.env = InheritedEnvironment();
  spec.env["CGO_ENABLED"] = "0";
  for (const auto& [key, value] : request.toolchain.Env()) spec.env[key] = value;
  if (std::string experiment = request.toolchain.GoExperiment(); !experiment.empty())
    spec.env["GOEXPERIMENT"] = experiment;
  spec.working_dir = request.module_dir;
  spec.log_file = request.log_file;
  CommandOutcome outcome = RunToCompletion(spec, request.timeout, request.cancel);
  if (!outcome.error.empty()) return "go build: " + outcome.error;
  if (!outcome.ok()) return fmt::format("go build failed ({})", outcome.status->Describe());
  return "";
}

// The package and its flags change the binary as much as the sources do.
std::string PackageHash(const BuildRequest& request) {
  Fnv1a hash;
  hash.Add(request.package);
  for (const std::string& flag : request.build_flags) hash.Add(flag);
  return fmt::format("{:08x}", hash.state & 0xffffffffu);
}

}  // namespace

std::string HashModuleSources(const fs::path& module_dir, std::string* error) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(module_dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (it->is_regular_file() && IsModuleSource(it->path())) files.push_back(it->path());
  }
  if (ec) {
    *error = fmt::format("cannot read {}: {}", module_dir.string(), ec.message());
    return "";
  }
  std::sort(files.begin(), files.end());
  Fnv1a hash;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    hash.Add(fs::relative(file, module_dir).string());
    hash.Add(content.str());
  }
  return fmt::format("{:016x}", hash.state);
}

std::string CachedBinaryName(const std::string& fixture, const std::string& source_hash, const GoToolchain& toolchain) {
  std::string experiment = toolchain.GoExperiment();
  return fmt::format("{}-{}-{}{}", fixture, source_hash, toolchain.version, experiment.empty() ? "" : "-" + experiment);
}

BuildResult BuildFixture(const BuildRequest& request) {
  BuildResult result;
  auto started = std::chrono::steady_clock::now();
  std::string hash = HashModuleSources(request.module_dir, &result.error);
  if (hash.empty()) return result;
  if (!request.package.empty()) hash += "-" + PackageHash(request);
  fs::path binary = request.cache_dir / CachedBinaryName(request.fixture, hash, request.toolchain);
  if (fs::exists(binary)) {
    result.binary = binary;
    result.cached = true;
    return result;
  }
  auto go = FindExecutable("go");
  if (!go) {
    result.error = "the Go toolchain was not found on PATH (install Go 1.26 or later, or run scripts/setup)";
    return result;
  }
  std::error_code ec;
  fs::create_directories(request.cache_dir, ec);
  // Build to a private name, then rename: concurrent builders never see half a binary.
  std::ostringstream tid;
  tid << std::this_thread::get_id();
  fs::path partial = binary;
  partial += fmt::format(".partial-{}-{}", ::getpid(), tid.str());
  result.error = RunGoBuild(request, *go, partial);
  if (result.error.empty()) {
    fs::rename(partial, binary, ec);
    if (ec)
      result.error = fmt::format("cannot move {} into place: {}", partial.string(), ec.message());
    else
      result.binary = binary;
  }
  fs::remove(partial, ec);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace leakrig::edge
