// The public API of leakrig_profile, the goroutine dump analysis engine.
// Pure: every function takes bytes or parsed values and returns values;
// nothing here reads files, clocks or the network.
//
//   Snapshot s = ParseDump(bytes);                  // any dump format
//   std::vector<Group> g = Aggregate(s, Similarity::kFunctions);
//   std::vector<GroupDelta> d = Diff(before, after, Similarity::kFunctions);
//   std::vector<Suspect> x = FindSuspects(s, IgnoreRules{});
//   Analysis a = Analyze(s, AnalyzeOptions{});      // suspects judged
//   std::string why = WhyNotADump(bytes, s);        // "" for a dump

#ifndef LEAKRIG_PROFILE_ANALYSIS_H_
#define LEAKRIG_PROFILE_ANALYSIS_H_

#include "profile/aggregate.h"   // IWYU pragma: export
#include "profile/analyze.h"     // IWYU pragma: export
#include "profile/by_label.h"    // IWYU pragma: export
#include "profile/confidence.h"  // IWYU pragma: export
#include "profile/diff.h"        // IWYU pragma: export
#include "profile/not_a_dump.h"  // IWYU pragma: export
#include "profile/parse_dump.h"  // IWYU pragma: export
#include "profile/render.h"      // IWYU pragma: export
#include "profile/snapshot.h"    // IWYU pragma: export
#include "profile/states.h"      // IWYU pragma: export
#include "profile/suspects.h"    // IWYU pragma: export

#endif  // LEAKRIG_PROFILE_ANALYSIS_H_
