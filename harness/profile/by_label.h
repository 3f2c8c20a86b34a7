// An analysis split by one pprof label's value: which endpoint (tenant,
// handler, ...) the goroutines and the suspects belong to. Groups are keyed
// by label set (aggregate.h), so every group falls in exactly one bucket.

#ifndef LEAKRIG_PROFILE_BY_LABEL_H_
#define LEAKRIG_PROFILE_BY_LABEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "profile/analyze.h"
#include "profile/suspects.h"

namespace leakrig::profile {

// The goroutines whose label `key` has one value, or (has_label false) the
// goroutines without that label.
struct LabelBucket {
  std::string value;  // "" for the bucket without the label
  bool has_label = true;
  int64_t count = 0;              // goroutines
  int64_t groups = 0;             // groups of the analysis in the bucket
  std::vector<Suspect> suspects;  // in the analysis's rank order
};

struct LabelSplit {
  std::string key;
  std::vector<LabelBucket> buckets;
};

// Buckets sorted by count (highest first), then value; the bucket without
// the label, if any goroutine lacks it, comes last. O(groups × labels).
LabelSplit SplitByLabel(const Analysis& analysis, std::string_view key);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_BY_LABEL_H_
