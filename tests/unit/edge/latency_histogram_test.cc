#include "edge/latency_histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "edge/load_summary.h"
#include "verdict/stats.h"

namespace leakrig::edge {
namespace {

// The percentile a sorted vector of every value gives (the driver's figures before the histogram).
double Exact(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  return verdict::PercentileOfSorted(values, fraction);
}

TEST(LatencyHistogramTest, EmptyHistogramReportsZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0);
  EXPECT_EQ(h.Percentile(0.99), 0);
  EXPECT_EQ(h.max(), 0);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram h;
  for (int64_t v : {5, 1, 2047, 3}) h.Record(v);
  EXPECT_EQ(h.min(), 1);
  EXPECT_EQ(h.max(), 2047);
  EXPECT_DOUBLE_EQ(h.Percentile(0.5), Exact({5, 1, 2047, 3}, 0.5));
}

TEST(LatencyHistogramTest, PercentilesMatchSortedValuesWithinPrecision) {
  std::mt19937_64 random(42);
  std::lognormal_distribution<double> service_time(std::log(120'000.0), 1.2);  // ns, median 120 µs
  LatencyHistogram h;
  std::vector<double> values;
  for (int i = 0; i < 100'000; ++i) {
    const auto v = static_cast<int64_t>(service_time(random));
    h.Record(v);
    values.push_back(static_cast<double>(v));
  }
  for (double fraction : {0.0, 0.5, 0.9, 0.99, 0.999, 1.0}) {
    const double exact = Exact(values, fraction);
    EXPECT_NEAR(h.Percentile(fraction), exact, exact * LatencyHistogram::kRelativePrecision) << fraction;
  }
  EXPECT_EQ(static_cast<double>(h.max()), *std::max_element(values.begin(), values.end()));
}

TEST(LatencyHistogramTest, AddingHistogramsEqualsRecordingIntoOne) {
  LatencyHistogram a, b, both;
  for (int64_t v = 1; v < 5'000'000; v += 997) {
    (v % 2 ? a : b).Record(v);
    both.Record(v);
  }
  a.Add(b);
  EXPECT_EQ(a.count(), both.count());
  EXPECT_EQ(a.min(), both.min());
  EXPECT_EQ(a.max(), both.max());
  for (double fraction : {0.1, 0.5, 0.99}) EXPECT_EQ(a.Percentile(fraction), both.Percentile(fraction));
}

TEST(LatencyHistogramTest, HugeValuesAreCappedNotLost) {
  LatencyHistogram h;
  h.Record(int64_t{1} << 50);
  h.Record(-3);
  EXPECT_EQ(h.count(), 2);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.max(), (int64_t{1} << 40) - 1);
}

TEST(LoadSummaryTest, ReportsBothLatenciesInMilliseconds) {
  LoadReport report;
  report.requests = 3;
  report.seconds = 1.5;
  for (int64_t micros : {900, 1000, 1100}) report.latency.Record(micros * 1000);
  for (int64_t millis : {1, 2, 1000}) report.latency_from_due.Record(millis * 1'000'000);
  const verdict::LoadSummary s = Summarize(report);
  EXPECT_DOUBLE_EQ(s.rps, 2.0);
  EXPECT_NEAR(s.p50_ms, 1.0, 1.0 * LatencyHistogram::kRelativePrecision);
  EXPECT_DOUBLE_EQ(s.max_ms, 1.1);
  EXPECT_NEAR(s.due_p50_ms, 2.0, 2.0 * LatencyHistogram::kRelativePrecision);
  EXPECT_DOUBLE_EQ(s.due_max_ms, 1000.0);
}

}  // namespace
}  // namespace leakrig::edge
