// Names the stacks behind a goroutine growth, from a diff of two snapshots.
#ifndef LEAKRIG_VERDICT_ATTRIBUTION_H_
#define LEAKRIG_VERDICT_ATTRIBUTION_H_

#include <string>
#include <vector>

#include "profile/analysis.h"
#include "verdict/result.h"

namespace leakrig::verdict {

// The grown stacks of `deltas`, most grown first, at most `limit`. The
// runtime's and the HTTP server's own idle goroutines are left out.
std::vector<SuspectReport> GrowingStacks(const std::vector<profile::GroupDelta>& deltas, size_t limit);

struct ExpectedSuspect {
  std::string function_regex;             // ECMAScript regex, searched in top_function
  std::vector<std::string> wait_reasons;  // any of them; empty accepts any
  bool empty() const { return function_regex.empty() && wait_reasons.empty(); }
};

bool Matches(const SuspectReport& suspect, const ExpectedSuspect& expected);

}  // namespace leakrig::verdict

#endif  // LEAKRIG_VERDICT_ATTRIBUTION_H_
