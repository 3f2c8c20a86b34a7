// Suspects from a single dump: the groups that look leaked, ranked, each
// classified into a leak pattern with a one-line fix hint.

#ifndef LEAKRIG_PROFILE_SUSPECTS_H_
#define LEAKRIG_PROFILE_SUSPECTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "profile/aggregate.h"
#include "profile/confidence.h"
#include "profile/snapshot.h"

namespace leakrig::profile {

// The user's own exclusions, like goleak's IgnoreTopFunction and
// IgnoreCreatedBy. An entry ending in '*' matches by prefix.
struct IgnoreRules {
  std::vector<std::string> top_functions;
  std::vector<std::string> created_by;

  bool Matches(const Group& group) const;
};

struct Suspect {
  Group group;
  std::string pattern;  // e.g. "send with no receiver" (leak_patterns.cc)
  std::string hint;     // one line: what usually fixes it
  double score = 0;     // higher is more suspicious; rounded to 0.001
  // Set by Analyze (confidence.h); FindSuspects leaves every one possible.
  Confidence confidence = Confidence::kPossible;
  Evidence evidence;
};

// Goroutines that are idle by design, as goleak ignores them: the runtime's
// workers, os/signal's goroutines (its loop, NotifyContext's watcher), the test
// framework's runner goroutines, an HTTP server's accept loop and idle
// keep-alive connections, and the goroutine writing the profile.
bool IsBackgroundGoroutine(const Group& group);

// The pattern a blocked group matches; `hint` says how such leaks are fixed.
struct LeakPattern {
  std::string_view name;
  std::string_view hint;
};
LeakPattern ClassifyLeak(const Group& group);

// Ranks the groups blocked on channels, select, locks, WaitGroups and Conds
// (plus, in formats without states, the unknown ones, lower). Scores grow
// with the count, the blocked minutes and a leak-GC verdict. Highest first,
// ties by count then signature.
std::vector<Suspect> FindSuspects(const std::vector<Group>& groups, const IgnoreRules& rules);

// Aggregates at Similarity::kFunctions, then ranks.
std::vector<Suspect> FindSuspects(const Snapshot& snapshot, const IgnoreRules& rules);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_SUSPECTS_H_
