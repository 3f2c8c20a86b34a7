// The watch's state in the OpenMetrics text format (which Prometheus's
// text parser also reads), so that a monitoring stack can scrape many
// watchers and alert across a fleet:
//
//   # TYPE leakrig_watch_stack_goroutines gauge
//   leakrig_watch_stack_goroutines{target="10.0.0.7:6060",signature="9f2c…",top_function="main.worker"} 1200
//   # EOF
//
// Stacks are labelled by a 64-bit hash of their signature (stable across
// runs and hosts) plus their top function; only the top N stacks are
// written, to bound the series' cardinality. Every family is a gauge (the
// running totals too): a counter's name differs between OpenMetrics
// ("foo" with samples "foo_total") and the Prometheus text format that
// node_exporter's textfile collector and the Pushgateway read, and a gauge
// reads the same in both. "# EOF" is a comment to the latter.

#ifndef LEAKRIG_REPORT_OPENMETRICS_H_
#define LEAKRIG_REPORT_OPENMETRICS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "watch/cost.h"
#include "watch/watcher.h"

namespace leakrig::report {

struct MetricsSnapshot {
  std::string target;  // host:port
  int64_t samples = 0;
  int64_t total = 0;
  double total_slope = 0;  // goroutines per second
  int alarms = 0;
  bool leak_alarm = false;
  std::vector<watch::StackGauge> stacks;
  const watch::WatchCost* cost = nullptr;  // optional
};

// 16 hex digits of FNV-1a 64 over the signature text.
std::string SignatureHash(std::string_view signature);

// One label value, escaped as OpenMetrics asks (\\, \", \n).
std::string EscapeLabelValue(std::string_view value);

// The exposition, ending with "# EOF\n". Deterministic for equal input.
std::string RenderOpenMetrics(const MetricsSnapshot& snapshot);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_OPENMETRICS_H_
