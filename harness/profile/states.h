// The state distribution of a snapshot and the readings people take from
// it, phrased as observations with their numbers rather than verdicts.

#ifndef LEAKRIG_PROFILE_STATES_H_
#define LEAKRIG_PROFILE_STATES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "profile/aggregate.h"
#include "profile/snapshot.h"

namespace leakrig::profile {

struct StateCount {
  std::string state;  // "chan send", "running", ...; "unknown" when absent
  int64_t count = 0;
};

// Goroutines per status or wait reason, most common first, then by name.
// Formats without states (debug=1, proto) give one "unknown" row.
std::vector<StateCount> CountStates(const Snapshot& snapshot);

// What the dump cannot say but the caller may know.
struct ReadingContext {
  int gomaxprocs = 0;  // 0: unknown
};

// Observations such as "41% of goroutines (410 of 1000) wait on I/O or in
// syscalls". Deterministic: fixed order, integer percentages.
std::vector<std::string> Readings(const Snapshot& snapshot, const std::vector<StateCount>& states,
                                  const std::vector<Group>& groups, const ReadingContext& context);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_STATES_H_
