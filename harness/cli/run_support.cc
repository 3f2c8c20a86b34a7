#include "cli/run_support.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <ctime>
#include <iostream>

#include "edge/html_page.h"

namespace leakrig::cli {
namespace {

// A signal handler can only reach a global.
std::atomic<bool> g_interrupted{false};

void OnInterrupt(int) {
  g_interrupted = true;
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
}

std::string NewRunId(std::string_view suffix) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  return fmt::format("{}-{}{}{}", stamp, ::getpid(), suffix.empty() ? "" : "-", suffix);
}

}  // namespace

const std::atomic<bool>& CatchInterrupts() {
  ::signal(SIGINT, OnInterrupt);
  ::signal(SIGTERM, OnInterrupt);
  return g_interrupted;
}

std::string PrepareRunDir(const GlobalOptions& global, const std::string& out, std::string_view suffix,
                          std::filesystem::path* dir) {
  *dir = out.empty() ? global.results_dir / NewRunId(suffix) : std::filesystem::path(out);
  std::error_code ec;
  std::filesystem::create_directories(*dir, ec);
  if (ec) return fmt::format("cannot create the output folder {}: {}", dir->string(), ec.message());
  *dir = std::filesystem::canonical(*dir, ec);
  return "";
}

}  // namespace leakrig::cli

namespace leakrig::cli {

void PrintResultsAndReport(const GlobalOptions& global, const std::filesystem::path& run_dir, Progress& progress) {
  progress.Print(fmt::format("results: {}", run_dir.string()));
  progress.Update("drawing the HTML report");
  edge::HtmlPage html = edge::RenderHtmlPage(global.scripts_dir, run_dir);
  progress.Clear();
  if (html.error.empty())
    progress.Print(fmt::format("report: {}", html.index.string()));
  else
    std::cerr << "leakrig: no HTML report: " << html.error << "\n";
}

void AddGoFlag(CLI::App* command, std::string* version) {
  command->add_option("--go", *version,
                      "Go version for the fixtures, e.g. 1.27.3: sets GOTOOLCHAIN=goVERSION for their builds and "
                      "runs (default: the go on PATH, honouring GOTOOLCHAIN)");
}

std::optional<edge::GoToolchain> ResolveGoToolchain(const GlobalOptions& global, const std::string& requested) {
  std::error_code ec;
  std::filesystem::create_directories(global.fixture_cache, ec);
  edge::GoProbeRequest request{requested, global.root / "go-fixtures", global.fixture_cache / "go-toolchain.log"};
  std::string error;
  auto go = edge::ProbeGoToolchain(request, &error);
  if (!go) {
    std::cerr << "leakrig: " << error << "\n";
    return std::nullopt;
  }
  std::cerr << fmt::format("go: {}, leak profile {}\n", go->version, edge::LeakProfileName(go->leak_profile));
  return go;
}

}  // namespace leakrig::cli
