// Everything a finished watch knows (report/watch_json.h writes it as
// JSON), and the same watch as the record of a scenario run.

#ifndef LEAKRIG_WATCH_WATCH_RESULT_H_
#define LEAKRIG_WATCH_WATCH_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "verdict/result.h"
#include "watch/cost.h"
#include "watch/watcher.h"

namespace leakrig::watch {

// What the Go 1.26 runtime's leak detector (/debug/pprof/goroutineleak)
// said at the last reading.
struct LeakProfileReading {
  bool available = false;  // the target served it
  int64_t leaked = 0;      // goroutines proven unreachable
  double seconds = -1;     // when it was read, since the watch started
  struct Stack {
    std::string top_function;
    int64_t count = 0;
  };
  std::vector<Stack> stacks;  // largest first, at most 10
};

struct WatchResult {
  std::string url;        // as given
  std::string host_port;  // "127.0.0.1:6060"
  double interval_seconds = 0;
  double duration_seconds = 0;   // how long it actually watched
  bool stopped_at_leak = false;  // --until-leak ended it
  bool unreachable = false;      // the target stopped answering
  std::string stop_reason;       // "duration reached", "interrupted", ...
  int64_t full_dumps = 0;        // debug=2 dumps taken
  // The longest interval the cost budget stretched to; 0 when it never did.
  double longest_interval_seconds = 0;
  WatchSummary summary;
  WatchCost cost;
  LeakProfileReading leak_profile;
  std::optional<verdict::LoadSummary> load;
  std::optional<double> load_started, load_ended;  // seconds since the start
  std::vector<std::string> errors;                 // failed requests and unreadable profiles, first 20
};

// The record a scenario run writes as verdict.json (README schema), so
// that scripts/report draws a watch like a run: scenario "watch", variant
// the target's folder name, expected "clean". Artifacts are left empty.
verdict::VariantResult ToVariantResult(const WatchResult& result);

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_WATCH_RESULT_H_
