// The scenario catalog: every manifest in scenarios/.
#ifndef LEAKRIG_RUNNER_CATALOG_H_
#define LEAKRIG_RUNNER_CATALOG_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "scenario/manifest.h"

namespace leakrig::runner {

struct Catalog {
  std::vector<scenario::Scenario> scenarios;  // sorted by name
  std::vector<scenario::ManifestError> errors;
  std::map<std::string, std::string> manifest_digests;  // scenario name -> FNV-1a of its manifest's text
  const scenario::Scenario* Find(std::string_view name) const;
};

// Reads every *.toml in `dir`. A bad manifest is reported and skipped; the
// others still load. A manifest whose name differs from its file stem is an error.
Catalog LoadCatalog(const std::filesystem::path& dir);

// What a suite's shards must share to be merged, as 16 hex digits: the
// chosen manifests' texts, the fixtures' sources under `fixtures_dir` and
// `settings` (the flags that change what runs).
std::string CatalogFingerprint(const Catalog& catalog, const std::vector<const scenario::Scenario*>& chosen,
                               const std::filesystem::path& fixtures_dir, std::string_view settings);

// Shell-style glob with * and ?, for --filter.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_CATALOG_H_
