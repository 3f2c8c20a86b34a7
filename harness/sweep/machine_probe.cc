#include "sweep/machine_probe.h"

#include <fmt/format.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "edge/files.h"
#include "edge/process.h"
#include "sweep/fixture_executor.h"
#include "sweep/measurement.h"

namespace leakrig::sweep {
namespace {

int AffinityCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) != 0) return 0;
  return CPU_COUNT(&set);
}

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// cgroup v2 first, then v1. Go reads the cgroup of its own process; inside a
// container that is the root these paths show.
void ReadCpuLimit(Machine* m) {
  std::string content, quota, period, error;
  if (edge::ReadFile("/sys/fs/cgroup/cpu.max", &content, &error)) {
    m->cpu_limit_source = "/sys/fs/cgroup/cpu.max: " + FirstLine(content);
    if (!ParseCpuMax(content, &m->cpu_limit, &error)) m->cpu_limit_source += " (" + error + ")";
    return;
  }
  const std::string v1 = "/sys/fs/cgroup/cpu/cpu.cfs_";
  if (edge::ReadFile(v1 + "quota_us", &quota, &error) && edge::ReadFile(v1 + "period_us", &period, &error)) {
    m->cpu_limit_source = fmt::format("{}quota_us: {}, period_us: {}", v1, FirstLine(quota), FirstLine(period));
    if (!ParseCfsQuota(quota, period, &m->cpu_limit, &error)) m->cpu_limit_source += " (" + error + ")";
    return;
  }
  m->cpu_limit_source = "no cgroup cpu.max or cpu.cfs_quota_us found";
}

// Runs the fixture once with GOMAXPROCS unset and reads the value it got.
int ProbeGoDefault(const std::filesystem::path& binary, const std::filesystem::path& log_file) {
  std::error_code ignored;
  std::filesystem::remove(log_file, ignored);
  edge::LaunchSpec spec{binary, {"-workload=sleep", "-goroutines=1", "-sleep=0s", "-sample-every=0"}, {}, {}, log_file};
  std::string error;
  auto child = edge::ChildProcess::Launch(spec, &error);
  if (!child) return 0;
  auto line = child->ReadLine(std::chrono::seconds(10));
  child->Wait(std::chrono::seconds(5));
  if (!line) return 0;
  auto report = ParseFixtureReport(*line, &error);
  return report ? report->gomaxprocs : 0;
}

std::optional<CpuTimes> ReadProcStat() {
  std::string text, error;
  CpuTimes times;
  if (!edge::ReadFile("/proc/stat", &text, &error)) return std::nullopt;
  if (!ParseProcStat(text, static_cast<double>(::sysconf(_SC_CLK_TCK)), &times, &error)) return std::nullopt;
  return times;
}

double Seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

// This process's CPU time plus that of its children once reaped: every
// fixture is reaped at the end of its run.
double OwnCpuSeconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage usage{};
    if (::getrusage(who, &usage) == 0) total += Seconds(usage.ru_utime) + Seconds(usage.ru_stime);
  }
  return total;
}

}  // namespace

BackgroundMeter::BackgroundMeter()
    : start_(ReadProcStat()), own_start_(OwnCpuSeconds()), started_(std::chrono::steady_clock::now()) {}

std::optional<double> BackgroundMeter::BackgroundCores() const {
  std::optional<CpuTimes> now = ReadProcStat();
  if (!start_ || !now) return std::nullopt;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  return sweep::BackgroundCores(*start_, *now, OwnCpuSeconds() - own_start_, wall);
}

Machine ProbeMachine(const std::filesystem::path& binary, const std::filesystem::path& log_file) {
  Machine m;
  m.cores = AffinityCores();
  ReadCpuLimit(&m);
  if (!binary.empty()) m.go_default_gomaxprocs = ProbeGoDefault(binary, log_file);
  return m;
}

}  // namespace leakrig::sweep
