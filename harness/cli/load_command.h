// `leakrig load URL`: the load driver on its own, to load a service while
// watching it. Its load flags are `watch --load`'s too.
#ifndef LEAKRIG_CLI_LOAD_COMMAND_H_
#define LEAKRIG_CLI_LOAD_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "edge/load_driver.h"

namespace leakrig::cli {

// The flags bind straight into the load's config, but for the duration,
// which is given in seconds.
struct LoadFlags {
  edge::LoadConfig config;  // config.url empty: no load
  std::optional<double> duration;
  bool json = false;
};

// The load's config: `config` with the duration, when given.
edge::LoadConfig MakeLoadConfig(const LoadFlags& flags);

// Adds --concurrency, --rate, --<prefix>requests and --<prefix>threads.
void AddLoadShapeFlags(CLI::App* cmd, LoadFlags* flags, const std::string& prefix);

// Adds `load`: exits 0, 2 on a usage error, 3 when no request got a response.
void RegisterLoadCommand(CLI::App& app, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_LOAD_COMMAND_H_
