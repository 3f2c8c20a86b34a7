#include "edge/fixture_builder.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "edge/process.h"

namespace leakrig::edge {
namespace fs = std::filesystem;
namespace {

// FNV-1a, 64 bit: a cache key, not a security boundary.
struct Fnv1a {
  uint64_t state = 0xcbf29ce484222325ull;
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      state ^= c;
      state *= 0x100000001b3ull;
    }
    state ^= 0xff;  // separator, so that ("ab","c") and ("a","bc") differ
    state *= 0x100000001b3ull;
  }
};

bool IsModuleSource(const fs::path& path) {
  auto name = path.filename().string();
  return path.extension() == ".go" || name == "go.mod" || name == "go.sum";
}

std::string RunGoBuild(const BuildRequest& request, const fs::path& go, const fs::path& output) {
  LaunchSpec spec;
  spec.executable = go;
  spec.args = {"build", "-o", output.string(), "./cmd/" + request.fixture};
  spec.env = InheritedEnvironment();
  spec.env["CGO_ENABLED"] = "0";
  if (!request.goexperiment.empty()) spec.env["GOEXPERIMENT"] = request.goexperiment;
  spec.working_dir = request.module_dir;
  spec.log_file = request.log_file;
  std::string error;
  auto child = ChildProcess::Launch(spec, &error);
  if (!child) return error;
  const auto deadline = std::chrono::steady_clock::now() + request.timeout;
  std::optional<ExitStatus> status;
  while (!status && std::chrono::steady_clock::now() < deadline) {
    if (request.cancel && request.cancel->load()) {
      child->Stop();  // the whole group: go build and the compilers it started
      return "go build was interrupted";
    }
    status = child->Wait(std::chrono::milliseconds(100));
  }
  if (!status) {
    child->Stop();
    return fmt::format("go build timed out after {} s", request.timeout.count());
  }
  if (!status->exited || status->code != 0) return fmt::format("go build failed ({})", status->Describe());
  return "";
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

BuildResult BuildFixture(const BuildRequest& request) {
  BuildResult result;
  auto started = std::chrono::steady_clock::now();
  std::string hash = HashModuleSources(request.module_dir, &result.error);
  if (hash.empty()) return result;
  std::string suffix = request.goexperiment.empty() ? "" : "-" + request.goexperiment;
  fs::path binary = request.cache_dir / fmt::format("{}-{}{}", request.fixture, hash, suffix);
  if (fs::exists(binary)) {
    result.binary = binary;
    result.cached = true;
    return result;
  }
  auto go = FindExecutable("go");
  if (!go) {
    result.error = "the Go toolchain was not found on PATH (install Go 1.26, or run scripts/setup)";
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
    if (ec) result.error = fmt::format("cannot move {} into place: {}", partial.string(), ec.message());
    else result.binary = binary;
  }
  fs::remove(partial, ec);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace leakrig::edge
