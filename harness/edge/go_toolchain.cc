#include "edge/go_toolchain.h"

#include <fmt/format.h>

#include <charconv>
#include <sstream>
#include <vector>

#include "edge/files.h"
#include "edge/process.h"

namespace leakrig::edge {
namespace fs = std::filesystem;
namespace {

constexpr char kLeakExperiment[] = "goroutineleakprofile";
constexpr auto kQuickTimeout = std::chrono::seconds(60);

bool ConsumeNumber(std::string_view* text, int* value) {
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), *value);
  if (ec != std::errc() || end == text->data()) return false;
  text->remove_prefix(end - text->data());
  return true;
}

bool IsPrereleaseSuffix(std::string_view rest) {
  for (std::string_view tag : {"rc", "beta"}) {
    if (!rest.starts_with(tag)) continue;
    rest.remove_prefix(tag.size());
    int n = 0;
    return ConsumeNumber(&rest, &n) && rest.empty();
  }
  return false;
}

// A file's text, "" when it cannot be read (a go.mod without a go line and a
// missing one get the same answer).
std::string ReadText(const fs::path& path) {
  std::string text, ignored;
  ReadFile(path.string(), &text, &ignored);
  return text;
}

// The go command's last words: from its last "go: " line to the end, on one
// line ("go: download go1.99.0: ... 403 Forbidden server response: ...").
std::string LastWords(const std::string& text) {
  size_t start = text.starts_with("go: ") ? 0 : std::string::npos;
  if (size_t at = text.rfind("\ngo: "); at != std::string::npos) start = at + 1;
  if (start == std::string::npos) {  // no "go: " line: the last line
    size_t end = text.find_last_not_of("\n ");
    size_t newline = end == std::string::npos ? std::string::npos : text.rfind('\n', end);
    start = newline == std::string::npos ? 0 : newline + 1;
  }
  std::string words;
  for (char c : text.substr(start)) {
    bool blank = c == '\n' || c == '\t' || c == ' ';
    if (!blank)
      words += c;
    else if (!words.empty() && words.back() != ' ')
      words += ' ';
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return words;
}

// Runs `go ARGS...` in the module with the toolchain's environment; returns
// its output, or nullopt with *why set to its last line.
std::optional<std::string> RunGo(const GoProbeRequest& request, const fs::path& go,
                                 const std::map<std::string, std::string>& extra_env, std::vector<std::string> args,
                                 std::chrono::seconds timeout, std::string* why) {
  LaunchSpec spec{go, std::move(args), InheritedEnvironment(), request.module_dir, {}};
  for (const auto& [key, value] : extra_env) spec.env[key] = value;
  CapturedRun run = RunCapturingOutput(std::move(spec), request.log_file, timeout);
  if (run.outcome.ok()) return std::move(run.output);
  *why = !run.outcome.error.empty() ? run.outcome.error : LastWords(run.output);
  return std::nullopt;
}

// Asks the toolchain whether GOEXPERIMENT=goroutineleakprofile exists (Go
// 1.26), else whether its runtime/pprof registers the profile (1.27+).
LeakProfile ProbeLeakProfile(const GoProbeRequest& request, const fs::path& go, const GoToolchain& toolchain,
                             const std::string& goroot) {
  std::map<std::string, std::string> env = toolchain.Env();
  env["GOEXPERIMENT"] = kLeakExperiment;
  std::string ignored;
  if (RunGo(request, go, env, {"env", "GOVERSION"}, kQuickTimeout, &ignored)) return LeakProfile::kExperiment;
  std::string pprof = ReadText(fs::path(goroot) / "src" / "runtime" / "pprof" / "pprof.go");
  return pprof.find("\"goroutineleak\"") != std::string::npos ? LeakProfile::kBuiltIn : LeakProfile::kNone;
}

std::string OldestSupported(const GoProbeRequest& request, GoVersion* oldest) {
  auto go_line = ParseGoModGoLine(ReadText(request.module_dir / "go.mod"));
  if (!go_line) return fmt::format("{} has no go line", (request.module_dir / "go.mod").string());
  *oldest = *go_line;
  return "";
}

std::string VersionText(const GoVersion& v) { return fmt::format("{}.{}.{}", v.major, v.minor, v.patch); }

std::string TooOld(const GoVersion& version, std::string_view shown, const GoVersion& oldest,
                   const GoProbeRequest& request) {
  if (!(version < oldest)) return "";
  return fmt::format(
      "Go {} is older than the oldest Go the catalog builds with, {} (the go line of {}); "
      "use --go {}.{} or later",
      shown, VersionText(oldest), (request.module_dir / "go.mod").string(), oldest.major, oldest.minor);
}

// Sets toolchain->gotoolchain from --go, after checking it.
std::string ChooseRequested(const GoProbeRequest& request, const GoVersion& oldest, GoToolchain* toolchain) {
  if (request.requested.empty()) return "";
  auto version = ParseGoVersion(request.requested);
  if (!version) return fmt::format("--go {}: not a Go version; write it as 1.27.3 or go1.27.3", request.requested);
  std::string bare = request.requested.starts_with("go") ? request.requested.substr(2) : request.requested;
  if (std::string e = TooOld(*version, bare, oldest, request); !e.empty()) return e;
  toolchain->gotoolchain = "go" + bare;
  return "";
}

}  // namespace

std::optional<GoVersion> ParseGoVersion(std::string_view text) {
  if (text.starts_with("go")) text.remove_prefix(2);
  GoVersion v;
  if (!ConsumeNumber(&text, &v.major) || !text.starts_with('.')) return std::nullopt;
  text.remove_prefix(1);
  if (!ConsumeNumber(&text, &v.minor)) return std::nullopt;
  if (text.starts_with('.')) {
    text.remove_prefix(1);
    if (!ConsumeNumber(&text, &v.patch)) return std::nullopt;
  }
  if (!text.empty() && !IsPrereleaseSuffix(text)) return std::nullopt;
  return v;
}

std::optional<GoVersion> ParseGoModGoLine(std::string_view go_mod) {
  while (!go_mod.empty()) {
    size_t end = go_mod.find('\n');
    std::string_view line = go_mod.substr(0, end);
    go_mod.remove_prefix(end == std::string_view::npos ? go_mod.size() : end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.starts_with("go ")) return ParseGoVersion(line.substr(3));
  }
  return std::nullopt;
}

std::string_view LeakProfileName(LeakProfile profile) {
  switch (profile) {
    case LeakProfile::kExperiment:
      return "GOEXPERIMENT=goroutineleakprofile";
    case LeakProfile::kBuiltIn:
      return "built in";
    case LeakProfile::kNone:
      break;
  }
  return "not available";
}

std::string GoToolchain::GoExperiment() const {
  return leak_profile == LeakProfile::kExperiment ? kLeakExperiment : "";
}

std::map<std::string, std::string> GoToolchain::Env() const {
  if (gotoolchain.empty()) return {};
  return {{"GOTOOLCHAIN", gotoolchain}};
}

std::optional<GoToolchain> ProbeGoToolchain(const GoProbeRequest& request, std::string* error) {
  GoToolchain toolchain;
  GoVersion oldest;
  if (*error = OldestSupported(request, &oldest); !error->empty()) return std::nullopt;
  if (*error = ChooseRequested(request, oldest, &toolchain); !error->empty()) return std::nullopt;
  const std::string wanted =
      toolchain.gotoolchain.empty()
          ? "the go on PATH"
          : fmt::format("Go {} (GOTOOLCHAIN={})", toolchain.gotoolchain.substr(2), toolchain.gotoolchain);
  auto go = FindExecutable("go");
  if (!go) {
    *error = "Go was not found on PATH: install Go 1.26 or later (scripts/setup checks it), then rerun";
    return std::nullopt;
  }
  std::string why;
  auto env = RunGo(request, *go, toolchain.Env(), {"env", "GOVERSION", "GOROOT"}, request.timeout, &why);
  if (!env) {
    *error = fmt::format(
        "{} cannot be used: {} (log: {}). The go command fetches a toolchain it lacks from the "
        "Go module proxy; check GOPROXY, or pick an installed version with --go",
        wanted, why, request.log_file.string());
    return std::nullopt;
  }
  std::istringstream lines(*env);
  std::string goroot;
  std::getline(lines, toolchain.version);
  std::getline(lines, goroot);
  auto version = ParseGoVersion(toolchain.version);
  if (!version) {
    *error = fmt::format("{}: `go env GOVERSION` said \"{}\", which is not a Go version", wanted, toolchain.version);
    return std::nullopt;
  }
  if (*error = TooOld(*version, toolchain.version, oldest, request); !error->empty()) return std::nullopt;
  toolchain.leak_profile = ProbeLeakProfile(request, *go, toolchain, goroot);
  return toolchain;
}

}  // namespace leakrig::edge
