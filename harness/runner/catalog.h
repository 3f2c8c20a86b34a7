// The scenario catalog: every manifest in scenarios/.
#ifndef LEAKRIG_RUNNER_CATALOG_H_
#define LEAKRIG_RUNNER_CATALOG_H_

#include <filesystem>
#include <string>
#include <vector>

#include "scenario/manifest.h"

namespace leakrig::runner {

struct Catalog {
  std::vector<scenario::Scenario> scenarios;  // sorted by name
  std::vector<scenario::ManifestError> errors;
  const scenario::Scenario* Find(std::string_view name) const;
};

// Reads every *.toml in `dir`. A bad manifest is reported and skipped; the
// others still load. A manifest whose name differs from its file stem is an error.
Catalog LoadCatalog(const std::filesystem::path& dir);

// Shell-style glob with * and ?, for --filter.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_CATALOG_H_
