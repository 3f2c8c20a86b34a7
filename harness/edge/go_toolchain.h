// Which Go builds and runs the fixtures, and what it offers, as the go
// command itself reports it: `go env GOVERSION`, and whether `go` accepts
// GOEXPERIMENT=goroutineleakprofile. Nothing is assumed from a constant.
//
// The goroutine leak profile (/debug/pprof/goroutineleak) came with Go 1.26
// behind GOEXPERIMENT=goroutineleakprofile; Go 1.27 builds it in and rejects
// the experiment's name ("go: unknown GOEXPERIMENT goroutineleakprofile").
#ifndef LEAKRIG_EDGE_GO_TOOLCHAIN_H_
#define LEAKRIG_EDGE_GO_TOOLCHAIN_H_

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace leakrig::edge {

// "go1.27.3", "1.26", "go1.27rc1": the release line and patch, for ordering.
struct GoVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  auto operator<=>(const GoVersion&) const = default;
};

// Accepts "go1.27.3", "1.27.3", "1.27", "go1.27rc1" (patch 0); nullopt for
// anything else, so a --go value cannot smuggle text into GOTOOLCHAIN.
std::optional<GoVersion> ParseGoVersion(std::string_view text);

// The `go 1.26.0` directive of a go.mod file's text; nullopt without one.
std::optional<GoVersion> ParseGoModGoLine(std::string_view go_mod);

enum class LeakProfile {
  kNone,        // before Go 1.26: the runtime has no leak profile
  kExperiment,  // Go 1.26: built with GOEXPERIMENT=goroutineleakprofile
  kBuiltIn,     // Go 1.27 and later: always there
};

// "not available", "GOEXPERIMENT=goroutineleakprofile", "built in".
std::string_view LeakProfileName(LeakProfile profile);

struct GoToolchain {
  std::string version;      // `go env GOVERSION`, e.g. "go1.27.3"
  std::string gotoolchain;  // GOTOOLCHAIN leakrig sets ("go1.27.3"), "" to inherit the user's
  LeakProfile leak_profile = LeakProfile::kNone;

  // What builds must set in GOEXPERIMENT: "goroutineleakprofile" or "".
  std::string GoExperiment() const;
  // Variables that pick this toolchain, merged into the environment of every
  // go command and of every fixture run.
  std::map<std::string, std::string> Env() const;
};

struct GoProbeRequest {
  std::string requested;             // --go VERSION, "" for the go on PATH and the user's GOTOOLCHAIN
  std::filesystem::path module_dir;  // where the builds run: its go.mod's go line is the oldest Go it takes
  std::filesystem::path log_file;    // the go command's output goes here
  // The first use of a version downloads it from the module proxy (~76 MB).
  std::chrono::seconds timeout{300};
};

// Runs the go command to learn the toolchain. On failure returns nullopt and
// sets *error to one sentence that names the version and what to do.
std::optional<GoToolchain> ProbeGoToolchain(const GoProbeRequest& request, std::string* error);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_GO_TOOLCHAIN_H_
