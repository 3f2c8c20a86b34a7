#include "profile/analyze.h"

#include <algorithm>
#include <unordered_set>

#include "profile/diff.h"

namespace leakrig::profile {
namespace {

// Growth per suspect, aligned with the suspects; empty for one dump.
using Growths = std::vector<Growth>;

// Judges every suspect, then puts the surest first; the score still orders
// suspects of equal confidence.
void Calibrate(const DumpFacts& dump, const Growths& growths, std::vector<Suspect>* suspects) {
  for (size_t i = 0; i < suspects->size(); ++i) {
    Suspect& s = (*suspects)[i];
    Judgement judged = Judge(s.group, dump, growths.empty() ? nullptr : &growths[i]);
    s.confidence = judged.confidence;
    s.evidence = std::move(judged.evidence);
  }
  std::stable_sort(suspects->begin(), suspects->end(),
                   [](const Suspect& a, const Suspect& b) { return a.confidence > b.confidence; });
}

// Everything but the suspects' judgement.
Analysis Describe(const Snapshot& snapshot, const AnalyzeOptions& options) {
  Analysis analysis;
  analysis.format = snapshot.format();
  analysis.truncated = snapshot.truncated();
  analysis.deadlocked = snapshot.deadlocked();
  analysis.declared_total = snapshot.declared_total();
  analysis.total = snapshot.total();
  analysis.states = CountStates(snapshot);
  analysis.groups = Aggregate(snapshot, options.similarity);
  analysis.suspects = FindSuspects(analysis.groups, options.ignore);
  analysis.errors.assign(snapshot.errors().begin(), snapshot.errors().end());
  analysis.warnings.assign(snapshot.warnings().begin(), snapshot.warnings().end());
  return analysis;
}

// A delta's groups as changes from nothing, for GrowthOf.
std::vector<GroupDelta> AsDeltas(const std::vector<Group>& groups) {
  std::vector<GroupDelta> deltas;
  for (const Group& g : groups) {
    deltas.push_back(GroupDelta{g, 0, g.count, g.count, Change::kSame});
  }
  return deltas;
}

Analysis AnalyzeDelta(const Snapshot& snapshot, const AnalyzeOptions& options) {
  Analysis analysis = Describe(snapshot, options);
  analysis.basis = Basis::kDelta;
  analysis.delta_seconds = static_cast<double>(snapshot.delta_nanos()) / 1e9;
  std::erase_if(analysis.suspects, [](const Suspect& s) { return s.group.count <= 0; });
  const std::vector<GroupDelta> deltas = AsDeltas(analysis.groups);
  Growths growths;
  for (const Suspect& s : analysis.suspects) {
    growths.push_back(GrowthOf(s.group, deltas, false));
  }
  Calibrate(MakeDumpFacts(analysis.groups, false, "delta", true), growths, &analysis.suspects);
  return analysis;
}

}  // namespace

std::string_view BasisName(Basis basis) {
  switch (basis) {
    case Basis::kTwoDumps:
      return "two dumps";
    case Basis::kDelta:
      return "delta";
    case Basis::kOneDump:
      break;
  }
  return "one dump";
}

Analysis Analyze(const Snapshot& snapshot, const AnalyzeOptions& options) {
  if (snapshot.format() == DumpFormat::kProtoDelta) {
    return AnalyzeDelta(snapshot, options);
  }
  Analysis analysis = Describe(snapshot, options);
  analysis.readings = Readings(snapshot, analysis.states, analysis.groups, options.context);
  Calibrate(MakeDumpFacts(analysis.groups, analysis.deadlocked, "dump"), {}, &analysis.suspects);
  return analysis;
}

Analysis AnalyzeGrowth(const Snapshot& before, const Snapshot& after, const AnalyzeOptions& options) {
  Analysis analysis = Describe(after, options);
  analysis.basis = Basis::kTwoDumps;
  analysis.before_total = before.total();
  analysis.readings = Readings(after, analysis.states, analysis.groups, options.context);
  std::unordered_set<std::string> blocked_before;
  for (const Suspect& s : FindSuspects(Aggregate(before, options.similarity), options.ignore)) {
    blocked_before.insert(s.group.signature);
  }
  const std::vector<GroupDelta> deltas = Diff(before, after, options.similarity);
  Growths growths;
  for (const Suspect& s : analysis.suspects) {
    growths.push_back(GrowthOf(s.group, deltas, blocked_before.contains(s.group.signature)));
  }
  Calibrate(MakeDumpFacts(analysis.groups, analysis.deadlocked, "after"), growths, &analysis.suspects);
  return analysis;
}

}  // namespace leakrig::profile
