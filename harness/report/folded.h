// Folded stacks, the format flame-graph tools share (Brendan Gregg's):
//
//   main.main;net/http.(*conn).serve;pkg.Handler.func1;[chan send] 1200
//
// One line per distinct stack, root first, then a space and the count.
#ifndef LEAKRIG_REPORT_FOLDED_H_
#define LEAKRIG_REPORT_FOLDED_H_

#include <string>
#include <vector>

#include "profile/aggregate.h"

namespace leakrig::report {

// Folds the groups' stacks. When a group's wait reason is known it becomes
// the leaf as a synthetic frame in brackets, so the flame graph shows what
// each stack waits on. Lines are sorted, so equal inputs give equal files.
std::string FoldStacks(const std::vector<profile::Group>& groups);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_FOLDED_H_
