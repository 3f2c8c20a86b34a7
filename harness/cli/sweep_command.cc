#include "cli/sweep_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <atomic>
#include <chrono>
#include <iostream>

#include "cli/progress.h"
#include "cli/run_support.h"
#include "cli/service_commands.h"
#include "edge/files.h"
#include "edge/fixture_builder.h"
#include "report/sweep_files.h"
#include "runner/service_build.h"
#include "sweep/fixture_executor.h"
#include "sweep/machine_probe.h"
#include "sweep/render.h"
#include "sweep/service_executor.h"

namespace leakrig::cli {
namespace fs = std::filesystem;
namespace {

struct SweepFlags {
  sweep::SweepOptions options;
  std::string out;
  std::string go;       // --go VERSION
  std::string service;  // --service PATH/leakrig.toml
  bool skip_sampling_cost = false;
};

// How often a service is read while loaded: /proc is cheap, and each metrics
// read is one small request to its debug listener.
constexpr std::chrono::milliseconds kServiceSampleEvery{20};

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

sweep::SweepResult RunAll(const sweep::SweepOptions& options, const sweep::Machine& machine,
                          sweep::RunExecutor& executor, const std::atomic<bool>& interrupted, Progress& progress) {
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

// Prints the table, writes the files, draws the HTML page and says where; the exit code.
int Report(const GlobalOptions& global, const fs::path& dir, const sweep::SweepResult& result,
           std::chrono::steady_clock::time_point started) {
  std::cout << sweep::RenderSummaryText(result);
  std::vector<std::string> write_errors = WriteResults(dir, result);
  for (const auto& e : write_errors) std::cerr << "leakrig: " << e << "\n";
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("\n{} runs in {:.1f} s\n", result.runs.size(), seconds) << std::flush;
  Progress progress;
  PrintResultsAndReport(global, dir, progress);
  return result.ok() && write_errors.empty() ? kExitOk : kExitFailed;
}

// "" or why the run folder's logs/ cannot be made.
std::string CreateLogs(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir / "logs", ec);
  return ec ? "cannot create " + (dir / "logs").string() + ": " + ec.message() : "";
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
  if (error.empty()) error = CreateLogs(dir);
  if (!error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
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
  Progress progress;
  progress.Update("sweep: probing the machine");
  sweep::Machine machine = sweep::ProbeMachine(build.binary, dir / "logs" / "probe.log");
  machine.go_version = go->version;
  const sweep::SweepOptions& o = flags.options;
  sweep::FixtureExecutor executor({build.binary, dir / "logs", o.goroutines, o.http_requests, o.http_connections,
                                   std::chrono::seconds(120), &interrupted});
  return Report(global, dir, RunAll(o, machine, executor, interrupted, progress), started);
}

// The sweep varies GOMAXPROCS through the service's environment: a manifest
// that fixes it there would make every run the same.
std::string RefuseFixedGomaxprocs(const scenario::ServiceManifest& manifest) {
  if (manifest.service.env.count("GOMAXPROCS") == 0) return "";
  return "env sets GOMAXPROCS, and sweep sets it for each run: take it out of the manifest's env";
}

sweep::ServiceLoad ServiceLoadOf(const scenario::ServiceManifest& m, const std::string& path) {
  sweep::ServiceLoad load;
  load.name = m.name;
  load.manifest = path;
  load.method = m.requests.front().method;
  load.path = m.requests.front().path;
  load.concurrency = m.load.concurrency;
  load.rate = m.load.rate;
  load.duration_seconds = m.load.duration_seconds;
  load.requests = m.load.requests;
  return load;
}

// Builds the service and its dependencies, then runs the sweep; the exit code.
int BuildAndSweep(const GlobalOptions& global, const ServiceSetup& setup, const sweep::SweepOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const runner::RunContext& context = setup.context;
  const fs::path logs = context.run_dir / "logs";
  Progress progress;
  progress.Update(fmt::format("sweep: building {}", setup.manifest.name));
  sweep::ServiceExecutorConfig config{
      {}, runner::FixtureEnv(context, nullptr, nullptr, ""), logs, kServiceSampleEvery, context.cancel};
  std::string error =
      runner::PrepareServicePlan(context, setup.manifest, setup.manifest_dir, logs / "build.log", &config.plan);
  if (!error.empty()) {
    progress.Clear();
    std::cerr << "leakrig: " << error << "\n";
    return kExitFailed;
  }
  sweep::Machine machine = sweep::ProbeMachine({}, {});
  machine.go_version = context.go.version;
  sweep::ServiceExecutor executor(std::move(config));
  return Report(global, context.run_dir, RunAll(options, machine, executor, *context.cancel, progress), started);
}

// `sweep --service`: the manifest's service and load at each GOMAXPROCS.
int SweepService(const GlobalOptions& global, SweepFlags flags) {
  flags.options.service.emplace();  // checks --procs and --repeat before anything runs
  if (std::string error = sweep::NormalizeOptions(&flags.options); !error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
    return kExitUsage;
  }
  ServiceSetup setup;
  const ServiceFlags service{flags.service, "", "", "", flags.out, flags.go};
  if (int code = PrepareService(global, service, "sweep", &setup, RefuseFixedGomaxprocs); code != kExitOk) return code;
  if (std::string error = CreateLogs(setup.context.run_dir); !error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
    return kExitUsage;
  }
  flags.options.service = ServiceLoadOf(setup.manifest, flags.service);
  sweep::NormalizeOptions(&flags.options);
  return BuildAndSweep(global, setup, flags.options);
}

// The flags that set the fixture's workloads; a service's load is its manifest's.
constexpr const char* kFixtureOnlyFlags[] = {"--workload", "--goroutines", "--requests", "--connections",
                                             "--no-sampling-cost"};

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
  cmd->add_option("--service", flags->service,
                  "Sweep your own service, described by this leakrig.toml, under its manifest's load "
                  "(--repeat defaults to 1)")
      ->check(CLI::ExistingFile);
  AddGoFlag(cmd, &flags->go);
  cmd->callback([&global, flags, exit_code, cmd] {
    if (flags->service.empty()) return void(*exit_code = Sweep(global, *flags));
    std::vector<std::string> given;
    for (const char* name : kFixtureOnlyFlags) {
      if (cmd->count(name) > 0) given.push_back(name);
    }
    if (!given.empty()) {
      std::cerr << fmt::format("leakrig: {} {} not apply to --service: the service's load is its manifest's [load]\n",
                               fmt::join(given, ", "), given.size() == 1 ? "does" : "do");
      return void(*exit_code = kExitUsage);
    }
    if (cmd->count("--repeat") == 0) flags->options.repeats = 1;  // a service's load takes seconds, not milliseconds
    *exit_code = SweepService(global, *flags);
  });
}

}  // namespace leakrig::cli
