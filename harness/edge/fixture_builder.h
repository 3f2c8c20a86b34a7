// Builds Go fixtures with `go build`, cached by a hash of the module's sources
// and the Go version that built them.
#ifndef LEAKRIG_EDGE_FIXTURE_BUILDER_H_
#define LEAKRIG_EDGE_FIXTURE_BUILDER_H_

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "edge/go_toolchain.h"

namespace leakrig::edge {

struct BuildRequest {
  std::filesystem::path module_dir;  // go-fixtures/
  std::string fixture;               // builds ./cmd/<fixture>
  std::filesystem::path cache_dir;   // binaries land here, named by source hash and Go version
  GoToolchain toolchain;             // its version and experiment are part of the cache key
  std::filesystem::path log_file;    // go build's output is appended here
  std::chrono::seconds timeout{300};
  std::string package = "";                   // builds this instead ("./cmd/api"), when set
  std::vector<std::string> build_flags = {};  // go build flags before the package; part of the cache key
  const std::atomic<bool>* cancel = nullptr;  // stops the build early (SIGINT)
};

struct BuildResult {
  std::filesystem::path binary;  // empty on failure
  bool cached = false;           // true when no build was needed
  std::string error;             // why the build failed; the log has details
  double seconds = 0;
};

BuildResult BuildFixture(const BuildRequest& request);

// The cached binary's file name: "unbuffered-send-0123456789abcdef-go1.26.8-goroutineleakprofile".
// A binary says nothing about another toolchain, so the version is in it.
std::string CachedBinaryName(const std::string& fixture, const std::string& source_hash, const GoToolchain& toolchain);

// Hash of every .go file, go.mod and go.sum under module_dir (paths and
// contents, in path order), as 16 hex digits. Any source change rebuilds
// every fixture, which is simple and always right.
std::string HashModuleSources(const std::filesystem::path& module_dir, std::string* error);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_FIXTURE_BUILDER_H_
