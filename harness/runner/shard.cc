#include "runner/shard.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <numeric>

namespace leakrig::runner {
namespace {

// A whole positive number, digits only ("+1", " 1" and "1.0" are refused).
std::optional<int> ParseCount(std::string_view text) {
  int value = 0;
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string ShardSpec::Name() const { return fmt::format("{}/{}", index, count); }

std::optional<ShardSpec> ParseShard(std::string_view text, std::string* error) {
  const size_t slash = text.find('/');
  std::optional<int> index, count;
  if (slash != std::string_view::npos) {
    index = ParseCount(text.substr(0, slash));
    count = ParseCount(text.substr(slash + 1));
  }
  if (!index || !count) {
    *error =
        fmt::format("--shard \"{}\": expected I/N, two whole numbers, e.g. 2/3 for the second of three shards", text);
  } else if (*count < 1) {
    *error = fmt::format("--shard {}: the number of shards must be at least 1", text);
  } else if (*index < 1 || *index > *count) {
    *error = fmt::format("--shard {}: the shard must be between 1 and {}", text, *count);
  } else {
    return ShardSpec{*index, *count};
  }
  return std::nullopt;
}

std::vector<size_t> LongestFirst(const std::vector<PlannedVariant>& variants) {
  std::vector<size_t> order(variants.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (variants[a].planned_ms != variants[b].planned_ms) return variants[a].planned_ms > variants[b].planned_ms;
    return variants[a].name < variants[b].name;
  });
  return order;
}

std::vector<int> AssignShards(const std::vector<PlannedVariant>& variants, int count) {
  std::vector<int> shard_of(variants.size(), 1);
  std::vector<int64_t> planned(static_cast<size_t>(std::max(count, 1)), 0);
  for (size_t i : LongestFirst(variants)) {
    // min_element returns the first of equal ones: the lowest-numbered shard.
    const auto least = std::min_element(planned.begin(), planned.end());
    *least += variants[i].planned_ms;
    shard_of[i] = static_cast<int>(least - planned.begin()) + 1;
  }
  return shard_of;
}

}  // namespace leakrig::runner
