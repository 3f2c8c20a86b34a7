// Reads /debug/pprof/goroutine?debug=0: a profile.proto message (google/pprof's
// schema, checked in beside this file), gzipped as Go serves it, or raw.

#ifndef LEAKRIG_PROFILE_PROTO_PARSER_H_
#define LEAKRIG_PROFILE_PROTO_PARSER_H_

#include <string_view>

#include "profile/snapshot_builder.h"

namespace leakrig::profile {

// Decompression stops with an error past this size: a few KB of gzip can
// claim gigabytes, and a goroutine profile of 100k distinct stacks is a few MB.
inline constexpr size_t kMaxInflatedProto = 256 << 20;

// True when `data` starts with gzip's magic bytes, as Go serves profiles.
bool IsGzip(std::string_view data);

// Adds one record per sample to `builder`. A gzip stream that ends early
// flags the snapshot truncated; the proto itself cannot be read in part.
void ParseProto(std::string_view data, SnapshotBuilder* builder);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_PROTO_PARSER_H_
