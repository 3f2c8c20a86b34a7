#include "edge/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace leakrig::edge {
namespace {

constexpr int kSubBucketBits = 10;  // 1,024 buckets per power of two
constexpr int64_t kSubBuckets = int64_t{1} << kSubBucketBits;
constexpr int64_t kLargest = int64_t{1} << 40;     // about 1,100 s in ns
constexpr size_t kBucketCount = 32 * kSubBuckets;  // index of kLargest - 1 is 32,767

// Values below 2 * kSubBuckets are their own index. Above, a value with
// `shift` bits more than kSubBucketBits + 1 keeps its top 11 bits `sub`
// (1,024..2,047) and lands at kSubBuckets * shift + sub: contiguous with the
// exact range, since 2,048 has shift 1 and sub 1,024.
size_t IndexOf(int64_t value) {
  if (value < 2 * kSubBuckets) return static_cast<size_t>(value);
  const int shift = std::bit_width(static_cast<uint64_t>(value)) - (kSubBucketBits + 1);
  const int64_t sub = value >> shift;
  return static_cast<size_t>(kSubBuckets * shift + sub);
}

// The middle of bucket `index`'s range of values.
double MiddleOf(size_t index) {
  const auto i = static_cast<int64_t>(index);
  if (i < 2 * kSubBuckets) return static_cast<double>(i);
  const int64_t shift = i / kSubBuckets - 1;
  const int64_t sub = i - kSubBuckets * shift;
  const int64_t lowest = sub << shift;
  return static_cast<double>(lowest) + static_cast<double>((int64_t{1} << shift) - 1) / 2;
}

}  // namespace

LatencyHistogram::LatencyHistogram() : counts_(kBucketCount, 0) {}

void LatencyHistogram::Record(int64_t nanos) {
  nanos = std::clamp<int64_t>(nanos, 0, kLargest - 1);
  ++counts_[IndexOf(nanos)];
  min_ = count_ ? std::min(min_, nanos) : nanos;
  max_ = std::max(max_, nanos);
  ++count_;
}

void LatencyHistogram::Add(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  min_ = count_ ? std::min(min_, other.min_) : other.min_;
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
}

double LatencyHistogram::ValueAtRank(int64_t rank) const {
  if (rank <= 0) return static_cast<double>(min_);
  if (rank >= count_ - 1) return static_cast<double>(max_);
  int64_t seen = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen > rank) return std::clamp(MiddleOf(i), static_cast<double>(min_), static_cast<double>(max_));
  }
  return static_cast<double>(max_);
}

double LatencyHistogram::Percentile(double fraction) const {
  if (count_ == 0) return 0;
  const double rank = std::clamp(fraction, 0.0, 1.0) * static_cast<double>(count_ - 1);
  const auto lower = static_cast<int64_t>(std::floor(rank));
  const double low = ValueAtRank(lower);
  const double weight = rank - static_cast<double>(lower);
  if (weight == 0) return low;
  return low + (ValueAtRank(lower + 1) - low) * weight;
}

}  // namespace leakrig::edge
