// One call from a snapshot to everything `leakrig analyze` reports.

#ifndef LEAKRIG_PROFILE_ANALYZE_H_
#define LEAKRIG_PROFILE_ANALYZE_H_

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

// What the suspects' counts were judged against.
enum class Basis {
  kOneDump,   // the shape of one dump
  kTwoDumps,  // the second of two dumps, and its growth since the first
  kDelta,     // a delta profile: counts are changes over delta_seconds
};

// A plain-value summary of a snapshot: the record every renderer reads.
struct Analysis {
  Basis basis = Basis::kOneDump;
  int64_t before_total = -1;  // kTwoDumps: goroutines in the first dump
  double delta_seconds = 0;   // kDelta: the window
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
  std::vector<ParseError> warnings;  // Snapshot::warnings
};

// One dump; a delta profile (kProtoDelta) is judged by its growth alone,
// only stacks that grew are suspects, and it has no state readings.
Analysis Analyze(const Snapshot& snapshot, const AnalyzeOptions& options);

// `after` judged as Analyze does, and each suspect's growth since `before`
// too: a stack that grew by many and was blocked in both is likely.
std::string_view BasisName(Basis basis);  // "one dump", "two dumps", "delta"

Analysis AnalyzeGrowth(const Snapshot& before, const Snapshot& after, const AnalyzeOptions& options);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_ANALYZE_H_
