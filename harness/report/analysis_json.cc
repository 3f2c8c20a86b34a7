#include "report/analysis_json.h"

namespace leakrig::report {
namespace {

nlohmann::json ErrorsJson(const std::vector<profile::ParseError>& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const profile::ParseError& e : errors) {
    out.push_back({{"line", e.line}, {"message", e.message}});
  }
  return out;
}

nlohmann::json EvidenceJson(const profile::Evidence& evidence) {
  nlohmann::json facts = nlohmann::json::array();
  for (const profile::Fact& f : evidence.facts) {
    facts.push_back({{"fact", f.name}, {"value", f.value}, {"dump", f.dump}});
  }
  return {{"facts", facts}, {"why", evidence.why}};
}

}  // namespace

nlohmann::json GroupJson(const profile::Group& group) {
  nlohmann::json labels = nlohmann::json::object();
  for (const auto& [key, value] : group.labels) labels[key] = value;
  return {
      {"signature", group.signature},
      {"count", group.count},
      {"wait_reason", group.wait_reason},
      {"inferred_wait_reason", group.inferred_wait_reason},
      {"top_function", group.top_function},
      {"location", group.location},
      {"created_by", group.created_by},
      {"created_at", group.created_at},
      {"blocked_minutes", {{"min", group.min_minutes}, {"max", group.max_minutes}}},
      {"labels", labels},
      {"stack", group.stack},
      {"leaked", group.leaked},
  };
}

nlohmann::json SuspectJson(const profile::Suspect& suspect) {
  nlohmann::json j = GroupJson(suspect.group);
  j["pattern"] = suspect.pattern;
  j["hint"] = suspect.hint;
  j["score"] = suspect.score;
  j["confidence"] = profile::ConfidenceName(suspect.confidence);
  j["evidence"] = EvidenceJson(suspect.evidence);
  return j;
}

// {"key": K, "buckets": [{"value": V or null when the label is missing,
// "count", "groups", "suspects": [...]}]}
nlohmann::json LabelSplitJson(const profile::LabelSplit& split) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const profile::LabelBucket& b : split.buckets) {
    nlohmann::json suspects = nlohmann::json::array();
    for (const profile::Suspect& s : b.suspects) {
      suspects.push_back(SuspectJson(s));
    }
    const nlohmann::json value = b.has_label ? nlohmann::json(b.value) : nlohmann::json(nullptr);
    buckets.push_back({{"value", value}, {"count", b.count}, {"groups", b.groups}, {"suspects", std::move(suspects)}});
  }
  return {{"key", split.key}, {"buckets", std::move(buckets)}};
}

nlohmann::json AnalysisJson(const profile::Analysis& analysis) {
  nlohmann::json states = nlohmann::json::object();
  for (const profile::StateCount& s : analysis.states) states[s.state] = s.count;
  nlohmann::json groups = nlohmann::json::array();
  for (const profile::Group& g : analysis.groups) groups.push_back(GroupJson(g));
  nlohmann::json suspects = nlohmann::json::array();
  for (const profile::Suspect& s : analysis.suspects) {
    suspects.push_back(SuspectJson(s));
  }
  return {
      {"basis", profile::BasisName(analysis.basis)},
      {"before_total", analysis.before_total},
      {"delta_seconds", analysis.delta_seconds},
      {"format", profile::FormatName(analysis.format)},
      {"truncated", analysis.truncated},
      {"total", analysis.total},
      {"declared_total", analysis.declared_total},
      {"states", states},
      {"readings", analysis.readings},
      {"groups", groups},
      {"suspects", suspects},
      {"errors", ErrorsJson(analysis.errors)},
      {"warnings", ErrorsJson(analysis.warnings)},
  };
}

nlohmann::json SideJson(const profile::Snapshot& s) {
  return {{"format", profile::FormatName(s.format())},
          {"truncated", s.truncated()},
          {"total", s.total()},
          {"errors", s.errors().size()}};
}

nlohmann::json DeltasJson(const std::vector<profile::GroupDelta>& deltas) {
  nlohmann::json out = nlohmann::json::array();
  for (const profile::GroupDelta& d : deltas) {
    nlohmann::json j = GroupJson(d.group);
    j["before"] = d.before;
    j["after"] = d.after;
    j["delta"] = d.delta;
    j["change"] = profile::ChangeName(d.change);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace leakrig::report
