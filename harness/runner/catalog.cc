#include "runner/catalog.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>

#include "edge/files.h"
#include "edge/fixture_builder.h"
#include "text/fnv1a.h"

namespace leakrig::runner {
namespace fs = std::filesystem;

const scenario::Scenario* Catalog::Find(std::string_view name) const {
  for (const auto& s : scenarios) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  return ::fnmatch(std::string(pattern).c_str(), std::string(text).c_str(), 0) == 0;
}

std::string CatalogFingerprint(const Catalog& catalog, const std::vector<const scenario::Scenario*>& chosen,
                               const fs::path& fixtures_dir, std::string_view settings) {
  text::Fnv1a hash;
  for (const scenario::Scenario* s : chosen) {
    auto digest = catalog.manifest_digests.find(s->name);
    hash.Add(s->name);
    hash.Add(digest == catalog.manifest_digests.end() ? "" : digest->second);
  }
  std::string unreadable;  // an unreadable module fails its builds, which the run reports
  hash.Add(edge::HashModuleSources(fixtures_dir, &unreadable));
  hash.Add(settings);
  return fmt::format("{:016x}", hash.state);
}

Catalog LoadCatalog(const fs::path& dir) {
  Catalog catalog;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) {
    catalog.errors.push_back({dir.string(), ec.message()});
    return catalog;
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::string text, error;
    if (!edge::ReadFile(file.string(), &text, &error)) {
      catalog.errors.push_back({file.string(), error});
      continue;
    }
    scenario::ParsedManifest parsed = scenario::ParseManifest(text, file.string());
    catalog.errors.insert(catalog.errors.end(), parsed.errors.begin(), parsed.errors.end());
    if (!parsed.scenario) continue;
    if (parsed.scenario->name != file.stem().string()) {
      catalog.errors.push_back({file.string() + ": name", "must equal the file name without .toml"});
      continue;
    }
    text::Fnv1a digest;
    digest.Add(text);
    catalog.manifest_digests[parsed.scenario->name] = fmt::format("{:016x}", digest.state);
    catalog.scenarios.push_back(std::move(*parsed.scenario));
  }
  return catalog;
}

}  // namespace leakrig::runner
