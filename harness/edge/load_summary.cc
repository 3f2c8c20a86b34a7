#include "edge/load_summary.h"

namespace leakrig::edge {

verdict::LoadSummary Summarize(const LoadReport& report) {
  verdict::LoadSummary s = verdict::SummarizeLoad(report.requests, report.errors, report.non_2xx, report.seconds,
                                                  report.latency_us);
  s.status_counts = report.status_counts;
  return s;
}

}  // namespace leakrig::edge
