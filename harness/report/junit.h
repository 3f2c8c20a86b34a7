// JUnit XML, one <testcase> per scenario variant, for CI systems.
#ifndef LEAKRIG_REPORT_JUNIT_H_
#define LEAKRIG_REPORT_JUNIT_H_

#include <ostream>
#include <vector>

#include "verdict/result.h"

namespace leakrig::report {

// The suite's <properties> name the Go that ran it (go_version, go_leak_profile).
void WriteJunit(const std::vector<verdict::VariantResult>& results, const verdict::GoInfo& go, std::ostream& out);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_JUNIT_H_
