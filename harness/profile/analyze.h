// Copyright leakrig authors.
//
// One call from a snapshot to everything `leakrig analyze` reports.

#ifndef LEAKRIG_HARNESS_PROFILE_ANALYZE_H_
#define LEAKRIG_HARNESS_PROFILE_ANALYZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "profile/aggregate.h"
#include "profile/snapshot.h"
#include "profile/states.h"
#include "profile/suspects.h"

namespace leakrig::profile {

struct AnalyzeOptions {
  Similarity similarity = Similarity::kFunctions;
  IgnoreRules ignore;
  ReadingContext context;
};

// A plain-value summary of a snapshot: the record every renderer reads.
struct Analysis {
  DumpFormat format = DumpFormat::kUnknown;
  bool truncated = false;
  bool deadlocked = false;      // see Snapshot::deadlocked
  int64_t declared_total = -1;  // the header's total; -1 when none
  int64_t total = 0;            // goroutines read
  std::vector<StateCount> states;
  std::vector<std::string> readings;
  std::vector<Group> groups;
  // Highest confidence first, then by score; each judged (confidence.h).
  std::vector<Suspect> suspects;
  std::vector<ParseError> errors;
};

Analysis Analyze(const Snapshot& snapshot, const AnalyzeOptions& options);

}  // namespace leakrig::profile

#endif  // LEAKRIG_HARNESS_PROFILE_ANALYZE_H_
