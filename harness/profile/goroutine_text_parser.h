// Reads per-goroutine records: /debug/pprof/goroutine?debug=2 and the
// tracebacks Go prints on panic, fatal error, SIGQUIT and test timeout.
//
//   goroutine 20 [chan send, 3 minutes]:
//   main.blockedSend(...)
//   	/src/main.go:16 +0x25
//   created by main.main in goroutine 1
//   	/src/main.go:27 +0x167
//
// A record is a header, then function/file line pairs, then an optional
// "created by" pair; a blank line or the next header ends it.

#ifndef LEAKRIG_PROFILE_GOROUTINE_TEXT_PARSER_H_
#define LEAKRIG_PROFILE_GOROUTINE_TEXT_PARSER_H_

#include <string_view>

#include "profile/snapshot_builder.h"

namespace leakrig::profile {

// runtime.Stack gives up at this size: pprof's debug=2 output is cut here.
inline constexpr size_t kGoroutineStacksLimit = 64 << 20;

// Adds the records of `data` to `builder`. With `surrounded` (tracebacks)
// lines outside records are skipped; without it (debug=2) they are errors.
// A record cut by the end of the data is dropped and the snapshot flagged
// truncated.
void ParseGoroutineText(std::string_view data, bool surrounded, SnapshotBuilder* builder);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_GOROUTINE_TEXT_PARSER_H_
