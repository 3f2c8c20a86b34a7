#include "watch/watch_result.h"

#include "watch/target_url.h"

namespace leakrig::watch {
namespace {

verdict::Phase PhaseAt(const WatchResult& r, double seconds) {
  if (!r.load_started || seconds < *r.load_started) return verdict::Phase::kBaseline;
  if (!r.load_ended || seconds <= *r.load_ended) return verdict::Phase::kLoad;
  return verdict::Phase::kDrain;
}

verdict::SuspectReport Suspect(const SignatureSummary& s) {
  verdict::SuspectReport suspect;
  suspect.top_function = s.top_function;
  if (s.details) {
    suspect.wait_reason = s.details->wait_reason;
    suspect.created_by = s.details->created_by;
    suspect.location = s.details->location;
  }
  suspect.count_baseline = s.baseline;
  // A lingering stack is back down by the end: its peak is what it held.
  suspect.count_final = s.verdict == verdict::Verdict::kLingering ? s.peak : s.last;
  return suspect;
}

}  // namespace

verdict::VariantResult ToVariantResult(const WatchResult& r) {
  verdict::VariantResult result;
  result.scenario = "watch";
  result.variant = FolderName(r.host_port);
  result.expected = verdict::Verdict::kClean;
  result.verdict = r.unreachable && r.summary.samples == 0 ? verdict::Verdict::kError : r.summary.verdict;
  result.passed = result.verdict != verdict::Verdict::kLeak && result.verdict != verdict::Verdict::kError;
  result.reason = r.summary.reason;
  for (const SeriesPoint& p : r.summary.total_series) {
    result.series.samples.push_back({p.seconds, p.count, PhaseAt(r, p.seconds)});
  }
  result.series.load_started = r.load_started.value_or(0);
  result.series.load_ended = r.load_ended.value_or(r.load_started ? r.duration_seconds : 0);
  result.counts = {r.summary.total_baseline, r.summary.total_peak, r.summary.total_last};
  result.detect_seconds = r.summary.detect_seconds;
  for (const SignatureSummary& s : r.summary.signatures) {
    if (s.verdict != verdict::Verdict::kClean && !s.background && result.suspects.size() < 5) {
      result.suspects.push_back(Suspect(s));
    }
  }
  result.suspect_matched = !result.suspects.empty();
  if (r.load) result.load = *r.load;
  result.runtime_leak_profile.available = r.leak_profile.available;
  result.runtime_leak_profile.leaked = r.leak_profile.leaked;
  result.runtime_leak_profile.agrees = result.runtime_leak_profile.AgreesWith(result.verdict);
  return result;
}

}  // namespace leakrig::watch
