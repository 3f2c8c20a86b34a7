// compare.json: what `leakrig compare` knows beyond its two verdict.json
// files: the revisions it checked out, the verdicts that pass on each side,
// whether the fix is verified, and where the HTML report draws the
// differential flame graph before -> after.
#ifndef LEAKRIG_REPORT_COMPARE_JSON_H_
#define LEAKRIG_REPORT_COMPARE_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "verdict/result.h"

namespace leakrig::report {

struct CompareSide {
  std::string variant;   // its results are in <scenario>/<variant>/
  std::string revision;  // as the user named it
  std::string commit;    // what git resolved it to
  std::vector<verdict::Verdict> passing;
};

struct CompareRecord {
  std::string scenario;
  CompareSide before, after;
  bool verified = false;
  std::string flame_graph;  // relative to the run folder
};

nlohmann::ordered_json CompareToJson(const CompareRecord& record);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_COMPARE_JSON_H_
