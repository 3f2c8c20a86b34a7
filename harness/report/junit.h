// JUnit XML, one <testcase> per scenario variant, for CI systems.
#ifndef LEAKRIG_REPORT_JUNIT_H_
#define LEAKRIG_REPORT_JUNIT_H_

#include <ostream>
#include <vector>

#include "verdict/result.h"

namespace leakrig::report {

void WriteJunit(const std::vector<verdict::VariantResult>& results, std::ostream& out);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_JUNIT_H_
