// What watching costs the target: the time of every profile request. A
// debug=2 dump stops the world while it formats every stack, so its request
// time bounds the pause the watch caused; the cheap debug=0 count does not
// stop the world for its whole duration, so its time is an upper bound.

#ifndef LEAKRIG_WATCH_COST_H_
#define LEAKRIG_WATCH_COST_H_

#include <cstdint>
#include <string_view>

#include "watch/series.h"

namespace leakrig::watch {

// Durations of one kind of request: exact count, sum and maximum over the
// whole watch; percentiles over the last 1,024 requests (bounded memory).
class RequestTimes {
 public:
  RequestTimes() : recent_(1024) {}
  void Record(double seconds);
  int64_t count() const { return count_; }
  double total_seconds() const { return total_; }
  double max_seconds() const { return max_; }
  // The fastest of the last `n` requests: what one costs the target. A busy
  // machine only adds waits to a request; none is faster than its work.
  double RecentLowest(size_t n) const;
  double Percentile(double fraction) const;

 private:
  int64_t count_ = 0;
  double total_ = 0;
  double max_ = 0;
  Ring<double> recent_;
};

struct WatchCost {
  RequestTimes cheap;         // goroutine?debug=0, every interval
  RequestTimes full;          // goroutine?debug=2, when growth fires
  RequestTimes leak_profile;  // goroutineleak?debug=1 (runs a GC)
  RequestTimes memory;        // heap?debug=1 (reads MemStats: a short stop)
  int64_t failures = 0;
  double elapsed_seconds = 0;  // of the watch
  double total_seconds() const;
  // Share of the watch's wall time spent in profile requests.
  double busy_share() const;
};

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_COST_H_
