#include "report/compare_json.h"

namespace leakrig::report {
namespace {

nlohmann::ordered_json SideToJson(const CompareSide& side) {
  nlohmann::ordered_json passing = nlohmann::ordered_json::array();
  for (verdict::Verdict v : side.passing) passing.push_back(verdict::VerdictName(v));
  return {{"variant", side.variant}, {"revision", side.revision}, {"commit", side.commit}, {"passing", passing}};
}

}  // namespace

nlohmann::ordered_json CompareToJson(const CompareRecord& record) {
  return {{"scenario", record.scenario},
          {"before", SideToJson(record.before)},
          {"after", SideToJson(record.after)},
          {"verified", record.verified},
          {"flame_graph", record.flame_graph}};
}

}  // namespace leakrig::report
