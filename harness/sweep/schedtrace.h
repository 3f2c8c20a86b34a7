// Reads the scheduler trace the Go runtime prints to stderr every MS
// milliseconds under GODEBUG=schedtrace=MS. Go 1.26 prints:
//
//   SCHED 1007ms: gomaxprocs=4 idleprocs=0 threads=5 spinningthreads=0 needspinning=1 idlethreads=0 runqueue=590 [ 158
//   92 78 78 ] schedticks=[ 53 52 51 52 ]
//
// `runqueue` is the global run queue, the bracket the per-P local queues.
// Older runtimes print the bracket without inner spaces (`[2 0]`), no
// `schedticks`, and before Go 1.21 no `needspinning`; all are accepted.
// With scheddetail=1 the line has no bracket and P/M/G lines follow; those
// lines do not start with "SCHED" and are skipped like any other output.
#ifndef LEAKRIG_SWEEP_SCHEDTRACE_H_
#define LEAKRIG_SWEEP_SCHEDTRACE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leakrig::sweep {

// One SCHED line.
struct SchedSample {
  int64_t ms = 0;  // since the runtime started
  int64_t gomaxprocs = 0;
  int64_t idleprocs = 0;
  int64_t threads = 0;
  int64_t spinningthreads = 0;
  std::optional<int64_t> needspinning;  // Go 1.21+
  int64_t idlethreads = 0;
  int64_t runqueue = 0;                  // the global run queue
  std::vector<int64_t> local_runqueues;  // one per P; empty with scheddetail=1
  std::vector<int64_t> schedticks;       // one per P; empty before Go 1.25
};

struct SchedTraceError {
  int64_t line = 0;  // 1-based, in the text given to ParseSchedTrace
  std::string message;
};

struct SchedTrace {
  std::vector<SchedSample> samples;
  std::vector<SchedTraceError> errors;  // SCHED lines that did not parse
  // The text ended inside a line: the process exited while the runtime was
  // printing it (it prints a line in many small writes). That line is left
  // out, and is not an error.
  bool cut_last_line = false;
};

// Parses one line that starts with "SCHED ". Returns nullopt and sets *error
// when the line is malformed: no "SCHED <N>ms:", a counter missing or not a
// number, a word that is not key=value, a [ list not closed. Unknown
// key=value fields are ignored, so that a runtime adding one does not break
// the parse.
std::optional<SchedSample> ParseSchedLine(std::string_view line, std::string* error);

// Parses every line of `text` that starts with "SCHED "; other lines (the
// program's own stderr, scheddetail's P/M/G lines) are skipped, and so is a
// last line without its newline (see cut_last_line).
SchedTrace ParseSchedTrace(std::string_view text);

// The largest global and the largest per-P run queue over all samples.
struct RunQueuePeaks {
  int64_t global = 0;
  int64_t per_p = 0;
  int64_t samples = 0;
};
RunQueuePeaks PeakRunQueues(const std::vector<SchedSample>& samples);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_SCHEDTRACE_H_
