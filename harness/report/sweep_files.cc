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

// Nine: CPU per request is microseconds, kept to the nanosecond.
double Round9(double value) { return verdict::Round(value, 9); }

// A figure, or null when it was not measured (the row's "unmeasured" says why).
json Nullable(std::optional<double> value) { return value ? json(*value) : json(nullptr); }

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
  json row = ForCase(
      r.workload, r.gomaxprocs,
      {{"repeats", r.repeats},
       {"wall_seconds", SpreadJson(r.wall_seconds)},
       {"cpu_seconds", SpreadJson(r.cpu_seconds)},
       {"runnable_peak", Nullable(r.runnable_peak)},
       {"threads_peak", r.threads_peak},
       {"runqueue_peak", {{"global", Nullable(r.runqueue_global_peak)}, {"per_p", Nullable(r.runqueue_per_p_peak)}}},
       {"sampling",
        {{"samples", r.samples},
         {"metrics_read_seconds", Round6(r.sampling_seconds)},
         {"schedtrace_lines", r.schedtrace_lines}}}});
  if (r.http) row["http"] = HttpJson(*r.http);
  if (r.cpu_per_request) row["cpu_seconds_per_request"] = Round9(*r.cpu_per_request);
  if (!r.unmeasured.empty()) row["unmeasured"] = r.unmeasured;
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
                      {"runnable_peak", nullptr},
                      {"threads_peak", m.ThreadsPeak()},
                      {"runqueue_peak", {{"global", nullptr}, {"per_p", nullptr}}}});
  if (auto peak = m.RunnablePeak()) run["runnable_peak"] = *peak;
  if (auto q = m.RunQueues()) run["runqueue_peak"] = {{"global", q->global}, {"per_p", q->per_p}};
  if (!m.service) {
    run["goroutines"] = m.fixture.goroutines;
    run["iterations"] = m.fixture.iterations;
    run["sleep_seconds"] = Round6(m.fixture.sleep_seconds);
  }
  if (m.http) run["http"] = {{"rps", Round6(m.http->rps)}, {"max_ms", Round6(m.http->max_ms)}};
  if (auto cpu = m.CpuPerRequest()) run["cpu_seconds_per_request"] = Round9(*cpu);
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

json ServiceJson(const sweep::ServiceLoad& s) {
  return {{"name", s.name},
          {"manifest", s.manifest},
          {"method", s.method},
          {"path", s.path},
          {"concurrency", s.concurrency},
          {"rate", s.rate},
          {"duration_seconds", s.duration_seconds},
          {"requests", s.requests}};
}

json OptionsJson(const SweepOptions& o) {
  // A service's load is its manifest's: the fixture's knobs do not apply.
  if (o.service) return {{"procs", o.procs}, {"repeats", o.repeats}, {"service", ServiceJson(*o.service)}};
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

// An empty cell for a figure not measured.
std::string CsvCell(std::optional<double> value, const char* format = "{}") {
  return value ? fmt::format(fmt::runtime(format), *value) : "";
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
      "runqueue_peak_global,runqueue_peak_per_p,http_rps_median,http_p50_ms,http_p90_ms,http_p99_ms,"
      "cpu_per_request_s\n";
  for (const SweepRow& r : result.rows) {
    out += fmt::format("{},{},{},{:.6f},{:.6f},{:.6f},{:.6f},{},{},{},{},{},{}\n", r.workload, r.gomaxprocs, r.repeats,
                       r.wall_seconds.median, r.wall_seconds.min, r.wall_seconds.max, r.cpu_seconds.median,
                       CsvCell(r.runnable_peak), r.threads_peak, CsvCell(r.runqueue_global_peak),
                       CsvCell(r.runqueue_per_p_peak), CsvHttp(r), CsvCell(r.cpu_per_request, "{:.9f}"));
  }
  return out;
}

}  // namespace leakrig::report
