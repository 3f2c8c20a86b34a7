#include "watch/rates.h"

#include "watch/trend.h"

namespace leakrig::watch {

Rates GrowthRates(const std::vector<SeriesPoint>& points, double from, double to) {
  std::vector<double> seconds, requests, counts;
  bool requests_known = true;
  for (const SeriesPoint& p : points) {
    if (p.seconds < from || p.seconds > to) continue;
    seconds.push_back(p.seconds);
    counts.push_back(static_cast<double>(p.count));
    requests.push_back(p.requests);
    requests_known = requests_known && p.requests >= 0;
  }
  Rates rates;
  if (Line by_time = TheilSen(seconds, counts); by_time.valid) rates.per_minute = by_time.slope * 60;
  if (!requests_known) return rates;
  if (Line by_requests = TheilSen(requests, counts); by_requests.valid) {
    rates.per_1000_requests = by_requests.slope * 1000;
  }
  return rates;
}

std::optional<double> SecondsToReach(double current, double per_second, double limit) {
  if (current >= limit) return 0.0;
  if (per_second <= 0) return std::nullopt;
  return (limit - current) / per_second;
}

}  // namespace leakrig::watch
