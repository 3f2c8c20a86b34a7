// Child processes for fixtures and builds, launched with Boost.Process v2.
//
// Every child runs in a process group of its own and is bound to the harness
// with PR_SET_PDEATHSIG, so that it dies with the harness even when the
// harness is killed with SIGKILL: no fixture is ever left behind.
// PR_SET_PDEATHSIG fires when the *thread* that launched the child exits, so
// a child must be launched and torn down on the same, long-lived thread.
#ifndef LEAKRIG_EDGE_PROCESS_H_
#define LEAKRIG_EDGE_PROCESS_H_

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace leakrig::edge {

struct LaunchSpec {
  std::filesystem::path executable;
  std::vector<std::string> args;
  // The child's whole environment: nothing of the harness's is inherited
  // unless listed here (see InheritedEnvironment).
  std::map<std::string, std::string> env;
  std::filesystem::path working_dir;  // empty: the harness's own
  // stdout and stderr are appended here. stdout also reaches ReadLine.
  std::filesystem::path log_file;
  // stdout straight to the log, not through ReadLine: for a process that
  // announces nothing there, and would stall once a pipe nobody reads is full.
  bool stdout_to_log = false;
  // Run as this user, with its group and supplementary groups (the harness
  // must be root to switch); empty: as the harness. The switch happens before
  // the death signal is set, which a change of user would clear.
  std::string user = "";
};

// How a child ended.
struct ExitStatus {
  bool exited = false;  // ended through exit(); code is valid
  int code = 0;
  bool signaled = false;  // killed by a signal; signal is valid
  int signal = 0;
  std::string Describe() const;  // "exit code 2", "killed by signal 9 (SIGKILL)"
};

class ChildProcess {
 public:
  // Starts the child. On failure returns nullptr and sets *error.
  static std::unique_ptr<ChildProcess> Launch(const LaunchSpec& spec, std::string* error);
  ~ChildProcess();  // Stop()s the group if still running.
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const { return pid_; }

  // Reads one line of the child's stdout (without the newline), waiting at
  // most `timeout`. Returns nullopt on timeout or when stdout closed first.
  // Every byte read is also copied to the log file.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);

  // Non-blocking: the exit status once the child has ended.
  std::optional<ExitStatus> Poll();
  // Waits up to `timeout` for the child to end by itself.
  std::optional<ExitStatus> Wait(std::chrono::milliseconds timeout);
  // SIGTERM to the whole group, then SIGKILL after `grace`. Always reaps.
  ExitStatus Stop(std::chrono::milliseconds grace = std::chrono::seconds(2));

 private:
  struct Impl;
  ChildProcess(std::unique_ptr<Impl> impl, int pid, int stdout_fd, int log_fd);
  void DrainStdout();  // copies what stdout has buffered to the log, then stops reading it

  std::unique_ptr<Impl> impl_;
  int pid_;
  int stdout_fd_;  // read end of the child's stdout pipe, -1 once drained
  int log_fd_;
  std::string pending_;  // stdout bytes read but not yet returned as a line
  std::optional<ExitStatus> status_;
};

// How a short-lived command (go build, go env) ended.
struct CommandOutcome {
  std::optional<ExitStatus> status;  // nullopt: it did not finish (see error)
  std::string error;                 // could not start, timed out or was cancelled
  bool ok() const { return error.empty() && status && status->exited && status->code == 0; }
};

// Launches `spec` and waits for it to end, at most `timeout`; stops the whole
// group on timeout or when *cancel becomes true.
CommandOutcome RunToCompletion(const LaunchSpec& spec, std::chrono::milliseconds timeout,
                               const std::atomic<bool>* cancel = nullptr);

// A short command's outcome and everything it printed (stdout and stderr).
struct CapturedRun {
  CommandOutcome outcome;
  std::string output;
};

// Runs a short command (git, go env) whose output is wanted: it goes to a
// scratch file beside `log_file`, is read back and returned, and is appended
// to `log_file` after a "$ NAME ARGS" line. spec.log_file is replaced.
CapturedRun RunCapturingOutput(LaunchSpec spec, const std::filesystem::path& log_file,
                               std::chrono::milliseconds timeout);

// The first executable file `name` in the directories of $PATH.
std::optional<std::filesystem::path> FindExecutable(const std::string& name);

// A user's ids and groups, for LaunchSpec::user.
struct UserIds {
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;  // supplementary, its primary group included
};

// Looks `name` up in the user database; nullopt with *error set when there is none.
std::optional<UserIds> LookUpUser(const std::string& name, std::string* error);

// The first executable file `name` in `dirs`, then on $PATH. A `*` in a
// folder matches any name; the matches are tried highest version first
// ("/usr/lib/postgresql/*/bin": 16 before 15 before 9.6).
std::optional<std::filesystem::path> FindCommand(const std::string& name, const std::vector<std::string>& dirs);

// The variables a child needs from the harness's environment (PATH, HOME and
// the Go toolchain's), to be merged into LaunchSpec::env.
std::map<std::string, std::string> InheritedEnvironment();

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_PROCESS_H_
