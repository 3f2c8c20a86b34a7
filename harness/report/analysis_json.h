// The JSON of `analyze` and `diff` (and of the analysis in `watch`'s report):
// what a goroutine dump says, as profile/ computed it.
#ifndef LEAKRIG_REPORT_ANALYSIS_JSON_H_
#define LEAKRIG_REPORT_ANALYSIS_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "profile/analysis.h"
#include "profile/by_label.h"
#include "profile/diff.h"

namespace leakrig::report {

// The JSON of one group: signature, count, wait_reason, top_function,
// location, created_by, created_at, blocked_minutes {min, max}, labels
// {key: value}, stack, leaked.
nlohmann::json GroupJson(const profile::Group& group);

// A suspect: its group's fields, then pattern, hint, score, confidence, evidence.
nlohmann::json SuspectJson(const profile::Suspect& suspect);

// The whole analysis: format, truncated, total, declared_total, states,
// readings, groups, suspects (group fields + pattern, hint, score), errors,
// warnings (both lists of {line, message}; warnings never fail a dump).
nlohmann::json AnalysisJson(const profile::Analysis& analysis);

// {"key": K, "buckets": [{"value": V or null when the label is missing,
// "count", "groups", "suspects": [...]}]}
nlohmann::json LabelSplitJson(const profile::LabelSplit& split);

// One side of `diff`: format, truncated, total, errors (their number).
nlohmann::json SideJson(const profile::Snapshot& s);

// `diff`'s groups: the group's fields, then before, after, delta, change.
nlohmann::json DeltasJson(const std::vector<profile::GroupDelta>& deltas);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_ANALYSIS_JSON_H_
