// Deterministic plain-text renderings: of a parsed snapshot (golden files
// compare it, like pprof's Profile.String()), of an analysis and of a diff
// (what `leakrig analyze` and `leakrig diff` print). Same input, same bytes:
// no addresses, no clocks, fixed number formats.

#ifndef LEAKRIG_PROFILE_RENDER_H_
#define LEAKRIG_PROFILE_RENDER_H_

#include <string>
#include <vector>

#include "profile/analyze.h"
#include "profile/by_label.h"
#include "profile/diff.h"
#include "profile/snapshot.h"

namespace leakrig::profile {

// Every record with its parsed fields, one record per paragraph.
std::string RenderSnapshot(const Snapshot& snapshot);

// Format, totals, states, readings, groups, ranked suspects with hints.
std::string RenderAnalysis(const Analysis& analysis);

// Per value of the label: goroutines, groups, and the suspects one line
// each, in rank order: `12 "handler"="/api/orders": 1 groups, 1 suspects`.
std::string RenderLabelSplit(const LabelSplit& split);

// One paragraph per changed signature, largest growth first; unchanged
// signatures are counted, not listed.
std::string RenderDiff(const std::vector<GroupDelta>& deltas);

// "0.500": scores always print with three decimals.
std::string FormatScore(double score);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_RENDER_H_
