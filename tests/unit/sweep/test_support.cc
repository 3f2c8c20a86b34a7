#include "test_support.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "golden.h"

namespace leakrig::sweep::testing {

std::string ReadTestdata(const std::string& name) {
  return golden::ReadFileOrFail(std::string(LEAKRIG_SWEEP_TESTDATA) + "/" + name);
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  golden::ExpectMatchesGolden(std::string(LEAKRIG_SWEEP_TESTDATA) + "/" + name, actual);
}

std::string ReportLine(const std::string& workload, int gomaxprocs, double wall_seconds, double cpu_seconds,
                       int runnable_peak, int threads_peak) {
  return fmt::format(R"({{"workload":"{}","gomaxprocs":{},"num_cpu":2,"goroutines":1000,"sleep_seconds":0.01,)"
                     R"("iterations":250000,"wall_seconds":{},"user_seconds":{},"sys_seconds":0,"runnable_peak":{},)"
                     R"("threads_peak":{},"samples":12,"sampling_seconds":0.00005,"checksum":0}})",
                     workload, gomaxprocs, wall_seconds, cpu_seconds, runnable_peak, threads_peak);
}

namespace {

double FakeWall(const RunSpec& spec) {
  double cores = std::min(spec.gomaxprocs, 2);
  double wall = 0.012;
  if (spec.workload == "cpu") wall = 0.36 / cores;
  if (spec.workload == "mixed") wall = 0.18 / cores;
  if (spec.workload == "syscall") wall = 0.013;
  return (spec.sampled ? wall : wall * 0.99) + 0.001 * spec.repeat;
}

}  // namespace

RunOutput FakeExecutor::Execute(const RunSpec& spec) {
  executed.push_back(spec);
  RunOutput out;
  if (fail_when(spec)) {
    out.error = "the fixture ended with exit code 2";
    return out;
  }
  double wall = FakeWall(spec);
  std::string report = ReportLine(spec.workload, spec.gomaxprocs, wall, spec.workload == "cpu" ? 0.36 : 0.003,
                                  100 * spec.gomaxprocs, 3 + spec.gomaxprocs);
  std::string brackets = fmt::format("[ {} ]", fmt::join(std::vector<int>(spec.gomaxprocs, spec.repeat), " "));
  if (spec.sampled) {
    out.log_text = fmt::format(
        "SCHED 0ms: gomaxprocs={0} idleprocs=0 threads=5 spinningthreads=0 needspinning=0 "
        "idlethreads=1 runqueue={1} {2}\n{3}\nSCHED 1ms: gomaxprocs={0} idleprocs=0 "
        "threads=5 spinningthreads=0 needspinning=0 idlethreads=1 runqueue=0 {2}\n",
        spec.gomaxprocs, 10 * spec.repeat, brackets, report);
  }
  if (spec.workload == "http") {
    out.stdout_lines.push_back("127.0.0.1:4242");
    out.load = SummarizeLoad(5000, 0, 0, 0.25 + 0.05 * spec.gomaxprocs, std::vector<float>(100, 500.0f));
  }
  out.stdout_lines.push_back(report);
  return out;
}

RunOutput FakeServiceExecutor::Execute(const RunSpec& spec) {
  RunOutput out;
  const double cores = std::min(spec.gomaxprocs, 2);
  const int64_t requests = static_cast<int64_t>(1000 * cores) + spec.repeat;
  ServiceReading& reading = out.service.emplace();
  reading.user_seconds = 0.4 / cores;
  reading.sys_seconds = 0.1;
  reading.threads_peak = 4 + spec.gomaxprocs;
  reading.samples = 100;
  reading.metrics_seconds = 0.02;
  if (spec.gomaxprocs <= 2) {
    reading.runnable_peak = 3 * spec.gomaxprocs;
  } else {
    reading.runnable_unmeasured = "the manifest's metrics URL http://127.0.0.1:6060/debug/metrics answers HTTP 500";
  }
  out.load = SummarizeLoad(requests, 0, 0, 2.0, std::vector<float>(100, 400.0f / static_cast<float>(cores)));
  return out;
}

SweepOptions ServiceSweepOptions() {
  SweepOptions options;
  options.service = ServiceLoad{"orders", "/src/orders/leakrig.toml", "POST", "/orders", 4, 0, 2, 0};
  options.repeats = 3;
  NormalizeOptions(&options);
  return options;
}

}  // namespace leakrig::sweep::testing
