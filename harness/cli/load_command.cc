#include "cli/load_command.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/run_support.h"
#include "edge/load_summary.h"
#include "report/verdict_json.h"
#include "watch/target_url.h"

namespace leakrig::cli {
namespace {

int Load(LoadFlags flags) {
  if (std::string error = watch::CheckHttpUrl(flags.config.url); !error.empty()) {
    std::cerr << "leakrig load: " << error << "\n";
    return kExitUsage;
  }
  if (!flags.duration && flags.config.requests == 0) flags.duration = 10.0;
  edge::LoadConfig config = MakeLoadConfig(flags);
  config.cancel = &CatchInterrupts();  // Ctrl-C ends the load early; its figures still print
  const edge::LoadReport report = edge::RunLoad(config);
  const verdict::LoadSummary s = edge::Summarize(report);
  if (flags.json) {
    std::cout << report::LoadToJson(s).dump(2) << "\n";
  } else {
    std::cout << fmt::format("{} requests in {:.2f} s, {} errors, {} non-2xx, {:.1f} requests/s\n", s.requests,
                             s.seconds, s.errors, s.non_2xx, s.rps)
              << fmt::format("latency p50 {:.3f} ms, p90 {:.3f} ms, p99 {:.3f} ms, max {:.3f} ms\n", s.p50_ms, s.p90_ms,
                             s.p99_ms, s.max_ms);
  }
  if (s.requests > 0) return kExitOk;
  std::cerr << "leakrig load: no request got a response: " << report.first_error << "\n";
  return kExitUnreadable;
}

}  // namespace

edge::LoadConfig MakeLoadConfig(const LoadFlags& flags) {
  edge::LoadConfig config = flags.config;
  if (flags.duration) config.duration = std::chrono::milliseconds(static_cast<int64_t>(*flags.duration * 1000));
  return config;
}

void AddLoadShapeFlags(CLI::App* cmd, LoadFlags* flags, const std::string& prefix) {
  cmd->add_option("--concurrency", flags->config.concurrency, "Connections, each with one request in flight")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  cmd->add_option("--rate", flags->config.rate, "Requests/s over all connections (0: as fast as possible)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--" + prefix + "requests", flags->config.requests, "Stop after this many requests")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--" + prefix + "threads", flags->config.threads,
                  "Client threads, each with its own share of the connections (at most --concurrency)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
}

void RegisterLoadCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<LoadFlags>();
  CLI::App* cmd = app.add_subcommand("load", "Drive HTTP load at a URL and print throughput and latency");
  cmd->add_option("url", flags->config.url, "URL to request (http:// or https://)")->required();
  cmd->add_option("--duration", flags->duration, "Seconds of load (default 10 unless --requests)")
      ->check(CLI::PositiveNumber);
  AddLoadShapeFlags(cmd, flags.get(), "");
  cmd->add_flag("--json", flags->json, "Print JSON: requests, errors, rps, latency_ms {p50, p90, p99, max}");
  cmd->callback([flags, exit_code] { *exit_code = Load(*flags); });
}

}  // namespace leakrig::cli
