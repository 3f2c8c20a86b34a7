// Reads the aggregated goroutine profile, /debug/pprof/goroutine?debug=1
// (and goroutineleak?debug=1, same layout, other first word):
//
//   goroutine profile: total 14
//   3 @ 0x43b256 0x40708c 0x406c3d 0x6a8965 0x46b221
//   # labels: {"tenant":"a b", "worker":"w1"}
//   #	0x6a8964	main.blockedSend+0x24	/src/main.go:18
//   <blank>
//
// The `@` PCs are ignored: they cover runtime frames the `#` lines leave
// out, and PCs would make signatures differ between builds.

#ifndef LEAKRIG_PROFILE_AGGREGATED_PARSER_H_
#define LEAKRIG_PROFILE_AGGREGATED_PARSER_H_

#include <string_view>

#include "profile/snapshot_builder.h"

namespace leakrig::profile {

// Adds the blocks of `data`, which starts with its "... profile: total N"
// line, to `builder`. A block not closed by its blank line is dropped and the
// snapshot flagged truncated.
void ParseAggregated(std::string_view data, SnapshotBuilder* builder);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_AGGREGATED_PARSER_H_
