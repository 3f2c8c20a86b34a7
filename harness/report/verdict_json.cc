#include "report/verdict_json.h"

#include <map>

#include "verdict/stats.h"

namespace leakrig::report {
namespace {

using Json = nlohmann::ordered_json;
using verdict::Round;

Json SeriesToJson(const verdict::Series& series) {
  Json points = Json::array();
  Json phases = Json::array();
  for (const verdict::Sample& s : series.samples) {
    points.push_back({Round(s.seconds, 3), s.goroutines});
    phases.push_back(verdict::PhaseName(s.phase));
  }
  return {{"points", std::move(points)}, {"phases", std::move(phases)}};
}

Json SuspectsToJson(const std::vector<verdict::SuspectReport>& suspects) {
  Json out = Json::array();
  for (const verdict::SuspectReport& s : suspects) {
    out.push_back({{"top_function", s.top_function},
                   {"wait_reason", s.wait_reason},
                   {"created_by", s.created_by},
                   {"location", s.location},
                   {"count_baseline", s.count_baseline},
                   {"count_final", s.count_final},
                   {"pattern", s.pattern},
                   {"hint", s.hint}});
  }
  return out;
}

Json StatusCounts(const std::map<long, int64_t>& counts) {
  Json out = Json::object();
  for (const auto& [status, count] : counts) out[std::to_string(status)] = count;
  return out;
}

// What leakrig did not learn is null, not "": watch cannot see a target's Go.
Json OrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

}  // namespace

Json LoadToJson(const verdict::LoadSummary& load) {
  return {{"requests", load.requests},
          {"errors", load.errors},
          {"non_2xx", load.non_2xx},
          {"seconds", Round(load.seconds, 3)},
          {"rps", Round(load.rps, 1)},
          {"status", StatusCounts(load.status_counts)},
          {"latency_ms",
           {{"p50", Round(load.p50_ms, 3)},
            {"p90", Round(load.p90_ms, 3)},
            {"p99", Round(load.p99_ms, 3)},
            {"max", Round(load.max_ms, 3)}}},
          {"latency_from_due_ms",
           {{"p50", Round(load.due_p50_ms, 3)},
            {"p90", Round(load.due_p90_ms, 3)},
            {"p99", Round(load.due_p99_ms, 3)},
            {"max", Round(load.due_max_ms, 3)}}}};
}

Json VerdictToJson(const verdict::VariantResult& r) {
  Json series = SeriesToJson(r.series);
  Json out;
  out["scenario"] = r.scenario;
  out["variant"] = r.variant;
  out["go_version"] = OrNull(r.go.version);
  out["expected"] = verdict::VerdictName(r.expected);
  out["verdict"] = verdict::VerdictName(r.verdict);
  out["passed"] = r.passed;
  out["reason"] = r.reason;
  out["detect_seconds"] = r.detect_seconds ? Json(Round(*r.detect_seconds, 3)) : Json(nullptr);
  out["goroutines"] = {{"baseline", r.counts.baseline},
                       {"peak", r.counts.peak},
                       {"final", r.counts.final},
                       {"series", series["points"]},
                       {"phases", series["phases"]},
                       {"load_started", Round(r.series.load_started, 3)},
                       {"load_ended", Round(r.series.load_ended, 3)}};
  out["heap"] = {{"baseline_bytes", r.heap.baseline_bytes}, {"final_bytes", r.heap.final_bytes}};
  out["runtime_leak_profile"] = {{"support", OrNull(r.go.leak_profile)},
                                 {"available", r.runtime_leak_profile.available},
                                 {"leaked", r.runtime_leak_profile.leaked},
                                 {"agrees", r.runtime_leak_profile.agrees}};
  out["suspects"] = SuspectsToJson(r.suspects);
  out["suspect_matched"] = r.suspect_matched;
  out["load"] = LoadToJson(r.load);
  out["artifacts"] = r.artifacts;
  return out;
}

Json SummaryToJson(const std::vector<verdict::VariantResult>& results, const verdict::GoInfo& go, bool complete) {
  Json rows = Json::array();
  bool all_passed = !results.empty();
  for (const verdict::VariantResult& r : results) {
    all_passed = all_passed && r.passed;
    rows.push_back({{"scenario", r.scenario},
                    {"variant", r.variant},
                    {"expected", verdict::VerdictName(r.expected)},
                    {"verdict", verdict::VerdictName(r.verdict)},
                    {"passed", r.passed},
                    {"reason", r.reason},
                    {"verdict_file", r.scenario + "/" + r.variant + "/verdict.json"}});
  }
  return {{"passed", all_passed && complete},
          {"complete", complete},
          {"go_version", OrNull(go.version)},
          {"go_leak_profile", OrNull(go.leak_profile)},
          {"results", std::move(rows)}};
}

std::string StatesJson(const std::vector<profile::Group>& groups) {
  std::map<std::string, int64_t> counts;
  for (const auto& g : groups) counts[g.wait_reason.empty() ? "unknown" : g.wait_reason] += g.count;
  return nlohmann::json(counts).dump(2) + "\n";
}

}  // namespace leakrig::report
