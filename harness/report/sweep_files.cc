#include "report/sweep_files.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "verdict/stats.h"

namespace leakrig::report {
namespace {

using nlohmann::json;
using sweep::ClaimCheck;
using sweep::HttpSummary;
using sweep::Machine;
using sweep::RunMeasurement;
using sweep::SamplingCost;
using sweep::Spread;
using sweep::SweepOptions;
using sweep::SweepResult;
using sweep::SweepRow;

// Six decimals: microseconds for times; keeps the JSON free of float noise
// such as 0.011879047000000001.
double Round6(double value) { return verdict::Round(value, 6); }

json Round6OrNull(const std::optional<double>& value) { return value ? json(Round6(*value)) : json(nullptr); }

// The keys every record about one (workload, GOMAXPROCS) case starts with,
// added to the record's own.
json ForCase(const std::string& workload, int gomaxprocs, json record) {
  record["workload"] = workload;
  record["gomaxprocs"] = gomaxprocs;
  return record;
}

json SpreadJson(const Spread& s) {
  return {{"median", Round6(s.median)}, {"min", Round6(s.min)}, {"max", Round6(s.max)}};
}

json HttpJson(const HttpSummary& h) {
  return {
      {"requests", h.requests},
      {"errors", h.errors},
      {"non_2xx", h.non_2xx},
      {"rps", SpreadJson(h.rps)},
      {"latency_ms",
       {{"p50", Round6(h.p50_ms)}, {"p90", Round6(h.p90_ms)}, {"p99", Round6(h.p99_ms)}, {"max", Round6(h.max_ms)}}}};
}

json RowJson(const SweepRow& r) {
  json row = ForCase(r.workload, r.gomaxprocs,
                     {{"repeats", r.repeats},
                      {"wall_seconds", SpreadJson(r.wall_seconds)},
                      {"cpu_seconds", SpreadJson(r.cpu_seconds)},
                      {"runnable_peak", r.runnable_peak},
                      {"threads_peak", r.threads_peak},
                      {"runqueue_peak", {{"global", r.runqueue_global_peak}, {"per_p", r.runqueue_per_p_peak}}},
                      {"sampling",
                       {{"samples", r.samples},
                        {"metrics_read_seconds", Round6(r.sampling_seconds)},
                        {"schedtrace_lines", r.schedtrace_lines}}}});
  if (r.http) row["http"] = HttpJson(*r.http);
  return row;
}

json ClaimJson(const ClaimCheck& c) {
  json claim = ForCase(c.claim.workload, c.claim.gomaxprocs,
                       {{"claim", c.claim.Text()},
                        {"goroutines", c.claim.goroutines},
                        {"claimed_seconds", c.claim.seconds},
                        {"measured_seconds", Round6OrNull(c.measured_seconds)},
                        {"holds", c.holds ? json(*c.holds) : json(nullptr)}});
  if (!c.note.empty()) claim["note"] = c.note;
  return claim;
}

json SamplingJson(const SamplingCost& c) {
  return ForCase(c.workload, c.gomaxprocs,
                 {{"sampled_wall_seconds", Round6(c.sampled_wall_seconds)},
                  {"unsampled_wall_seconds", Round6(c.unsampled_wall_seconds)},
                  {"overhead", Round6(c.overhead)},
                  {"metrics_read_seconds", Round6(c.metrics_read_seconds)},
                  {"schedtrace_lines", c.schedtrace_lines}});
}

json RunJson(const RunMeasurement& m) {
  json run = ForCase(m.spec.workload, m.spec.gomaxprocs,
                     {{"name", m.spec.Name()},
                      {"repeat", m.spec.repeat},
                      {"sampled", m.spec.sampled},
                      {"wall_seconds", Round6(m.WallSeconds())},
                      {"cpu_seconds", Round6(m.CpuSeconds())},
                      {"runnable_peak", m.fixture.runnable_peak},
                      {"threads_peak", m.fixture.threads_peak},
                      {"runqueue_peak", {{"global", m.runqueue.global}, {"per_p", m.runqueue.per_p}}},
                      {"goroutines", m.fixture.goroutines},
                      {"iterations", m.fixture.iterations},
                      {"sleep_seconds", Round6(m.fixture.sleep_seconds)}});
  if (m.http) run["http"] = {{"rps", Round6(m.http->rps)}, {"max_ms", Round6(m.http->max_ms)}};
  return run;
}

json MachineJson(const Machine& m) {
  return {{"cores", m.cores},
          {"cpu_limit", Round6OrNull(m.cpu_limit)},
          {"cpu_limit_source", m.cpu_limit_source},
          {"go_default_gomaxprocs", m.go_default_gomaxprocs},
          {"go_version", m.go_version},
          {"background_cores", Round6OrNull(m.background_cores)}};
}

json OptionsJson(const SweepOptions& o) {
  return {{"procs", o.procs},
          {"workloads", o.workloads},
          {"goroutines", o.goroutines},
          {"repeats", o.repeats},
          {"http_requests", o.http_requests},
          {"http_connections", o.http_connections},
          {"measure_sampling_cost", o.measure_sampling_cost}};
}

template <typename T, typename F>
json ListJson(const std::vector<T>& items, F to_json) {
  json list = json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return list;
}

std::string CsvHttp(const SweepRow& r) {
  if (!r.http) return ",,,";
  return fmt::format("{:.1f},{:.6f},{:.6f},{:.6f}", r.http->rps.median, r.http->p50_ms, r.http->p90_ms, r.http->p99_ms);
}

}  // namespace

std::string SweepJson(const SweepResult& result) {
  json out = {{"machine", MachineJson(result.machine)},
              {"options", OptionsJson(result.options)},
              {"rows", ListJson(result.rows, RowJson)},
              {"claims", ListJson(result.claims, ClaimJson)},
              {"sampling_cost", ListJson(result.sampling, SamplingJson)},
              {"runs", ListJson(result.runs, RunJson)},
              {"runs_planned", result.planned_runs},
              {"warnings", result.warnings},
              {"errors", result.errors},
              {"interrupted", result.interrupted}};
  return out.dump(2) + "\n";
}

std::string SweepCsv(const sweep::SweepResult& result) {
  std::string out =
      "workload,gomaxprocs,repeats,wall_median_s,wall_min_s,wall_max_s,cpu_median_s,runnable_peak,threads_peak,"
      "runqueue_peak_global,runqueue_peak_per_p,http_rps_median,http_p50_ms,http_p90_ms,http_p99_ms\n";
  for (const SweepRow& r : result.rows) {
    out += fmt::format("{},{},{},{:.6f},{:.6f},{:.6f},{:.6f},{},{},{},{},{}\n", r.workload, r.gomaxprocs, r.repeats,
                       r.wall_seconds.median, r.wall_seconds.min, r.wall_seconds.max, r.cpu_seconds.median,
                       r.runnable_peak, r.threads_peak, r.runqueue_global_peak, r.runqueue_per_p_peak, CsvHttp(r));
  }
  return out;
}

}  // namespace leakrig::report
