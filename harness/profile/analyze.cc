// Copyright leakrig authors.

#include "profile/analyze.h"

namespace leakrig::profile {

Analysis Analyze(const Snapshot& snapshot, const AnalyzeOptions& options) {
  Analysis analysis;
  analysis.format = snapshot.format();
  analysis.truncated = snapshot.truncated();
  analysis.declared_total = snapshot.declared_total();
  analysis.total = snapshot.total();
  analysis.states = CountStates(snapshot);
  analysis.groups = Aggregate(snapshot, options.similarity);
  analysis.readings =
      Readings(snapshot, analysis.states, analysis.groups, options.context);
  analysis.suspects = FindSuspects(analysis.groups, options.ignore);
  analysis.errors.assign(snapshot.errors().begin(), snapshot.errors().end());
  analysis.warnings.assign(snapshot.warnings().begin(),
                           snapshot.warnings().end());
  return analysis;
}

}  // namespace leakrig::profile
