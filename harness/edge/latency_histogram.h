// A fixed-size log-linear latency histogram (HdrHistogram's layout): the load
// driver records every response into it, so memory stays bounded however long
// the load runs, and threads merge theirs by adding counts.
#ifndef LEAKRIG_EDGE_LATENCY_HISTOGRAM_H_
#define LEAKRIG_EDGE_LATENCY_HISTOGRAM_H_

#include <cstdint>
#include <vector>

namespace leakrig::edge {

// Values are nanoseconds. Below 2,048 ns each value has its own bucket; above,
// every power of two is cut into 1,024 equal buckets, so a reported value is
// within 1/2,048 (0.05%) of the value recorded. Values over about 1,100 s
// (2^40 ns) count as 2^40 ns. The smallest and largest values are kept exactly.
// Memory: 32,768 counters (256 KiB), whatever the number of values.
class LatencyHistogram {
 public:
  static constexpr double kRelativePrecision = 1.0 / 2048;

  LatencyHistogram();

  void Record(int64_t nanos);
  void Add(const LatencyHistogram& other);

  int64_t count() const { return count_; }
  int64_t min() const { return count_ ? min_ : 0; }
  int64_t max() const { return max_; }

  // The `fraction` percentile as a sorted vector of every value would give it
  // (linear between the two nearest ranks), to within kRelativePrecision.
  double Percentile(double fraction) const;

 private:
  double ValueAtRank(int64_t rank) const;  // rank 0 is the smallest value

  std::vector<int64_t> counts_;
  int64_t count_ = 0;
  int64_t min_ = 0;
  int64_t max_ = 0;
};

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_LATENCY_HISTOGRAM_H_
