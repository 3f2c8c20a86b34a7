#include "verdict/attribution.h"

#include <algorithm>
#include <regex>

#include "profile/suspects.h"

namespace leakrig::verdict {

std::vector<SuspectReport> GrowingStacks(const std::vector<profile::GroupDelta>& deltas, size_t limit) {
  std::vector<SuspectReport> out;
  for (const profile::GroupDelta& d : deltas) {
    if (out.size() >= limit) break;
    if (d.delta <= 0 || profile::IsBackgroundGoroutine(d.group)) continue;
    const profile::Group& g = d.group;
    profile::LeakPattern pattern = profile::ClassifyLeak(g);
    out.push_back({g.top_function, g.wait_reason, g.created_by, g.location, d.before, d.after,
                   std::string(pattern.name), std::string(pattern.hint)});
  }
  return out;
}

bool Matches(const SuspectReport& suspect, const ExpectedSuspect& expected) {
  if (!expected.function_regex.empty()) {
    std::regex pattern(expected.function_regex);
    if (!std::regex_search(suspect.top_function, pattern)) return false;
  }
  if (expected.wait_reasons.empty()) return true;
  return std::find(expected.wait_reasons.begin(), expected.wait_reasons.end(), suspect.wait_reason) !=
         expected.wait_reasons.end();
}

}  // namespace leakrig::verdict
