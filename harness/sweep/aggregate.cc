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

// The median of the runs that have the figure; nullopt when none has it.
std::optional<double> MedianOfPresent(const std::vector<const RunMeasurement*>& runs,
                                      const std::function<std::optional<double>(const RunMeasurement&)>& pick) {
  std::vector<double> present;
  for (const auto* r : runs) {
    if (auto value = pick(*r)) present.push_back(*value);
  }
  if (present.empty()) return std::nullopt;
  return verdict::Median(present);
}

// Why each figure the row has no value for is missing, from the first run that says.
std::map<std::string, std::string> UnmeasuredOf(const std::vector<const RunMeasurement*>& runs, const SweepRow& row) {
  std::map<std::string, std::string> missing;
  for (const auto* r : runs) missing.merge(r->Unmeasured());
  if (row.runnable_peak) missing.erase(kRunnablePeak);
  if (row.runqueue_global_peak) missing.erase(kRunQueuePeak);
  return missing;
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
  row.cpu_per_request = MedianOfPresent(runs, [](const auto& r) { return r.CpuPerRequest(); });
  row.runnable_peak = MedianOfPresent(runs, [](const auto& r) -> std::optional<double> {
    if (auto peak = r.RunnablePeak()) return static_cast<double>(*peak);
    return std::nullopt;
  });
  row.threads_peak = MedianOf(runs, [](const auto& r) { return static_cast<double>(r.ThreadsPeak()); });
  row.runqueue_global_peak = MedianOfPresent(runs, [](const auto& r) -> std::optional<double> {
    if (auto q = r.RunQueues()) return q->global;
    return std::nullopt;
  });
  row.runqueue_per_p_peak = MedianOfPresent(runs, [](const auto& r) -> std::optional<double> {
    if (auto q = r.RunQueues()) return q->per_p;
    return std::nullopt;
  });
  row.unmeasured = UnmeasuredOf(runs, row);
  row.samples = MedianOf(runs, [](const auto& r) { return r.Samples(); });
  row.sampling_seconds = MedianOf(runs, [](const auto& r) { return r.SamplingSeconds(); });
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
