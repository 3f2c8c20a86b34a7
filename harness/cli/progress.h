// A one-line progress display on a terminal; silent when stderr is not one.
#ifndef LEAKRIG_CLI_PROGRESS_H_
#define LEAKRIG_CLI_PROGRESS_H_

#include <chrono>
#include <mutex>
#include <string>

namespace leakrig::cli {

class Progress {
 public:
  // Enabled only when stderr is a terminal and TERM is not "dumb".
  Progress();
  // Replaces the status line; throttled to about 10 updates a second.
  void Update(const std::string& status);
  // Prints a permanent line (to stdout) above the status line.
  void Print(const std::string& line);
  void Clear();

 private:
  bool enabled_;
  std::mutex mu_;
  std::chrono::steady_clock::time_point started_, last_;
  size_t shown_ = 0;  // width of the status line on screen
};

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_PROGRESS_H_
