// Watcher::Summarize: the verdict of every stack, and the whole watch's.

#include <fmt/format.h>

#include <algorithm>

#include "watch/rates.h"
#include "watch/watcher.h"

namespace leakrig::watch {
namespace {

using verdict::Verdict;

int Severity(Verdict v) {
  switch (v) {
    case Verdict::kLeak:
      return 0;
    case Verdict::kLingering:
      return 1;
    case Verdict::kError:
    case Verdict::kSkipped:
      return 2;
    case Verdict::kClean:
      return 3;
  }
  return 3;
}

// A background stack's verdict is reported but ranks as clean.
int Rank(const SignatureSummary& s) { return s.background ? Severity(Verdict::kClean) : Severity(s.verdict); }

// Judged stacks first (leak, then lingering), each by how far it grew.
bool Before(const SignatureSummary& a, const SignatureSummary& b) {
  if (Rank(a) != Rank(b)) return Rank(a) < Rank(b);
  const int64_t ga = a.peak - a.baseline, gb = b.peak - b.baseline;
  if (ga != gb) return ga > gb;
  return a.signature < b.signature;
}

std::string RateText(const SignatureSummary& s) {
  std::string text;
  if (s.rate_per_minute) text += fmt::format(", {:+.0f}/min", *s.rate_per_minute);
  if (s.rate_per_1000_requests) text += fmt::format(", {:+.1f} per 1,000 requests", *s.rate_per_1000_requests);
  return text;
}

std::string OverallReason(const WatchSummary& summary, double seconds) {
  if (summary.verdict == Verdict::kClean) {
    return fmt::format("no stack grew without bound in {:.0f} s ({} samples; goroutines {} -> peak {} -> {})", seconds,
                       summary.samples, summary.total_baseline, summary.total_peak, summary.total_last);
  }
  const SignatureSummary& top = summary.signatures[0];
  const auto same = std::count_if(summary.signatures.begin(), summary.signatures.end(),
                                  [&](const SignatureSummary& s) { return s.verdict == top.verdict && !s.background; });
  std::string more = same > 1 ? fmt::format(" ({} more stacks {})", same - 1, verdict::VerdictName(top.verdict)) : "";
  return fmt::format("{} {}{}{}", top.top_function, top.reason, RateText(top), more);
}

}  // namespace

SignatureSummary Watcher::SummarizeTrack(const SignatureTrack& track, std::string_view signature,
                                         std::string_view top_function, const StackDetails* details, bool background,
                                         const SampleContext& last) const {
  SignatureSummary s;
  s.signature = signature;
  s.top_function = top_function;
  s.background = background;
  if (details) s.details = *details;
  TrackJudgement judgement = track.Judge(options_.rules, last);
  s.verdict = judgement.verdict;
  s.reason = std::move(judgement.reason);
  s.baseline = track.baseline();
  s.peak = track.peak();
  s.last = track.last();
  s.first_alarm_seconds = track.first_alarm();
  s.series = track.history().WithLast();
  if (auto span = track.growth_span()) {
    Rates rates = GrowthRates(s.series, span->first, span->second);
    s.rate_per_minute = rates.per_minute;
    s.rate_per_1000_requests = rates.per_1000_requests;
  }
  return s;
}

WatchSummary Watcher::Summarize(const SummaryRequest& request) const {
  WatchSummary summary;
  std::vector<SignatureSummary> all;
  for (size_t id = 0; id < slots_.size(); ++id) {
    if (!slots_[id]) continue;
    const auto sid = static_cast<SignatureId>(id);
    all.push_back(SummarizeTrack(slots_[id]->track, table_.signature(sid), table_.top_function(sid),
                                 slots_[id]->details.get(), slots_[id]->background, request.last));
  }
  all.push_back(SummarizeTrack(*other_, "(other stacks)", "(other stacks)", nullptr, false, request.last));
  std::sort(all.begin(), all.end(), Before);
  size_t clean_kept = 0;
  for (SignatureSummary& s : all) {
    const bool judged = s.verdict != Verdict::kClean;
    if (!judged && (s.peak <= s.baseline || clean_kept++ >= request.top)) continue;
    summary.signatures.push_back(std::move(s));
  }
  if (!summary.signatures.empty() && Rank(summary.signatures[0]) != Severity(Verdict::kClean)) {
    summary.verdict = summary.signatures[0].verdict;
  }
  SummarizeTotals(request, &summary);
  const double seconds = window_seconds_.empty() ? 0 : window_seconds_.back();
  summary.reason = OverallReason(summary, seconds);
  return summary;
}

void Watcher::SummarizeTotals(const SummaryRequest& request, WatchSummary* summary) const {
  summary->samples = samples_;
  summary->signatures_tracked = table_.size();
  summary->signatures_evicted = evicted_;
  if (first_alarm_) {
    summary->detect_seconds = *first_alarm_ - request.last.load.started.value_or(0.0);
  }
  summary->memory_series = memory_history_.WithLast();
  if (request.max_memory_bytes && memory_window_.size() >= 2) {
    std::vector<double> t, bytes;
    for (size_t i = 0; i < memory_window_.size(); ++i) {
      t.push_back(memory_window_[i].seconds);
      bytes.push_back(static_cast<double>(memory_window_[i].bytes));
    }
    const Line fit = TheilSen(t, bytes);
    summary->seconds_to_max_memory =
        SecondsToReach(bytes.back(), fit.valid ? fit.slope : 0, static_cast<double>(*request.max_memory_bytes));
  }
  if (!total_) return;
  summary->total_baseline = total_->baseline();
  summary->total_peak = total_->peak();
  summary->total_last = total_->last();
  summary->total_series = total_->history().WithLast();
  const Line fit = total_->WindowFit(window_seconds_);
  if (fit.valid) summary->total_rate_per_minute = fit.slope * 60;
  if (request.max_goroutines) {
    summary->seconds_to_max_goroutines = SecondsToReach(static_cast<double>(total_->last()), fit.valid ? fit.slope : 0,
                                                        static_cast<double>(*request.max_goroutines));
  }
}

}  // namespace leakrig::watch
