#include "sweep/service_executor.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "edge/files.h"
#include "edge/load_summary.h"
#include "runner/service_build.h"
#include "sweep/service_reading.h"

namespace leakrig::sweep {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;
using FetchFn = std::function<edge::FetchResult(const std::string& url)>;

// /proc counts CPU time in clock ticks: below this many, one tick is more
// than 5% of the figure.
constexpr int64_t kPreciseTicks = 20;

double TicksToSeconds(int64_t ticks) {
  return static_cast<double>(ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::optional<PidStat> ReadPidStat(int pid, std::string* error) {
  std::string text;
  if (!edge::ReadFile(fmt::format("/proc/{}/stat", pid), &text, error)) return std::nullopt;
  return ParsePidStat(text, error);
}

// Why `fetched` holds no runnable goroutines, "" when it does; what parsed goes to *metrics.
std::string MetricsProblem(const edge::FetchResult& fetched, std::optional<SchedMetrics>* metrics) {
  if (!fetched.ok()) return "answers " + fetched.Describe();
  std::string error;
  *metrics = ParseSchedMetrics(fetched.body, &error);
  if (!*metrics) return "is " + error;
  if (!(*metrics)->runnable) return fmt::format("has no {}", kRunnableMetric);
  return "";
}

// Reads the service from outside while its load runs: /proc/PID/stat for CPU
// and threads, and runtime/metrics for runnable goroutines where it serves them.
class ServiceMeter {
 public:
  ServiceMeter(int pid, int gomaxprocs, FetchFn fetch) : pid_(pid), gomaxprocs_(gomaxprocs), fetch_(std::move(fetch)) {}

  // Reads the CPU time so far and looks for the metrics; an error ends the run.
  std::string Start(const runner::Fixture& service);
  void Sample();
  // Reads the CPU time again; the reading covers the time since Start.
  std::string Finish(ServiceReading* out);

 private:
  // Finds a runtime/metrics JSON with the runnable goroutines, or records why there is none.
  std::string FindMetrics(const runner::Fixture& service);
  void ReadMetrics();

  const int pid_;
  const int gomaxprocs_;
  const FetchFn fetch_;
  std::string metrics_url_;  // "" when the service serves no runnable goroutines
  std::string metrics_error_;
  PidStat start_;
  ServiceReading reading_;
};

std::string ServiceMeter::Start(const runner::Fixture& service) {
  std::string error;
  auto stat = ReadPidStat(pid_, &error);
  if (!stat) return "the service's " + error;
  start_ = *stat;
  reading_.threads_peak = stat->threads;
  return FindMetrics(service);
}

std::string ServiceMeter::FindMetrics(const runner::Fixture& service) {
  const bool named = !service.metrics_url().empty();
  const std::string url = named ? service.metrics_url() : ExpvarUrl(service.pprof_base());
  std::optional<SchedMetrics> metrics;
  if (std::string problem = MetricsProblem(fetch_(url), &metrics); !problem.empty()) {
    reading_.runnable_unmeasured = fmt::format(
        "{} {}: set metrics = the URL of a JSON with runtime/metrics' {} (Go 1.26 and later)",
        named ? "the manifest's metrics URL " + url : "the manifest names no metrics URL, and expvar's " + url, problem,
        kRunnableMetric);
    return "";
  }
  if (metrics->gomaxprocs && *metrics->gomaxprocs != gomaxprocs_) {
    return fmt::format(
        "the service runs with GOMAXPROCS={}, not {} ({} at {}): it sets GOMAXPROCS itself, so a "
        "sweep cannot vary it",
        *metrics->gomaxprocs, gomaxprocs_, kGomaxprocsMetric, url);
  }
  metrics_url_ = url;
  reading_.runnable_peak = metrics->runnable;
  return "";
}

void ServiceMeter::ReadMetrics() {
  edge::FetchResult fetched = fetch_(metrics_url_);
  reading_.metrics_seconds += fetched.seconds;
  std::optional<SchedMetrics> metrics;
  if (std::string problem = MetricsProblem(fetched, &metrics); !problem.empty()) {
    metrics_error_ = problem;
    return;
  }
  reading_.runnable_peak = std::max(reading_.runnable_peak.value_or(0), *metrics->runnable);
}

void ServiceMeter::Sample() {
  std::string ignored;  // a service that died shows when the load is over
  if (auto stat = ReadPidStat(pid_, &ignored)) reading_.threads_peak = std::max(reading_.threads_peak, stat->threads);
  if (!metrics_url_.empty()) ReadMetrics();
  ++reading_.samples;
}

std::string ServiceMeter::Finish(ServiceReading* out) {
  std::string error;
  auto stat = ReadPidStat(pid_, &error);
  if (!stat) return "the service's " + error;
  const int64_t ticks = stat->user_ticks + stat->system_ticks - start_.user_ticks - start_.system_ticks;
  reading_.user_seconds = TicksToSeconds(stat->user_ticks - start_.user_ticks);
  reading_.sys_seconds = TicksToSeconds(stat->system_ticks - start_.system_ticks);
  if (ticks < kPreciseTicks) {
    reading_.warnings.push_back(fmt::format(
        "the service used {:.0f} ms of CPU, which /proc counts in ticks of {:.0f} ms: its CPU per request is "
        "coarse; a longer load makes it precise",
        TicksToSeconds(ticks) * 1000, TicksToSeconds(1) * 1000));
  }
  if (!metrics_error_.empty()) {
    reading_.warnings.push_back(fmt::format("some reads of {} failed: {}", metrics_url_, metrics_error_));
  }
  *out = reading_;
  return "";
}

bool Cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

}  // namespace

RunOutput ServiceExecutor::Execute(const RunSpec& spec) {
  RunOutput out;
  const fs::path folder = config_.log_dir / spec.Name();
  std::error_code ec;
  fs::remove_all(folder, ec);  // a reused --out must not mix two sweeps' logs
  fs::create_directories(folder, ec);
  auto plan = std::make_shared<runner::ServicePlan>(config_.plan);
  plan->service_env["GOMAXPROCS"] = std::to_string(spec.gomaxprocs);
  runner::RunnerIo io = runner::ServiceIo(plan);
  const auto startup = milliseconds(static_cast<int64_t>(plan->manifest.timing.startup_timeout_seconds * 1000));
  const runner::FixtureLaunch launch{{}, {}, config_.env, folder / "service.log", startup};
  std::unique_ptr<runner::Fixture> service = io.launch_fixture(launch, &out.error);
  if (!service) return out;
  out.error = LoadAndRead(spec, *plan, io, *service, launch.log_file, &out);
  service->Stop();
  return out;
}

std::string ServiceExecutor::LoadAndRead(const RunSpec& spec, const runner::ServicePlan& plan,
                                         const runner::RunnerIo& io, runner::Fixture& service, const fs::path& log,
                                         RunOutput* out) {
  ServiceMeter meter(service.pid().value_or(0), spec.gomaxprocs, io.fetch);
  if (std::string error = meter.Start(service); !error.empty()) return error;
  const scenario::Scenario scenario = runner::ServiceScenario(plan.manifest, spec.Name(), verdict::Verdict::kClean);
  std::unique_ptr<edge::LoadHandle> load = io.make_load(runner::LoadConfigFor(scenario, service.base_url()), *io.clock);
  load->Start(io.clock->Now());
  while (!load->Progress().ended && !Cancelled(config_.cancel)) {
    const auto next = SteadyClock::now() + config_.sample_every;
    meter.Sample();
    std::this_thread::sleep_until(next);
  }
  const edge::LoadReport report = load->Finish();
  if (Cancelled(config_.cancel)) return "interrupted";
  if (auto exited = service.Exited()) {
    return fmt::format("the service exited during the load ({}); the end of {}:\n{}", exited->Describe(), log.string(),
                       runner::LogTail(log));
  }
  ServiceReading reading;
  if (std::string error = meter.Finish(&reading); !error.empty()) return error;
  if (std::string failure = runner::LoadFailure(report, plan.manifest.load.accept_status); !failure.empty()) {
    return "load: " + failure;
  }
  out->load = edge::Summarize(report);
  out->service = std::move(reading);
  return "";
}

}  // namespace leakrig::sweep
