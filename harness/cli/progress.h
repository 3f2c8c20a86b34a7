// A one-line progress display on a terminal; silent when stdout or stderr is
// not one. Colours follow the NO_COLOR convention (https://no-color.org).
#ifndef LEAKRIG_CLI_PROGRESS_H_
#define LEAKRIG_CLI_PROGRESS_H_

#include <chrono>
#include <mutex>
#include <string>

namespace leakrig::cli {

class Progress {
 public:
  // Enabled only when stdout and stderr are terminals and TERM is not "dumb".
  Progress();
  // Wraps text in an ANSI colour (31 red, 32 green, 33 yellow) when enabled
  // and NO_COLOR is unset.
  std::string Colored(const std::string& text, int ansi_color) const;
  // Replaces the status line; throttled to about 10 updates a second.
  void Update(const std::string& status);
  // Prints a permanent line (to stdout) above the status line.
  void Print(const std::string& line);
  void Clear();

 private:
  bool enabled_;
  bool color_;
  std::mutex mu_;
  std::chrono::steady_clock::time_point started_, last_;
  size_t shown_ = 0;  // width of the status line on screen
};

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_PROGRESS_H_
