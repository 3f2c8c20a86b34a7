// Copyright leakrig authors.

#include "profile/analyze.h"

#include <algorithm>

namespace leakrig::profile {
namespace {

// Judges every suspect, then puts the surest first; the score still orders
// suspects of equal confidence.
void Calibrate(const DumpFacts& dump, std::vector<Suspect>* suspects) {
  for (Suspect& s : *suspects) {
    Judgement judged = Judge(s.group, dump, nullptr);
    s.confidence = judged.confidence;
    s.evidence = std::move(judged.evidence);
  }
  std::stable_sort(suspects->begin(), suspects->end(),
                   [](const Suspect& a, const Suspect& b) {
                     return a.confidence > b.confidence;
                   });
}

}  // namespace

Analysis Analyze(const Snapshot& snapshot, const AnalyzeOptions& options) {
  Analysis analysis;
  analysis.format = snapshot.format();
  analysis.truncated = snapshot.truncated();
  analysis.deadlocked = snapshot.deadlocked();
  analysis.declared_total = snapshot.declared_total();
  analysis.total = snapshot.total();
  analysis.states = CountStates(snapshot);
  analysis.groups = Aggregate(snapshot, options.similarity);
  analysis.readings =
      Readings(snapshot, analysis.states, analysis.groups, options.context);
  analysis.suspects = FindSuspects(analysis.groups, options.ignore);
  Calibrate(DumpFacts{&analysis.groups, analysis.deadlocked, "dump"},
            &analysis.suspects);
  analysis.errors.assign(snapshot.errors().begin(), snapshot.errors().end());
  return analysis;
}

}  // namespace leakrig::profile
