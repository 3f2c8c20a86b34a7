// What a growth means in the units an operator plans with: goroutines per
// minute, per 1,000 requests, and the time left before a limit.

#ifndef LEAKRIG_WATCH_RATES_H_
#define LEAKRIG_WATCH_RATES_H_

#include <optional>
#include <vector>

#include "watch/growth.h"

namespace leakrig::watch {

struct Rates {
  std::optional<double> per_minute;
  // Only when the completed requests are known and changed over the span.
  std::optional<double> per_1000_requests;
};

// Theil–Sen slopes of the points whose time lies in [from, to]: against
// time, and against completed requests. Nullopt with fewer than two points.
Rates GrowthRates(const std::vector<SeriesPoint>& points, double from, double to);

// Seconds until `current` reaches `limit` at `per_second`; nullopt when it
// does not grow, 0 when it is already there.
std::optional<double> SecondsToReach(double current, double per_second, double limit);

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_RATES_H_
