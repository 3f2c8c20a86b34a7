#include "watch/cost.h"

#include <algorithm>
#include <vector>

#include "verdict/stats.h"

namespace leakrig::watch {

void RequestTimes::Record(double seconds) {
  ++count_;
  total_ += seconds;
  max_ = std::max(max_, seconds);
  recent_.Push(seconds);
}

double RequestTimes::Percentile(double fraction) const {
  std::vector<double> values;
  recent_.CopyLast(recent_.size(), &values);
  return verdict::Percentile(std::move(values), fraction);
}

double RequestTimes::RecentLowest(size_t n) const {
  std::vector<double> values;
  recent_.CopyLast(n, &values);
  return values.empty() ? 0 : *std::min_element(values.begin(), values.end());
}

double WatchCost::total_seconds() const {
  return cheap.total_seconds() + full.total_seconds() + leak_profile.total_seconds() + memory.total_seconds();
}

double WatchCost::busy_share() const { return elapsed_seconds > 0 ? total_seconds() / elapsed_seconds : 0; }

}  // namespace leakrig::watch
