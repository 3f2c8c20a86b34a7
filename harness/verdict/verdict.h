// The verdict rules: from a measured goroutine series to leak, lingering or clean.
#ifndef LEAKRIG_VERDICT_VERDICT_H_
#define LEAKRIG_VERDICT_VERDICT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leakrig::verdict {

// kSkipped: the variant cannot exist on this Go (the runtime refused a
// GODEBUG setting it removed); never an expectation.
enum class Verdict { kLeak, kLingering, kClean, kError, kSkipped };
std::string_view VerdictName(Verdict verdict);
std::optional<Verdict> ParseVerdict(std::string_view name);

// The phases of a scenario run, in order.
enum class Phase { kBaseline, kLoad, kDrain, kFinal };
std::string_view PhaseName(Phase phase);

struct Sample {
  double seconds = 0;  // since the run started
  int64_t goroutines = 0;
  Phase phase = Phase::kBaseline;
};

struct Series {
  std::vector<Sample> samples;  // in time order
  double load_started = 0;      // seconds since the run started
  double load_ended = 0;
};

struct Thresholds {
  // Goroutines above the baseline that never count as a leak: timers, the
  // runtime's workers, one last connection still closing.
  int64_t slack = 8;
  // Extra tolerance for each request served, for services that keep a small
  // bounded cache of goroutines that grows with traffic.
  double slack_per_request = 0.002;
  // A clean server under N keep-alive connections holds about 2N extra
  // goroutines while load runs (a conn.serve and a handler each, more when a
  // handler fans out), and none once the requests are done. More than this
  // many per connection still there after the load means work outlived its
  // requests.
  double lingering_per_connection = 4;

  // Goroutines above the baseline still judged clean once a load over
  // `connections` keep-alive connections is over: slack + 4 per connection.
  int64_t LingeringLimit(int connections) const {
    return slack + static_cast<int64_t>(lingering_per_connection * connections);
  }
};

struct GoroutineCounts {
  int64_t baseline = 0;  // median of the baseline samples
  int64_t peak = 0;      // highest sample
  int64_t final = 0;     // lowest sample of the final phase
};

struct Judgement {
  Verdict verdict = Verdict::kError;
  std::string reason;  // one sentence with the numbers behind the verdict
  GoroutineCounts counts;
  int64_t tolerance = 0;  // the excess over baseline still judged clean
  // Seconds from the start of load to the first sample that already showed
  // more goroutines than a clean server could hold (see Thresholds).
  std::optional<double> detect_seconds;
};

// leak: the final count exceeds the baseline by more than the tolerance
//       (slack + slack_per_request × requests);
// lingering: the final count is back within the tolerance, but a sample
//       taken after the load ended (every request answered, every connection
//       closed) still exceeded the baseline by more than
//       slack + lingering_per_connection × concurrency;
// clean: neither. A busy peak during the load alone is clean.
// A series without baseline or final samples is an error.
Judgement JudgeGoroutines(const Series& series, int64_t requests, int concurrency, const Thresholds& thresholds = {});

// The live heap after a forced GC, before the load and after the drain.
struct HeapReading {
  int64_t baseline_bytes = -1;  // -1: not measured
  int64_t final_bytes = -1;
};

struct HeapThresholds {
  int64_t slack_bytes = 4 << 20;    // allocator and runtime noise
  int64_t bytes_per_request = 256;  // small caches that grow with traffic
};

// leak: after a GC the live heap stays above the baseline by more than
// slack_bytes + bytes_per_request × requests; clean otherwise; error
// without both readings. For memory that outlives requests without any
// goroutine holding it (pending timers under GODEBUG=asynctimerchan=1).
Judgement JudgeHeap(const HeapReading& heap, int64_t requests, const HeapThresholds& thresholds = {});

}  // namespace leakrig::verdict

#endif  // LEAKRIG_VERDICT_VERDICT_H_
