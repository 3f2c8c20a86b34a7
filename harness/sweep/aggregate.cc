#include "sweep/aggregate.h"

#include <algorithm>
#include <functional>

#include "verdict/stats.h"

namespace leakrig::sweep {
namespace {

using Pick = std::function<double(const RunMeasurement&)>;

std::vector<const RunMeasurement*> Select(const std::vector<RunMeasurement>& runs, const std::string& workload,
                                          int gomaxprocs, bool sampled) {
  std::vector<const RunMeasurement*> out;
  for (const auto& r : runs) {
    if (r.spec.workload == workload && r.spec.gomaxprocs == gomaxprocs && r.spec.sampled == sampled) {
      out.push_back(&r);
    }
  }
  return out;
}

std::vector<double> Values(const std::vector<const RunMeasurement*>& runs, const Pick& pick) {
  std::vector<double> out;
  out.reserve(runs.size());
  for (const auto* r : runs) out.push_back(pick(*r));
  return out;
}

double MedianOf(const std::vector<const RunMeasurement*>& runs, const Pick& pick) {
  return verdict::Median(Values(runs, pick));
}

std::optional<HttpSummary> SummarizeHttp(const std::vector<const RunMeasurement*>& runs) {
  std::vector<const RunMeasurement*> loaded;
  for (const auto* r : runs) {
    if (r->http) loaded.push_back(r);
  }
  if (loaded.empty()) return std::nullopt;
  HttpSummary s;
  s.rps = Summarize(Values(loaded, [](const auto& r) { return r.http->rps; }));
  s.p50_ms = MedianOf(loaded, [](const auto& r) { return r.http->p50_ms; });
  s.p90_ms = MedianOf(loaded, [](const auto& r) { return r.http->p90_ms; });
  s.p99_ms = MedianOf(loaded, [](const auto& r) { return r.http->p99_ms; });
  for (const auto* r : loaded) {
    s.requests += r->http->requests;
    s.errors += r->http->errors;
    s.non_2xx += r->http->non_2xx;
    s.max_ms = std::max(s.max_ms, r->http->max_ms);
  }
  return s;
}

SweepRow MakeRow(const std::vector<const RunMeasurement*>& runs) {
  SweepRow row;
  row.workload = runs.front()->spec.workload;
  row.gomaxprocs = runs.front()->spec.gomaxprocs;
  row.repeats = static_cast<int>(runs.size());
  row.wall_seconds = Summarize(Values(runs, [](const auto& r) { return r.WallSeconds(); }));
  row.cpu_seconds = Summarize(Values(runs, [](const auto& r) { return r.CpuSeconds(); }));
  row.runnable_peak = MedianOf(runs, [](const auto& r) { return r.fixture.runnable_peak; });
  row.threads_peak = MedianOf(runs, [](const auto& r) { return r.fixture.threads_peak; });
  row.runqueue_global_peak = MedianOf(runs, [](const auto& r) { return r.runqueue.global; });
  row.runqueue_per_p_peak = MedianOf(runs, [](const auto& r) { return r.runqueue.per_p; });
  row.samples = MedianOf(runs, [](const auto& r) { return r.fixture.samples; });
  row.sampling_seconds = MedianOf(runs, [](const auto& r) { return r.fixture.sampling_seconds; });
  row.schedtrace_lines = MedianOf(runs, [](const auto& r) { return r.runqueue.samples; });
  row.http = SummarizeHttp(runs);
  return row;
}

}  // namespace

Spread Summarize(const std::vector<double>& values) {
  if (values.empty()) return {};
  auto [min, max] = std::minmax_element(values.begin(), values.end());
  return {verdict::Median(values), *min, *max};
}

std::vector<SweepRow> AggregateRows(const std::vector<RunMeasurement>& runs, const SweepOptions& options) {
  std::vector<SweepRow> rows;
  for (const auto& workload : options.workloads) {
    for (int p : options.procs) {
      auto selected = Select(runs, workload, p, /*sampled=*/true);
      if (!selected.empty()) rows.push_back(MakeRow(selected));
    }
  }
  return rows;
}

std::vector<SamplingCost> CompareSampling(const std::vector<RunMeasurement>& runs, const SweepOptions& options) {
  std::vector<SamplingCost> costs;
  for (const auto& workload : options.workloads) {
    for (int p : options.procs) {
      auto sampled = Select(runs, workload, p, true);
      auto unsampled = Select(runs, workload, p, false);
      if (sampled.empty() || unsampled.empty()) continue;
      SamplingCost c;
      c.workload = workload;
      c.gomaxprocs = p;
      c.sampled_wall_seconds = MedianOf(sampled, [](const auto& r) { return r.WallSeconds(); });
      c.unsampled_wall_seconds = MedianOf(unsampled, [](const auto& r) { return r.WallSeconds(); });
      c.overhead = c.unsampled_wall_seconds > 0 ? c.sampled_wall_seconds / c.unsampled_wall_seconds - 1 : 0;
      c.metrics_read_seconds = MedianOf(sampled, [](const auto& r) { return r.fixture.sampling_seconds; });
      c.schedtrace_lines = MedianOf(sampled, [](const auto& r) { return r.runqueue.samples; });
      costs.push_back(c);
    }
  }
  return costs;
}

}  // namespace leakrig::sweep
