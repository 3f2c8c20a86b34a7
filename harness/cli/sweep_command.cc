#include "cli/sweep_command.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>

#include "cli/progress.h"
#include "edge/files.h"
#include "edge/fixture_builder.h"
#include "sweep/fixture_executor.h"
#include "sweep/report.h"
#include "sweep/svg_plot.h"

namespace leakrig::cli {
namespace fs = std::filesystem;
namespace {

// Set by SIGINT/SIGTERM: the sweep stops after the current run and writes
// what it has. A signal handler can only reach a global.
std::atomic<bool> g_sweep_interrupted{false};

void OnInterrupt(int) {
  g_sweep_interrupted = true;
  ::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the harness, and the fixture with it
  ::signal(SIGTERM, SIG_DFL);
}

struct SweepFlags {
  sweep::SweepOptions options;
  std::string out;
  bool skip_sampling_cost = false;
};

// The same run-id scheme as `leakrig run` (scenario_commands.cc), so that
// results/ sorts by time whichever command made a folder.
std::string NewSweepId() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  return fmt::format("{}-{}-sweep", stamp, ::getpid());
}

std::string PrepareOutDir(const GlobalOptions& global, const std::string& out, fs::path* dir) {
  *dir = out.empty() ? global.root / "results" / NewSweepId() : fs::path(out);
  std::error_code ec;
  fs::create_directories(*dir / "logs", ec);
  if (ec) return fmt::format("cannot create the output folder {}: {}", dir->string(), ec.message());
  *dir = fs::canonical(*dir, ec);
  return "";
}

// Writes sweep.csv, sweep.json and sweep.svg; returns the errors.
std::vector<std::string> WriteResults(const fs::path& dir, const sweep::SweepResult& result) {
  std::vector<std::string> errors;
  auto write = [&](const char* name, const std::string& content) {
    if (std::string e = edge::WriteFileAtomic(dir / name, content); !e.empty()) errors.push_back(e);
  };
  write("sweep.csv", sweep::FormatCsv(result));
  write("sweep.json", sweep::FormatJson(result));
  write("sweep.svg", sweep::PlotSvg(result.rows, result.options.workloads, result.options.procs));
  return errors;
}

sweep::SweepResult RunAll(const sweep::SweepOptions& options, const fs::path& binary, const fs::path& dir) {
  Progress progress;
  progress.Update("sweep: probing the machine");
  sweep::Machine machine = sweep::ProbeMachine(binary, dir / "logs" / "probe.log");
  sweep::FixtureExecutor executor({binary, dir / "logs", options.goroutines, options.http_requests,
                                   options.http_connections, std::chrono::seconds(120), &g_sweep_interrupted});
  sweep::SweepHooks hooks;
  hooks.cancel = &g_sweep_interrupted;
  hooks.on_run = [&](const sweep::RunSpec& spec, size_t i, size_t total) {
    progress.Update(fmt::format("sweep: run {}/{}: {}", i + 1, total, spec.Name()));
  };
  sweep::BackgroundMeter meter;
  sweep::SweepResult result = sweep::RunSweep(options, machine, executor, hooks);
  if (auto cores = meter.BackgroundCores()) sweep::AddBackgroundLoad(*cores, &result);
  progress.Clear();
  return result;
}

int Sweep(const GlobalOptions& global, SweepFlags flags) {
  flags.options.measure_sampling_cost = !flags.skip_sampling_cost;
  if (std::string error = sweep::NormalizeOptions(&flags.options); !error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
    return kExitUsage;
  }
  fs::path dir;
  if (std::string error = PrepareOutDir(global, flags.out, &dir); !error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
    return kExitUsage;
  }
  const auto started = std::chrono::steady_clock::now();
  edge::BuildResult build = edge::BuildFixture(
      {global.root / "go-fixtures", "sweep", global.fixture_cache, "", dir / "logs" / "build.log"});
  if (build.binary.empty()) {
    std::cerr << fmt::format("leakrig: cannot build the sweep fixture: {}\n", build.error);
    return kExitFailed;
  }
  ::signal(SIGINT, OnInterrupt);
  ::signal(SIGTERM, OnInterrupt);
  sweep::SweepResult result = RunAll(flags.options, build.binary, dir);
  std::cout << sweep::FormatReport(result);
  std::vector<std::string> write_errors = WriteResults(dir, result);
  for (const auto& e : write_errors) std::cerr << "leakrig: " << e << "\n";
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("\n{} runs in {:.1f} s\nresults: {}\n", result.runs.size(), seconds, dir.string());
  return result.ok() && write_errors.empty() ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterSweepCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<SweepFlags>();
  sweep::SweepOptions& o = flags->options;
  CLI::App* cmd = app.add_subcommand("sweep", "Measure what GOMAXPROCS changes: run workloads at each value");
  cmd->add_option("--procs", o.procs, "GOMAXPROCS values, comma-separated")->delimiter(',')->capture_default_str();
  cmd->add_option("--workload", o.workloads, "Workloads: sleep, cpu, syscall, mixed, http")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--goroutines", o.goroutines, "Goroutines each workload starts (http: see --requests)")
      ->capture_default_str();
  cmd->add_option("--repeat", o.repeats, "Runs of each (GOMAXPROCS, workload)")->capture_default_str();
  cmd->add_option("--requests", o.http_requests, "Requests per http run")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--connections", o.http_connections, "Connections of the http load")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_flag("--no-sampling-cost", flags->skip_sampling_cost,
                "Skip the runs without sampling that measure what sampling costs");
  cmd->add_option("--out", flags->out, "Output folder (default: a new folder under results/)");
  cmd->callback([&global, flags, exit_code] { *exit_code = Sweep(global, *flags); });
}

}  // namespace leakrig::cli
