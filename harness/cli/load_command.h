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

struct LoadFlags {
  std::string url;
  std::optional<double> duration;
  int64_t requests = 0;
  int concurrency = 8;
  int threads = 1;
  double rate = 0;
  bool json = false;
};

edge::LoadConfig MakeLoadConfig(const LoadFlags& flags);

// Adds --concurrency, --rate, --<prefix>requests and --<prefix>threads.
void AddLoadShapeFlags(CLI::App* cmd, LoadFlags* flags, const std::string& prefix);

// Adds `load`: exits 0, 2 on a usage error, 3 when no request got a response.
void RegisterLoadCommand(CLI::App& app, int* exit_code);

}  // namespace leakrig::cli

#endif  // LEAKRIG_CLI_LOAD_COMMAND_H_
