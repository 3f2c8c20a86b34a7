#include "cli/run_support.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <ctime>

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
  *dir = out.empty() ? global.root / "results" / NewRunId(suffix) : std::filesystem::path(out);
  std::error_code ec;
  std::filesystem::create_directories(*dir, ec);
  if (ec) return fmt::format("cannot create the output folder {}: {}", dir->string(), ec.message());
  *dir = std::filesystem::canonical(*dir, ec);
  return "";
}

}  // namespace leakrig::cli
