#include "cli/sweep_command.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <iostream>

#include "cli/progress.h"
#include "cli/run_support.h"
#include "edge/files.h"
#include "edge/fixture_builder.h"
#include "report/sweep_files.h"
#include "sweep/fixture_executor.h"
#include "sweep/machine_probe.h"
#include "sweep/render.h"

namespace leakrig::cli {
namespace fs = std::filesystem;
namespace {

struct SweepFlags {
  sweep::SweepOptions options;
  std::string out;
  std::string go;  // --go VERSION
  bool skip_sampling_cost = false;
};

// Writes sweep.csv and sweep.json; returns the errors. The HTML report draws
// sweep.svg from sweep.json.
std::vector<std::string> WriteResults(const fs::path& dir, const sweep::SweepResult& result) {
  std::vector<std::string> errors;
  auto write = [&](const char* name, const std::string& content) {
    if (std::string e = edge::WriteFileAtomic(dir / name, content); !e.empty()) errors.push_back(e);
  };
  write("sweep.csv", report::SweepCsv(result));
  write("sweep.json", report::SweepJson(result));
  return errors;
}

sweep::SweepResult RunAll(const sweep::SweepOptions& options, const fs::path& binary, const std::string& go_version,
                          const fs::path& dir, const std::atomic<bool>& interrupted) {
  Progress progress;
  progress.Update("sweep: probing the machine");
  sweep::Machine machine = sweep::ProbeMachine(binary, dir / "logs" / "probe.log");
  machine.go_version = go_version;
  sweep::FixtureExecutor executor({binary, dir / "logs", options.goroutines, options.http_requests,
                                   options.http_connections, std::chrono::seconds(120), &interrupted});
  sweep::SweepHooks hooks;
  hooks.cancel = &interrupted;
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
  auto go = ResolveGoToolchain(global, flags.go);
  if (!go) return kExitUsage;
  fs::path dir;
  std::string error = PrepareRunDir(global, flags.out, "sweep", &dir);
  std::error_code ec;
  if (error.empty()) fs::create_directories(dir / "logs", ec);
  if (!error.empty() || ec) {
    std::cerr << "leakrig: " << (error.empty() ? "cannot create " + (dir / "logs").string() : error) << "\n";
    return kExitUsage;
  }
  const auto started = std::chrono::steady_clock::now();
  const std::atomic<bool>& interrupted = CatchInterrupts();
  edge::BuildRequest request{global.root / "go-fixtures", "sweep", global.fixture_cache, *go,
                             dir / "logs" / "build.log"};
  request.cancel = &interrupted;
  edge::BuildResult build = edge::BuildFixture(request);
  if (build.binary.empty()) {
    std::cerr << fmt::format("leakrig: cannot build the sweep fixture: {}\n", build.error);
    return kExitFailed;
  }
  sweep::SweepResult result = RunAll(flags.options, build.binary, go->version, dir, interrupted);
  std::cout << sweep::RenderSummaryText(result);
  std::vector<std::string> write_errors = WriteResults(dir, result);
  for (const auto& e : write_errors) std::cerr << "leakrig: " << e << "\n";
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("\n{} runs in {:.1f} s\n", result.runs.size(), seconds) << std::flush;
  Progress progress;
  PrintResultsAndReport(global, dir, progress);
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
  AddGoFlag(cmd, &flags->go);
  cmd->callback([&global, flags, exit_code] { *exit_code = Sweep(global, *flags); });
}

}  // namespace leakrig::cli
