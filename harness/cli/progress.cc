#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace leakrig::cli {

Progress::Progress() : started_(std::chrono::steady_clock::now()) {
  const char* term = std::getenv("TERM");
  enabled_ = ::isatty(STDOUT_FILENO) && ::isatty(STDERR_FILENO) && !(term && std::strcmp(term, "dumb") == 0);
  const char* no_color = std::getenv("NO_COLOR");
  color_ = enabled_ && !(no_color && no_color[0] != '\0');
}

std::string Progress::Colored(const std::string& text, int ansi_color) const {
  return color_ ? fmt::format("\033[{}m{}\033[0m", ansi_color, text) : text;
}

void Progress::Update(const std::string& status) {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double elapsed = std::chrono::duration<double>(now - started_).count();
  std::string line = fmt::format("[{:6.1f}s] {}", elapsed, status).substr(0, 100);
  std::fprintf(stderr, "\r%-*s", static_cast<int>(std::max(shown_, line.size())), line.c_str());
  std::fflush(stderr);
  shown_ = line.size();
}

void Progress::Clear() {
  if (!enabled_ || shown_ == 0) return;
  std::fprintf(stderr, "\r%*s\r", static_cast<int>(shown_), "");
  std::fflush(stderr);
  shown_ = 0;
}

void Progress::Print(const std::string& line) {
  std::lock_guard lock(mu_);
  if (enabled_ && shown_ > 0) {
    std::fprintf(stderr, "\r%*s\r", static_cast<int>(shown_), "");
    shown_ = 0;
  }
  std::fprintf(stdout, "%s\n", line.c_str());
  std::fflush(stdout);  // interleave correctly with the status line on stderr
}

}  // namespace leakrig::cli
