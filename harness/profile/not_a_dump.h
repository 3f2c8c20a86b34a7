// Telling a user what they passed when it is not a goroutine dump: a CI gate
// reads exit 0 as "no leak", so "could not read it" must never look like 0.

#ifndef LEAKRIG_PROFILE_NOT_A_DUMP_H_
#define LEAKRIG_PROFILE_NOT_A_DUMP_H_

#include <string>
#include <string_view>

#include "profile/snapshot.h"

namespace leakrig::profile {

// One line saying what `data` looks like when ParseDump read no goroutine
// from it ("an HTML page titled \"502 Bad Gateway\"", "a heap profile …"),
// or "" when it is a dump: at least one goroutine was read, or it is a
// goroutine profile.proto without error (a delta profile may hold no sample).
std::string WhyNotADump(std::string_view data, const Snapshot& snapshot);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_NOT_A_DUMP_H_
