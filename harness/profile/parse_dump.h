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

// Whether a dump that starts with `head` is a debug=2 dump, which
// GoroutineDumpStream can read window by window: its first non-blank line
// is a goroutine header, whole in `head`. `head` must hold the first 512
// bytes of the dump, or all of it; DetectFormat decides the same way.
bool StartsAsGoroutineDump(std::string_view head);

struct ParseOptions {
  // Threads a large debug=2 dump is parsed on (goroutine_dump_stream.h);
  // the Snapshot is the same for any number.
  int threads = 1;
};

// Parses any supported dump. Never throws on bad input and never aborts:
// problems come back as Snapshot::errors() with their line numbers. A
// debug=2 dump holding a goroutine flagged " (leaked)" is reported as
// kLeakGoroutines: only the goroutineleak profile's GC sets that flag.
Snapshot ParseDump(std::string_view data, const ParseOptions& options = {});

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_PARSE_DUMP_H_
