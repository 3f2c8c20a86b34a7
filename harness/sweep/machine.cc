#include "sweep/machine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "harness/profile/text_scan.h"

namespace leakrig::sweep {
namespace {

using profile::ParseDecimal;
using profile::TrimSpace;

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

bool ParseCfsQuota(std::string_view quota, std::string_view period, std::optional<double>* limit,
                   std::string* error) {
  quota = TrimSpace(quota.substr(0, quota.find('\n')));
  period = TrimSpace(period.substr(0, period.find('\n')));
  limit->reset();
  if (quota == "-1") return true;
  return ParseLimit(quota, period, limit, error);
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
    warnings.push_back(fmt::format(
        "GOMAXPROCS={} exceeds {}: its results show oversubscription, not more parallelism", p, what));
  }
  return warnings;
}

}  // namespace leakrig::sweep
