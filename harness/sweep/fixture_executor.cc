#include "sweep/fixture_executor.h"

#include <fmt/format.h>
#include <signal.h>

#include <algorithm>

#include "edge/files.h"
#include "edge/load_driver.h"
#include "edge/load_summary.h"
#include "edge/process.h"

namespace leakrig::sweep {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

constexpr milliseconds kSlice{200};      // how often a wait looks at the cancel flag
constexpr milliseconds kStartup{10000};  // until the http fixture prints its address
constexpr milliseconds kExit{10000};     // from the report to the process's end

bool Cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

// Reads one stdout line before `deadline`, in slices so that Ctrl-C is seen.
// ReadLine returns early with nothing only once stdout is closed (the child
// exited), so a slice that ends early means no line will ever come.
// Never Poll() the child while its report may be unread: Poll copies
// unread stdout to the log, where ReadLine no longer sees it.
std::optional<std::string> ReadLineBefore(edge::ChildProcess& child, SteadyClock::time_point deadline,
                                          const std::atomic<bool>* cancel) {
  while (!Cancelled(cancel)) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) return std::nullopt;
    milliseconds slice = std::min(left, kSlice);
    auto started = SteadyClock::now();
    if (auto line = child.ReadLine(slice)) return line;
    if (SteadyClock::now() - started < slice / 2) return std::nullopt;  // stdout closed
  }
  return std::nullopt;
}

std::string AwaitReport(edge::ChildProcess& child, const ExecutorConfig& config, RunOutput* out) {
  auto line = ReadLineBefore(child, SteadyClock::now() + config.run_timeout, config.cancel);
  if (!line) {
    return Cancelled(config.cancel) ? "interrupted" : "the fixture printed no report (it died or timed out)";
  }
  out->stdout_lines.push_back(std::move(*line));
  return "";
}

HttpLoad DriveLoad(const std::string& address, const ExecutorConfig& config, std::string* error) {
  edge::LoadConfig load;
  load.url = fmt::format("http://{}/", address);
  load.concurrency = config.http_connections;
  load.requests = config.http_requests;
  load.cancel = config.cancel;
  edge::LoadReport report = edge::RunLoad(load);
  if (report.requests == 0) *error = fmt::format("no request was answered ({})", report.first_error);
  return edge::Summarize(report);
}

// The http workload: the fixture serves, the load driver loads, SIGTERM ends
// the serving, and the fixture then prints its report.
std::string ServeLoad(edge::ChildProcess& child, const ExecutorConfig& config, RunOutput* out) {
  auto address = ReadLineBefore(child, SteadyClock::now() + kStartup, config.cancel);
  if (!address) return "the http fixture printed no address";
  out->stdout_lines.push_back(*address);
  if (!address->starts_with("127.0.0.1:")) {
    return fmt::format("the fixture's first line \"{}\" is no address", *address);
  }
  std::string error;
  out->load = DriveLoad(*address, config, &error);
  if (!error.empty()) return error;
  ::kill(child.pid(), SIGTERM);
  auto line = ReadLineBefore(child, SteadyClock::now() + kExit, config.cancel);
  if (!line) return "the http fixture printed no report after SIGTERM";
  out->stdout_lines.push_back(std::move(*line));
  return "";
}

// Waits for the child to end and reads its log. Keeps the first error.
void FinishRun(edge::ChildProcess& child, const fs::path& log, RunOutput* out) {
  std::optional<edge::ExitStatus> status = child.Wait(out->error.empty() ? kExit : milliseconds(0));
  if (!status) status = child.Stop();
  bool clean = status->exited && status->code == 0;
  if (out->error.empty() && !clean) out->error = fmt::format("the fixture ended with {}", status->Describe());
  std::string error;
  if (!edge::ReadFile(log.string(), &out->log_text, &error) && out->error.empty()) out->error = error;
  if (!out->error.empty()) out->error += fmt::format("; see {}", log.string());
}

}  // namespace

std::vector<std::string> FixtureArgs(const RunSpec& spec, int goroutines) {
  return {"-workload=" + spec.workload, fmt::format("-goroutines={}", goroutines),
          spec.sampled ? "-sample-every=1ms" : "-sample-every=0"};
}

std::map<std::string, std::string> FixtureEnv(const RunSpec& spec) {
  std::map<std::string, std::string> env{{"GOMAXPROCS", std::to_string(spec.gomaxprocs)}};
  if (spec.sampled) env["GODEBUG"] = fmt::format("schedtrace={}", kSchedTraceMs);
  return env;
}

RunOutput FixtureExecutor::Execute(const RunSpec& spec) {
  RunOutput out;
  fs::path log = config_.log_dir / (spec.Name() + ".log");
  std::error_code ignored;
  fs::remove(log, ignored);  // logs are appended to: a reused --out must not mix two sweeps
  edge::LaunchSpec launch{config_.binary, FixtureArgs(spec, config_.goroutines), FixtureEnv(spec), {}, log};
  auto child = edge::ChildProcess::Launch(launch, &out.error);
  if (!child) return out;
  out.error = spec.workload == "http" ? ServeLoad(*child, config_, &out) : AwaitReport(*child, config_, &out);
  FinishRun(*child, log, &out);
  return out;
}

}  // namespace leakrig::sweep
