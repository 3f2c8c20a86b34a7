// A finished watch as JSON (`leakrig watch --json`, watch.json): the
// `leakrig analyze --json` record of the most telling dump read, then the
// watch's own keys: verdict, reason, watch, stacks, series, cost,
// goroutineleak and load.

#ifndef LEAKRIG_REPORT_WATCH_JSON_H_
#define LEAKRIG_REPORT_WATCH_JSON_H_

#include <nlohmann/json.hpp>

#include "watch/watch_result.h"

namespace leakrig::report {

// `analysis` (AnalysisJson of the dump) is copied in first, so the result
// reads as an `analyze --json` record too.
nlohmann::ordered_json WatchJson(const watch::WatchResult& result, const nlohmann::json& analysis);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_WATCH_JSON_H_
