#include "sweep/render.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace leakrig::sweep {
namespace {

std::string Ms(double seconds) { return fmt::format("{:.1f}", seconds * 1000); }

std::string DescribeMachine(const Machine& m) {
  std::string limit = m.cpu_limit ? fmt::format("{:.2f} CPUs", *m.cpu_limit) : "none";
  std::string go_default = m.go_default_gomaxprocs > 0 ? std::to_string(m.go_default_gomaxprocs) : "unknown";
  std::string background =
      m.background_cores ? fmt::format("; other processes used {:.2f} cores meanwhile", *m.background_cores) : "";
  return fmt::format("machine: {} cores; cgroup CPU limit: {} ({}); {}'s default GOMAXPROCS here: {}{}\n", m.cores,
                     limit, m.cpu_limit_source, m.go_version.empty() ? "Go" : m.go_version, go_default, background);
}

// A figure, or "-" when it was not measured (the notes under the table say why).
std::string Count(std::optional<double> value) { return value ? fmt::format("{:.0f}", *value) : "-"; }

std::string HttpColumns(const SweepRow& row) {
  if (!row.http) return "";
  std::string cpu = row.cpu_per_request ? fmt::format(" {:>10.1f}", *row.cpu_per_request * 1e6) : "";
  return fmt::format("  {:>8.0f} {:>6.2f} {:>6.2f}{}", row.http->rps.median, row.http->p50_ms, row.http->p99_ms, cpu);
}

std::string RowsTable(const std::vector<SweepRow>& rows) {
  bool per_request = std::any_of(rows.begin(), rows.end(), [](const SweepRow& r) { return r.cpu_per_request; });
  std::string out = fmt::format("{:<8} {:>4} {:>4} {:>9} {:>19} {:>8} {:>8} {:>7} {:>11}  {:>8} {:>6} {:>6}{}\n",
                                "workload", "GMP", "runs", "wall ms", "[min - max]", "cpu ms", "runnable", "threads",
                                "runq glob/P", "req/s", "p50ms", "p99ms", per_request ? " cpu µs/req" : "");
  for (const SweepRow& r : rows) {
    std::string spread = fmt::format("[{} - {}]", Ms(r.wall_seconds.min), Ms(r.wall_seconds.max));
    std::string runq = r.runqueue_global_peak && r.runqueue_per_p_peak
                           ? Count(r.runqueue_global_peak) + "/" + Count(r.runqueue_per_p_peak)
                           : "-";
    out += fmt::format("{:<8} {:>4} {:>4} {:>9} {:>19} {:>8} {:>8} {:>7.0f} {:>11}{}\n", r.workload, r.gomaxprocs,
                       r.repeats, Ms(r.wall_seconds.median), spread, Ms(r.cpu_seconds.median), Count(r.runnable_peak),
                       r.threads_peak, runq, HttpColumns(r));
  }
  return out;
}

// Each figure shown as "-", once, with why it was not measured.
std::string UnmeasuredNotes(const std::vector<SweepRow>& rows) {
  std::map<std::string, std::string> notes;
  for (const SweepRow& r : rows) notes.insert(r.unmeasured.begin(), r.unmeasured.end());
  std::string out;
  for (const auto& [figure, why] : notes) out += fmt::format("not measured: {}: {}\n", figure, why);
  return out;
}

std::string ClaimsTable(const std::vector<ClaimCheck>& claims) {
  if (claims.empty()) return "";  // a service's sweep
  std::string out = "\nThe article's claims, measured (a claim holds within 25%):\n";
  for (const ClaimCheck& c : claims) {
    std::string measured = c.measured_seconds ? fmt::format("{:.3f} s", *c.measured_seconds) : "-";
    std::string holds = c.holds ? (*c.holds ? "true" : "false") : c.note;
    out += fmt::format("  {:<46} measured {:>9}  holds: {}\n", c.claim.Text(), measured, holds);
  }
  return out;
}

std::string SamplingTable(const std::vector<SamplingCost>& costs) {
  if (costs.empty()) return "";
  std::string out = fmt::format(
      "\nWhat sampling costs (median wall ms with and without the metrics sampler and "
      "schedtrace):\n  {:<8} {:>4} {:>9} {:>9} {:>9} {:>14} {:>11}\n",
      "workload", "GMP", "sampled", "unsampled", "overhead", "metrics.Read", "SCHED lines");
  for (const SamplingCost& c : costs) {
    out += fmt::format("  {:<8} {:>4} {:>9} {:>9} {:>+8.1f}% {:>11.3f} ms {:>11.0f}\n", c.workload, c.gomaxprocs,
                       Ms(c.sampled_wall_seconds), Ms(c.unsampled_wall_seconds), c.overhead * 100,
                       c.metrics_read_seconds * 1000, c.schedtrace_lines);
  }
  return out;
}

}  // namespace

std::string RenderSummaryText(const SweepResult& result) {
  std::string out = DescribeMachine(result.machine);
  constexpr size_t kShownWarnings = 10;  // the rest are in sweep.json
  for (size_t i = 0; i < result.warnings.size() && i < kShownWarnings; ++i) {
    out += "warning: " + result.warnings[i] + "\n";
  }
  if (result.warnings.size() > kShownWarnings) {
    out += fmt::format("warning: ... and {} more, in sweep.json\n", result.warnings.size() - kShownWarnings);
  }
  for (const auto& e : result.errors) out += "error: " + e + "\n";
  out += "\n" + RowsTable(result.rows) + UnmeasuredNotes(result.rows);
  out += ClaimsTable(result.claims);
  out += SamplingTable(result.sampling);
  if (result.interrupted) out += "\ninterrupted: the results above are incomplete\n";
  return out;
}

}  // namespace leakrig::sweep
