#include "profile/by_label.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace leakrig::profile {
namespace {

// The group's value of `key`; nullopt when it has no such label.
std::optional<std::string> LabelValue(const Group& group, std::string_view key) {
  for (const auto& [k, v] : group.labels) {
    if (k == key) return v;
  }
  return std::nullopt;
}

// Without the label sorts after every value; then count, then value.
bool BucketBefore(const LabelBucket& a, const LabelBucket& b) {
  return std::tuple(!a.has_label, -a.count, a.value) < std::tuple(!b.has_label, -b.count, b.value);
}

}  // namespace

LabelSplit SplitByLabel(const Analysis& analysis, std::string_view key) {
  // Keyed by (has_label, value) so that "" the value and "no label" differ.
  std::map<std::pair<bool, std::string>, LabelBucket> buckets;
  auto bucket_of = [&](const Group& group) -> LabelBucket& {
    const std::optional<std::string> value = LabelValue(group, key);
    LabelBucket& bucket = buckets[{value.has_value(), value.value_or("")}];
    bucket.value = value.value_or("");
    bucket.has_label = value.has_value();
    return bucket;
  };
  for (const Group& group : analysis.groups) {
    LabelBucket& bucket = bucket_of(group);
    bucket.count += group.count;
    ++bucket.groups;
  }
  for (const Suspect& suspect : analysis.suspects) {
    bucket_of(suspect.group).suspects.push_back(suspect);
  }
  LabelSplit split{std::string(key), {}};
  for (auto& [id, bucket] : buckets) split.buckets.push_back(std::move(bucket));
  std::sort(split.buckets.begin(), split.buckets.end(), BucketBefore);
  return split;
}

}  // namespace leakrig::profile
