#include "sweep/machine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "text/text_scan.h"

namespace leakrig::sweep {
namespace {

using text::ParseDecimal;
using text::TrimSpace;

bool ParseLimit(std::string_view quota_text, std::string_view period_text, std::optional<double>* limit,
                std::string* error) {
  int64_t quota = 0, period = 0;
  if (!ParseDecimal(quota_text, &quota) || !ParseDecimal(period_text, &period) || period == 0) {
    *error = fmt::format("quota \"{}\" and period \"{}\" are not positive numbers", quota_text, period_text);
    return false;
  }
  *limit = static_cast<double>(quota) / static_cast<double>(period);
  return true;
}

}  // namespace

bool ParseCpuMax(std::string_view content, std::optional<double>* limit, std::string* error) {
  content = TrimSpace(content.substr(0, content.find('\n')));
  size_t space = content.find(' ');
  if (space == std::string_view::npos) {
    *error = fmt::format("cpu.max \"{}\" is not \"QUOTA PERIOD\"", content);
    return false;
  }
  std::string_view quota = content.substr(0, space), period = content.substr(space + 1);
  limit->reset();
  if (quota == "max") {
    int64_t ignored = 0;
    if (ParseDecimal(period, &ignored)) return true;
    *error = fmt::format("cpu.max period \"{}\" is not a number", period);
    return false;
  }
  return ParseLimit(quota, period, limit, error);
}

bool ParseCfsQuota(std::string_view quota, std::string_view period, std::optional<double>* limit, std::string* error) {
  quota = TrimSpace(quota.substr(0, quota.find('\n')));
  period = TrimSpace(period.substr(0, period.find('\n')));
  limit->reset();
  if (quota == "-1") return true;
  return ParseLimit(quota, period, limit, error);
}

bool ParseProcStat(std::string_view text, double ticks_per_second, CpuTimes* out, std::string* error) {
  std::string_view line = text.substr(0, text.find('\n'));
  if (!text::ConsumePrefix(&line, "cpu ") || ticks_per_second <= 0) {
    *error = "/proc/stat does not start with \"cpu \"";
    return false;
  }
  // user nice system idle iowait irq softirq steal [guest guest_nice]; guest
  // time is already inside user and nice.
  constexpr bool kBusy[] = {true, true, true, false, false, true, true, true};
  CpuTimes times;
  for (bool busy : kBusy) {
    line = TrimSpace(line);
    int64_t ticks = 0;
    if (!text::ConsumeDecimal(&line, &ticks)) {
      *error = "/proc/stat's cpu line has fewer than 8 numbers";
      return false;
    }
    double seconds = static_cast<double>(ticks) / ticks_per_second;
    times.total_seconds += seconds;
    if (busy) times.busy_seconds += seconds;
  }
  *out = times;
  return true;
}

double BackgroundCores(const CpuTimes& before, const CpuTimes& after, double own_cpu_seconds, double wall_seconds) {
  if (wall_seconds <= 0) return 0;
  double others = after.busy_seconds - before.busy_seconds - own_cpu_seconds;
  return std::max(0.0, others / wall_seconds);
}

std::optional<std::string> ContentionWarning(double background_cores, int cores) {
  // A quarter of a core: more than the idle noise of a quiet machine.
  if (background_cores < 0.25) return std::nullopt;
  return fmt::format(
      "other processes kept {:.1f} of the {} cores busy during the sweep: CPU-bound results are slower and "
      "noisier than on a quiet machine",
      background_cores, cores);
}

int ExpectedGoDefault(int cores, std::optional<double> limit) {
  if (!limit) return cores;
  int capped = std::max(2, static_cast<int>(std::ceil(*limit)));
  return std::min(cores, capped);
}

std::vector<std::string> OversubscriptionWarnings(const std::vector<int>& procs, const Machine& machine) {
  std::vector<std::string> warnings;
  if (machine.cores <= 0) return warnings;
  double cpus = machine.cores;
  std::string what = fmt::format("the {} cores", machine.cores);
  if (machine.cpu_limit && *machine.cpu_limit < cpus) {
    cpus = *machine.cpu_limit;
    what = fmt::format("the cgroup CPU limit of {:.2f} CPUs", cpus);
  }
  for (int p : procs) {
    if (p <= cpus) continue;
    warnings.push_back(
        fmt::format("GOMAXPROCS={} exceeds {}: its results show oversubscription, not more parallelism", p, what));
  }
  return warnings;
}

}  // namespace leakrig::sweep
