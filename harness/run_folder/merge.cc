#include "run_folder/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace leakrig::run_folder {
namespace {

std::string ShardName(const ShardRun& shard) {
  return fmt::format("{} (shard {}/{})", shard.folder, shard.summary.selection.shard_index,
                     shard.summary.selection.shard_count);
}

// Why `shard` cannot be merged with `first`, or "".
std::string Mismatch(const ShardRun& first, const ShardRun& shard) {
  const SuiteSummary &a = first.summary, &b = shard.summary;
  if (a.go.version != b.go.version || a.go.leak_profile != b.go.leak_profile) {
    return fmt::format("{} ran on {} (leak profile {}) but {} on {} (leak profile {}): merge the shards of one Go",
                       first.folder, a.go.version, a.go.leak_profile, shard.folder, b.go.version, b.go.leak_profile);
  }
  if (a.selection.catalog != b.selection.catalog || a.selection.variants != b.selection.variants) {
    return fmt::format(
        "{} and {} ran different catalogs (fingerprints {} and {}): merge the shards of one suite, run from "
        "the same commit with the same flags",
        first.folder, shard.folder, a.selection.catalog, b.selection.catalog);
  }
  if (a.selection.shard_count != b.selection.shard_count) {
    return fmt::format("{} and {} split the suite differently: merge shards of one --shard I/N with the same N",
                       ShardName(first), ShardName(shard));
  }
  return "";
}

}  // namespace

std::optional<MergedRun> MergeShards(const std::vector<ShardRun>& shards, std::string* error) {
  if (shards.empty()) {
    *error = "nothing to merge: name the shards' run folders";
    return std::nullopt;
  }
  for (const ShardRun& shard : shards) {
    if (*error = Mismatch(shards[0], shard); !error->empty()) return std::nullopt;
  }
  const std::vector<std::string>& selected = shards[0].summary.selection.variants;
  std::map<std::string, std::pair<size_t, size_t>> ran;  // "scenario/variant" -> (shard, result)
  for (size_t s = 0; s < shards.size(); ++s) {
    const std::vector<verdict::VariantResult>& results = shards[s].summary.results;
    for (size_t r = 0; r < results.size(); ++r) {
      const std::string name = results[r].scenario + "/" + results[r].variant;
      if (std::find(selected.begin(), selected.end(), name) == selected.end()) {
        *error = fmt::format("{} ran {}, which its own selection does not list", ShardName(shards[s]), name);
        return std::nullopt;
      }
      auto [it, added] = ran.try_emplace(name, s, r);
      if (!added) {
        *error = fmt::format("{} is in both {} and {}: each variant must come from one shard", name,
                             ShardName(shards[it->second.first]), ShardName(shards[s]));
        return std::nullopt;
      }
    }
  }
  MergedRun merged;
  merged.go = shards[0].summary.go;
  merged.selection = shards[0].summary.selection;
  merged.selection.shard_index = merged.selection.shard_count = 1;
  merged.complete = true;
  for (const ShardRun& shard : shards) {
    merged.complete = merged.complete && shard.summary.complete;
    for (const std::string& e : shard.summary.selection.catalog_errors) {
      auto& errors = merged.selection.catalog_errors;
      if (std::find(errors.begin(), errors.end(), e) == errors.end()) errors.push_back(e);
    }
  }
  for (const std::string& name : selected) {
    auto it = ran.find(name);
    if (it == ran.end()) {
      merged.missing.push_back(name);
      continue;
    }
    merged.results.push_back(shards[it->second.first].summary.results[it->second.second]);
    merged.shard_of.push_back(it->second.first);
  }
  merged.complete = merged.complete && merged.missing.empty();
  return merged;
}

bool RunPassed(const std::vector<verdict::VariantResult>& results, bool complete,
               const std::vector<std::string>& catalog_errors) {
  return !results.empty() && complete && catalog_errors.empty() &&
         std::all_of(results.begin(), results.end(), [](const verdict::VariantResult& r) { return r.passed; });
}

}  // namespace leakrig::run_folder
