#include "report/watch_json.h"

#include <algorithm>

#include "report/verdict_json.h"
#include "verdict/stats.h"

namespace leakrig::report {
namespace {

using watch::LeakProfileReading;
using watch::RequestTimes;
using watch::SeriesPoint;
using watch::SignatureSummary;
using watch::StackDetails;
using watch::WatchCost;
using watch::WatchResult;
using watch::WatchSummary;

using Json = nlohmann::ordered_json;
using verdict::Round;

Json Optional(const std::optional<double>& value, int digits = 3) {
  return value ? Json(Round(*value, digits)) : Json(nullptr);
}

Json Points(const std::vector<SeriesPoint>& points) {
  Json out = Json::array();
  for (const SeriesPoint& p : points) out.push_back({Round(p.seconds), p.count});
  return out;
}

Json DetailsJson(const std::optional<StackDetails>& details) {
  if (!details) return nullptr;
  return {{"wait_reason", details->wait_reason},
          {"created_by", details->created_by},
          {"location", details->location},
          {"leaked", details->leaked}};
}

Json StacksJson(const std::vector<SignatureSummary>& stacks) {
  Json out = Json::array();
  for (const SignatureSummary& s : stacks) {
    out.push_back({{"top_function", s.top_function},
                   {"verdict", verdict::VerdictName(s.verdict)},
                   {"reason", s.reason},
                   {"baseline", s.baseline},
                   {"peak", s.peak},
                   {"final", s.last},
                   {"first_alarm_seconds", Optional(s.first_alarm_seconds)},
                   {"rate_per_minute", Optional(s.rate_per_minute, 1)},
                   {"rate_per_1000_requests", Optional(s.rate_per_1000_requests, 1)},
                   {"background", s.background},
                   {"details", DetailsJson(s.details)},
                   {"signature", s.signature}});
  }
  return out;
}

Json SeriesJson(const WatchSummary& summary) {
  Json memory = Json::array();
  for (const watch::MemoryPoint& p : summary.memory_series) memory.push_back({Round(p.seconds), p.bytes});
  Json stacks = Json::array();
  for (const SignatureSummary& s : summary.signatures) {
    stacks.push_back({{"top_function", s.top_function}, {"points", Points(s.series)}});
  }
  return {{"total", Points(summary.total_series)}, {"memory_bytes", memory}, {"stacks", stacks}};
}

Json TimesJson(const RequestTimes& t) {
  return {{"requests", t.count()},
          {"total_ms", Round(t.total_seconds() * 1000)},
          {"p50_ms", Round(t.Percentile(0.5) * 1000)},
          {"p99_ms", Round(t.Percentile(0.99) * 1000)},
          {"max_ms", Round(t.max_seconds() * 1000)}};
}

Json CostJson(const WatchCost& cost) {
  return {{"debug0", TimesJson(cost.cheap)},
          {"debug2", TimesJson(cost.full)},
          {"goroutineleak", TimesJson(cost.leak_profile)},
          {"heap", TimesJson(cost.memory)},
          {"failures", cost.failures},
          {"total_ms", Round(cost.total_seconds() * 1000)},
          {"busy_share", Round(cost.busy_share(), 5)}};
}

Json LeakProfileJson(const LeakProfileReading& r) {
  Json stacks = Json::array();
  for (const auto& s : r.stacks) stacks.push_back({{"top_function", s.top_function}, {"count", s.count}});
  return {{"available", r.available},
          {"leaked", r.leaked},
          {"seconds", r.seconds >= 0 ? Json(Round(r.seconds)) : Json(nullptr)},
          {"stacks", stacks}};
}

Json LoadJson(const WatchResult& r) {
  if (!r.load) return nullptr;
  Json out = LoadToJson(*r.load);
  out["started_seconds"] = Optional(r.load_started);
  out["ended_seconds"] = Optional(r.load_ended);
  return out;
}

Json WatchFacts(const WatchResult& r) {
  const WatchSummary& s = r.summary;
  return {{"url", r.url},
          {"target", r.host_port},
          {"interval_seconds", Round(r.interval_seconds)},
          {"longest_interval_seconds", Round(std::max(r.interval_seconds, r.longest_interval_seconds))},
          {"duration_seconds", Round(r.duration_seconds)},
          {"samples", s.samples},
          {"stop_reason", r.stop_reason},
          {"stopped_at_leak", r.stopped_at_leak},
          {"unreachable", r.unreachable},
          {"full_dumps", r.full_dumps},
          {"detect_seconds", Optional(s.detect_seconds)},
          {"goroutines", {{"baseline", s.total_baseline}, {"peak", s.total_peak}, {"final", s.total_last}}},
          {"rate_per_minute", Optional(s.total_rate_per_minute, 1)},
          {"seconds_to_max_goroutines", Optional(s.seconds_to_max_goroutines, 1)},
          {"seconds_to_max_memory", Optional(s.seconds_to_max_memory, 1)},
          {"signatures_tracked", s.signatures_tracked},
          {"signatures_evicted", s.signatures_evicted},
          {"errors", r.errors}};
}

}  // namespace

nlohmann::ordered_json WatchJson(const WatchResult& result, const nlohmann::json& analysis) {
  Json out = Json::object();
  for (const auto& [key, value] : analysis.items()) out[key] = value;
  out["verdict"] = verdict::VerdictName(result.summary.verdict);
  out["reason"] = result.summary.reason;
  out["watch"] = WatchFacts(result);
  out["stacks"] = StacksJson(result.summary.signatures);
  out["series"] = SeriesJson(result.summary);
  out["cost"] = CostJson(result.cost);
  out["goroutineleak"] = LeakProfileJson(result.leak_profile);
  out["load"] = LoadJson(result);
  return out;
}

}  // namespace leakrig::report
