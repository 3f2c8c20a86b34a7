// Options every command shares, parsed once in main.
#ifndef LEAKRIG_CLI_OPTIONS_H_
#define LEAKRIG_CLI_OPTIONS_H_

#include <filesystem>
#include <string>

namespace leakrig::cli {

struct GlobalOptions {
  // The repository: scenarios/ and go-fixtures/ live here. Defaults to the
  // source tree this binary was built from; --root or LEAKRIG_ROOT override.
  std::filesystem::path root;
  // Built fixture binaries: build/fixtures, or LEAKRIG_FIXTURE_CACHE.
  std::filesystem::path fixture_cache;
  // leakrig's own scripts (the HTML report): those beside this binary's
  // build folder, else <root>/scripts (edge::FindScriptsDir).
  std::filesystem::path scripts_dir;
};

GlobalOptions DefaultGlobalOptions();

// Exit codes shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;      // an expectation failed, or a leak was found
inline constexpr int kExitUsage = 2;       // bad flags, bad manifest, unusable output folder
inline constexpr int kExitUnreadable = 3;  // input or target cannot be read

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_OPTIONS_H_
