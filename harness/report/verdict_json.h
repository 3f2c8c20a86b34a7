// verdict.json and summary.json: the machine-readable record of a run.
#ifndef LEAKRIG_REPORT_VERDICT_JSON_H_
#define LEAKRIG_REPORT_VERDICT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "profile/aggregate.h"
#include "verdict/result.h"

namespace leakrig::report {

// The fields named in the README's verdict.json section; names stay stable,
// later fields are only added. Seconds are rounded to milliseconds.
// requests, errors, non_2xx, seconds, rps, status {code: count}, latency_ms
// {p50, p90, p99, max}: a run's "load", the watch report's "load" and what
// `leakrig load --json` prints.
nlohmann::ordered_json LoadToJson(const verdict::LoadSummary& load);

nlohmann::ordered_json VerdictToJson(const verdict::VariantResult& result);

// One row per variant, the overall `passed`, and `complete`: false when the
// run was interrupted and the rows after the interrupt are missing verdicts.
nlohmann::ordered_json SummaryToJson(const std::vector<verdict::VariantResult>& results, const verdict::GoInfo& go,
                                     bool complete = true);

// states.json: {wait reason: goroutines}, "unknown" where the format has no reason.
std::string StatesJson(const std::vector<profile::Group>& groups);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_VERDICT_JSON_H_
