// Order statistics for latencies, repeats and noisy samples.
#ifndef LEAKRIG_VERDICT_STATS_H_
#define LEAKRIG_VERDICT_STATS_H_

#include <vector>

namespace leakrig::verdict {

// The value below which `fraction` (0..1) of the values lie, interpolated
// linearly between the two nearest ranks. 0 for no values.
double Percentile(std::vector<double> values, double fraction);
// The same on values already sorted ascending; no copy.
double PercentileOfSorted(const std::vector<double>& sorted, double fraction);
double Median(std::vector<double> values);

// `value` rounded to `digits` decimals, for figures in JSON reports.
double Round(double value, int digits = 3);

}  // namespace leakrig::verdict

#endif  // LEAKRIG_VERDICT_STATS_H_
