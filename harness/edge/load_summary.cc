#include "edge/load_summary.h"

namespace leakrig::edge {
namespace {

constexpr double kNanosPerMilli = 1e6;

// p50, p90, p99 and max of `histogram`, in milliseconds.
void Percentiles(const LatencyHistogram& histogram, double* p50, double* p90, double* p99, double* max) {
  *p50 = histogram.Percentile(0.50) / kNanosPerMilli;
  *p90 = histogram.Percentile(0.90) / kNanosPerMilli;
  *p99 = histogram.Percentile(0.99) / kNanosPerMilli;
  *max = static_cast<double>(histogram.max()) / kNanosPerMilli;
}

}  // namespace

verdict::LoadSummary Summarize(const LoadReport& report) {
  verdict::LoadSummary s = verdict::SummarizeLoad(report.requests, report.errors, report.non_2xx, report.seconds, {});
  Percentiles(report.latency, &s.p50_ms, &s.p90_ms, &s.p99_ms, &s.max_ms);
  Percentiles(report.latency_from_due, &s.due_p50_ms, &s.due_p90_ms, &s.due_p99_ms, &s.due_max_ms);
  s.status_counts = report.status_counts;
  return s;
}

}  // namespace leakrig::edge
