// Options every command shares, parsed once in main.
#ifndef LEAKRIG_CLI_OPTIONS_H_
#define LEAKRIG_CLI_OPTIONS_H_

#include <filesystem>
#include <string>

namespace leakrig::cli {

struct GlobalOptions {
  // The data: scenarios/ and go-fixtures/. --root or LEAKRIG_ROOT, else the
  // folder found beside this binary (edge::LocateData); empty when none was,
  // and then `data_error` says where leakrig looked.
  std::filesystem::path root;
  std::string data_error;
  // Fixture and service builds: LEAKRIG_FIXTURE_CACHE, else <build>/fixtures
  // in a checkout, else the user's cache (an installed copy's prefix may be
  // read-only).
  std::filesystem::path fixture_cache;
  // leakrig's own scripts (the HTML report): those of the data folder found
  // beside this binary, else <root>/scripts.
  std::filesystem::path scripts_dir;
  // Where run folders go without --out: <root>/results in a checkout,
  // results/ in the current folder for an installed copy.
  std::filesystem::path results_dir;
};

// From the environment and the binary's place; `root`, `scripts_dir` and
// `results_dir` are completed once --root has been parsed.
GlobalOptions DefaultGlobalOptions();

// Exit codes shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;      // an expectation failed, or a leak was found
inline constexpr int kExitUsage = 2;       // bad flags, bad manifest, unusable output folder
inline constexpr int kExitUnreadable = 3;  // input or target cannot be read

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_OPTIONS_H_
