// The entry point: one function from dump bytes to a Snapshot.

#ifndef LEAKRIG_PROFILE_PARSE_DUMP_H_
#define LEAKRIG_PROFILE_PARSE_DUMP_H_

#include <string_view>

#include "profile/snapshot.h"

namespace leakrig::profile {

// Names the format from the content alone: the gzip magic or binary bytes
// (proto), the first line ("goroutine profile: total N", "goroutine 1 [...]:"),
// or a goroutine header further down (a traceback). kUnknown otherwise.
// A debug=2 dump is only told apart from goroutineleak?debug=2 by its
// records, so this returns kGoroutines for both; ParseDump refines it.
DumpFormat DetectFormat(std::string_view data);

// Parses any supported dump. Never throws on bad input and never aborts:
// problems come back as Snapshot::errors() with their line numbers. A
// debug=2 dump holding a goroutine flagged " (leaked)" is reported as
// kLeakGoroutines: only the goroutineleak profile's GC sets that flag.
Snapshot ParseDump(std::string_view data);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_PARSE_DUMP_H_
