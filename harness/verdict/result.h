// The record of one scenario variant's run: what every reporter reads.
#ifndef LEAKRIG_VERDICT_RESULT_H_
#define LEAKRIG_VERDICT_RESULT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "verdict/verdict.h"

namespace leakrig::verdict {

// A stack that grew between the baseline and the final snapshot.
struct SuspectReport {
  std::string top_function;
  std::string wait_reason;
  std::string created_by;
  std::string location;  // file:line of top_function
  int64_t count_baseline = 0;
  int64_t count_final = 0;
  std::string pattern;  // the leak pattern it matches, e.g. "send with no receiver"
  std::string hint;     // one line: what usually fixes it
};

struct LoadSummary {
  int64_t requests = 0;
  int64_t errors = 0;
  int64_t non_2xx = 0;
  double seconds = 0;
  double rps = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;  // from each request's send
  // From when each request was due, at a fixed rate (coordinated omission
  // corrected, as wrk2 does); the same as the above when the load is unpaced.
  double due_p50_ms = 0, due_p90_ms = 0, due_p99_ms = 0, due_max_ms = 0;
  std::map<long, int64_t> status_counts;  // HTTP status -> responses
};

// What the runtime's own detector (Go 1.26 and later) (/debug/pprof/goroutineleak) says
// at the end of a run, next to leakrig's verdict.
struct RuntimeLeakReading {
  bool available = false;  // the fixture served the profile
  int64_t leaked = 0;      // goroutines the leak GC proved unreachable
  bool agrees = false;     // AgreesWith(the verdict)

  // The runtime and leakrig say the same: goroutines leaked exactly when the verdict is leak.
  bool AgreesWith(Verdict verdict) const { return available && (leaked > 0) == (verdict == Verdict::kLeak); }
};

// The Go that built and ran the fixtures, as the toolchain reported it.
struct GoInfo {
  std::string version;       // `go env GOVERSION`: "go1.27.3"
  std::string leak_profile;  // "built in", "GOEXPERIMENT=goroutineleakprofile", "not available"
};

struct VariantResult {
  std::string scenario;
  std::string variant;
  GoInfo go;
  Verdict expected = Verdict::kClean;
  Verdict verdict = Verdict::kError;
  bool passed = false;
  std::string reason;  // why this verdict, or what went wrong for `error`
  Series series;
  GoroutineCounts counts;
  std::optional<double> detect_seconds;
  HeapReading heap;
  RuntimeLeakReading runtime_leak_profile;
  std::vector<SuspectReport> suspects;  // most grown first
  bool suspect_matched = false;         // the top suspect is the manifest's
  LoadSummary load;
  std::map<std::string, std::string> artifacts;  // name -> path relative to the run folder
};

// Rate and latency percentiles of a load: `latency_us` holds one entry per
// response, in any order.
LoadSummary SummarizeLoad(int64_t requests, int64_t errors, int64_t non_2xx, double seconds,
                          const std::vector<float>& latency_us);

// A run's verdict passes when it is the expected one and, for a leak or a
// lingering run with an expected suspect, the top suspect is that suspect;
// a skipped variant passes, since the toolchain ruled it out.
bool Passes(const VariantResult& result, bool suspect_expected);

}  // namespace leakrig::verdict

#endif  // LEAKRIG_VERDICT_RESULT_H_
