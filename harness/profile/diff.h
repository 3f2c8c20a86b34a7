// Comparing two snapshots signature by signature.

#ifndef LEAKRIG_PROFILE_DIFF_H_
#define LEAKRIG_PROFILE_DIFF_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "profile/aggregate.h"

namespace leakrig::profile {

enum class Change { kNew, kGone, kGrown, kShrunk, kSame };

// "new", "gone", "grown", "shrunk", "same".
std::string_view ChangeName(Change change);

struct GroupDelta {
  // The after snapshot's largest group with this signature (the before
  // snapshot's when the signature is gone), its count set to `after` (or
  // `before`) summed over wait reasons and labels.
  Group group;
  int64_t before = 0;
  int64_t after = 0;
  int64_t delta = 0;  // after - before
  Change change = Change::kSame;
};

// Matches groups by signature alone, so a debug=1 and a debug=2 snapshot
// compare at kFunctions even though debug=1 has no wait reasons. Sorted by
// delta (largest growth first), then by after, then signature.
std::vector<GroupDelta> Diff(const Snapshot& before, const Snapshot& after, Similarity similarity);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_DIFF_H_
