#include "edge/process.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <glob.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/process/v2/environment.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/start_dir.hpp>
#include <boost/process/v2/stdio.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

#include "edge/files.h"

namespace leakrig::edge {
namespace bp2 = boost::process::v2;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

namespace {

// Runs in the child between fork and exec: a process group of its own (so
// teardown can signal everything the fixture started), the user it is to
// run as (looked up before fork: the child may only make system calls), and
// death with the parent thread. The getppid check closes the race where the
// harness died before prctl took effect.
struct BindToHarness {
  pid_t parent = ::getpid();
  const UserIds* user = nullptr;

  bp2::error_code on_exec_setup(bp2::posix::default_launcher&, const bp2::filesystem::path&, const char* const*) {
    auto failed = [] { return bp2::error_code(errno, bp2::system_category()); };
    if (::setpgid(0, 0) != 0) return failed();
    if (user) {  // groups first: once the user is switched, they can no longer be set
      if (::setgroups(user->groups.size(), user->groups.data()) != 0) return failed();
      if (::setgid(user->gid) != 0 || ::setuid(user->uid) != 0) return failed();
    }
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return failed();
    if (::getppid() != parent) ::_exit(127);
    return {};
  }
};

ExitStatus FromWaitStatus(int status) {
  ExitStatus out;
  if (WIFEXITED(status)) {
    out.exited = true;
    out.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    out.signaled = true;
    out.signal = WTERMSIG(status);
  }
  return out;
}

void WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a log we cannot write must not stop the run
    data += n;
    size -= static_cast<size_t>(n);
  }
}

std::vector<std::string> EnvStrings(const std::map<std::string, std::string>& env) {
  std::vector<std::string> out;
  out.reserve(env.size());
  for (const auto& [key, value] : env) out.push_back(key + "=" + value);
  return out;
}

}  // namespace

struct ChildProcess::Impl {
  boost::asio::io_context context;
  std::optional<bp2::process> process;
};

std::string ExitStatus::Describe() const {
  if (exited) return fmt::format("exit code {}", code);
  if (signaled)
    return fmt::format("killed by signal {} ({})", signal, ::sigabbrev_np(signal) ? ::sigabbrev_np(signal) : "?");
  return "still running";
}

std::unique_ptr<ChildProcess> ChildProcess::Launch(const LaunchSpec& spec, std::string* error) {
  std::optional<UserIds> user;
  if (!spec.user.empty() && !(user = LookUpUser(spec.user, error))) return nullptr;
  int log_fd = ::open(spec.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    *error = fmt::format("cannot open log {}: {}", spec.log_file.string(), std::strerror(errno));
    return nullptr;
  }
  int out_pipe[2] = {-1, -1};  // stays closed when stdout goes straight to the log
  if (!spec.stdout_to_log && ::pipe2(out_pipe, O_CLOEXEC) != 0) {
    *error = fmt::format("pipe: {}", std::strerror(errno));
    ::close(log_fd);
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  std::vector<std::string> env = EnvStrings(spec.env);
  bp2::error_code ec;
  bp2::filesystem::path dir =
      spec.working_dir.empty() ? bp2::filesystem::current_path() : bp2::filesystem::path(spec.working_dir.string());
  impl->process.emplace(impl->context, bp2::filesystem::path(spec.executable.string()), spec.args, ec,
                        bp2::process_stdio{nullptr, spec.stdout_to_log ? log_fd : out_pipe[1], log_fd},
                        bp2::process_environment(env), bp2::process_start_dir(dir),
                        BindToHarness{::getpid(), user ? &*user : nullptr});
  if (out_pipe[1] >= 0) ::close(out_pipe[1]);  // the child holds its own copy; EOF arrives when it exits
  if (ec) {
    *error = fmt::format("cannot start {}: {}", spec.executable.string(), ec.message());
    if (out_pipe[0] >= 0) ::close(out_pipe[0]);
    ::close(log_fd);
    return nullptr;
  }
  int pid = impl->process->id();
  return std::unique_ptr<ChildProcess>(new ChildProcess(std::move(impl), pid, out_pipe[0], log_fd));
}

ChildProcess::ChildProcess(std::unique_ptr<Impl> impl, int pid, int stdout_fd, int log_fd)
    : impl_(std::move(impl)), pid_(pid), stdout_fd_(stdout_fd), log_fd_(log_fd) {}

ChildProcess::~ChildProcess() {
  if (!status_) Stop();
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  ::close(log_fd_);
}

std::optional<std::string> ChildProcess::ReadLine(milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    if (size_t nl = pending_.find('\n'); nl != std::string::npos) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      return line;
    }
    if (stdout_fd_ < 0) return std::nullopt;
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return std::nullopt;
    pollfd pfd{stdout_fd_, POLLIN, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;
    char buf[4096];
    ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {  // stdout closed: the child exited or closed it
      ::close(stdout_fd_);
      stdout_fd_ = -1;
      continue;
    }
    WriteAll(log_fd_, buf, static_cast<size_t>(n));
    pending_.append(buf, static_cast<size_t>(n));
  }
}

void ChildProcess::DrainStdout() {
  if (stdout_fd_ < 0) return;
  // Keep reading what the child wrote after its first line, so nothing is lost
  // from the log; non-blocking because the child may still hold the pipe.
  ::fcntl(stdout_fd_, F_SETFL, O_NONBLOCK);
  char buf[4096];
  ssize_t n;
  while ((n = ::read(stdout_fd_, buf, sizeof buf)) > 0) WriteAll(log_fd_, buf, static_cast<size_t>(n));
}

std::optional<ExitStatus> ChildProcess::Poll() {
  if (status_) return status_;
  bp2::error_code ec;
  if (impl_->process->running(ec) || ec) return std::nullopt;
  status_ = FromWaitStatus(impl_->process->native_exit_code());
  DrainStdout();
  return status_;
}

std::optional<ExitStatus> ChildProcess::Wait(milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    DrainStdout();
    if (auto status = Poll()) return status;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(milliseconds(10));
  }
}

ExitStatus ChildProcess::Stop(milliseconds grace) {
  if (auto status = Poll()) return *status;
  ::kill(-pid_, SIGTERM);
  if (auto status = Wait(grace)) {
    ::kill(-pid_, SIGKILL);  // whatever else the group started
    return *status;
  }
  ::kill(-pid_, SIGKILL);
  if (auto status = Wait(std::chrono::seconds(5))) return *status;
  // SIGKILL cannot be ignored; only an unkillable (D-state) child gets here.
  status_ = ExitStatus{};
  return *status_;
}

CommandOutcome RunToCompletion(const LaunchSpec& spec, std::chrono::milliseconds timeout,
                               const std::atomic<bool>* cancel) {
  CommandOutcome outcome;
  auto child = ChildProcess::Launch(spec, &outcome.error);
  if (!child) return outcome;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!outcome.status && std::chrono::steady_clock::now() < deadline) {
    if (cancel && cancel->load()) {
      child->Stop();  // the whole group: go build and the compilers it started
      outcome.error = "interrupted";
      return outcome;
    }
    outcome.status = child->Wait(std::chrono::milliseconds(100));
  }
  if (!outcome.status) {
    child->Stop();
    outcome.error = fmt::format("timed out after {} s", timeout.count() / 1000);
  }
  return outcome;
}

CapturedRun RunCapturingOutput(LaunchSpec spec, const std::filesystem::path& log_file,
                               std::chrono::milliseconds timeout) {
  std::filesystem::path scratch = log_file;
  scratch += ".last";
  std::error_code ec;
  std::filesystem::remove(scratch, ec);
  spec.log_file = scratch;
  CapturedRun run{RunToCompletion(spec, timeout), ""};
  std::string ignored;
  ReadFile(scratch.string(), &run.output, &ignored);
  std::ofstream(log_file, std::ios::app) << "$ " << spec.executable.filename().string() << " "
                                         << fmt::format("{}", fmt::join(spec.args, " ")) << "\n"
                                         << run.output;
  std::filesystem::remove(scratch, ec);
  return run;
}

std::optional<std::filesystem::path> FindExecutable(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::string_view dirs(path);
  while (true) {
    size_t colon = dirs.find(':');
    std::filesystem::path dir(dirs.substr(0, colon));
    std::filesystem::path candidate = (dir.empty() ? std::filesystem::path(".") : dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    dirs.remove_prefix(colon + 1);
  }
}

std::optional<UserIds> LookUpUser(const std::string& name, std::string* error) {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
    *error = fmt::format("there is no user \"{}\" on this machine", name);
    return std::nullopt;
  }
  UserIds ids{found->pw_uid, found->pw_gid, std::vector<gid_t>(64)};
  int count = static_cast<int>(ids.groups.size());
  if (::getgrouplist(name.c_str(), ids.gid, ids.groups.data(), &count) < 0) {
    ids.groups.resize(static_cast<size_t>(count));  // it said how many there are
    ::getgrouplist(name.c_str(), ids.gid, ids.groups.data(), &count);
  }
  ids.groups.resize(static_cast<size_t>(std::max(count, 0)));
  return ids;
}

std::optional<std::filesystem::path> FindCommand(const std::string& name, const std::vector<std::string>& dirs) {
  for (const std::string& pattern : dirs) {
    glob_t matches{};
    std::vector<std::string> found;
    if (::glob(pattern.c_str(), GLOB_ONLYDIR, nullptr, &matches) == 0) {
      found.assign(matches.gl_pathv, matches.gl_pathv + matches.gl_pathc);
    }
    ::globfree(&matches);
    // The highest version first: /usr/lib/postgresql/16/bin before 9.6/bin.
    std::sort(found.begin(), found.end(),
              [](const std::string& a, const std::string& b) { return ::strverscmp(a.c_str(), b.c_str()) > 0; });
    for (const std::string& dir : found) {
      std::filesystem::path candidate = std::filesystem::path(dir) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return FindExecutable(name);
}

std::map<std::string, std::string> InheritedEnvironment() {
  static constexpr const char* kNames[] = {"PATH",    "HOME",    "TMPDIR",      "GOPATH", "GOCACHE", "GOMODCACHE",
                                           "GOPROXY", "GOFLAGS", "GOTOOLCHAIN", "GOROOT", "LANG"};
  std::map<std::string, std::string> env;
  for (const char* name : kNames) {
    if (const char* value = std::getenv(name)) env[name] = value;
  }
  return env;
}

}  // namespace leakrig::edge
