// Splitting a suite over N machines: `leakrig suite --shard I/N` runs shard I
// of N. Pure: the split is a function of the variants' names and planned
// seconds, so every machine of a CI matrix computes the same one.
#ifndef LEAKRIG_RUNNER_SHARD_H_
#define LEAKRIG_RUNNER_SHARD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leakrig::runner {

struct ShardSpec {
  int index = 1;             // 1-based
  int count = 1;             // 1: the whole selection
  std::string Name() const;  // "2/3"
};

// Parses "I/N" with 1 <= I <= N; on a bad value returns nullopt and says why.
std::optional<ShardSpec> ParseShard(std::string_view text, std::string* error);

// One variant of a suite's selection.
struct PlannedVariant {
  std::string name;        // "scenario/variant", unique in the selection
  int64_t planned_ms = 0;  // how long its phases take by the manifest (PlannedMilliseconds)
};

// The shard (1..count) of each variant, by index. The rule: take the
// variants longest planned first, equal ones by name; give each to the shard
// with the fewest planned milliseconds so far, the lowest-numbered one on a
// tie. Whole milliseconds keep the sums exact, so the split depends on the
// set of (name, planned time) only: not on the order variants are listed in,
// the machine, or any time measured. Every variant gets exactly one shard.
std::vector<int> AssignShards(const std::vector<PlannedVariant>& variants, int count);

// The indices of `variants` in the order a worker pool should start them:
// longest planned first (equal ones by name), so that no long variant
// starts last and runs alone.
std::vector<size_t> LongestFirst(const std::vector<PlannedVariant>& variants);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_SHARD_H_
