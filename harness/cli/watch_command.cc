#include "cli/watch_command.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/load_command.h"
#include "cli/run_support.h"
#include "edge/files.h"
#include "edge/html_page.h"
#include "profile/analysis.h"
#include "report/analysis_json.h"
#include "report/openmetrics.h"
#include "report/verdict_json.h"
#include "report/watch_json.h"
#include "verdict/verdict.h"
#include "watch/render.h"
#include "watch/target_url.h"
#include "watch/watch_loop.h"
#include "watch/watch_output.h"
#include "watch/watch_result.h"

namespace leakrig::cli {
namespace {

// The flags bind straight into the loop's config where they can; the rest
// are resolved into it once, by ResolveConfig.
struct WatchFlags {
  watch::WatchLoopConfig config;
  std::string out;
  bool json = false;
  std::string format = "text";
  std::string metrics_file;
  bool quiet = false;
  LoadFlags load;  // load.config.url empty: no load
  bool no_leak_profile = false;
  bool linger_threshold_set = false;
};

watch::WatchLoopConfig ResolveConfig(const WatchFlags& flags, const watch::PprofTarget& target) {
  watch::WatchLoopConfig config = flags.config;
  config.host_port = target.host_port;
  config.read_leak_profile = !flags.no_leak_profile;
  // The run verdict's rule: more goroutines after the load than a clean
  // server holds for its connections is work outliving its requests.
  if (!flags.load.config.url.empty() && !flags.linger_threshold_set) {
    config.watch.rules.linger_threshold = verdict::Thresholds{}.LingeringLimit(flags.load.config.concurrency);
  }
  return config;
}

// What the hooks share: where the live lines go and the last exposition.
struct LiveOutput {
  std::ostream* lines = &std::cout;
  bool quiet = false;
  std::string target;
  std::string metrics_file;
  bool want_metrics = false;
  std::string exposition;
  watch::RunFolder* folder = nullptr;
};

watch::WatchHooks MakeHooks(LiveOutput* live) {
  watch::WatchHooks hooks;
  hooks.on_interval = [live](const watch::IntervalStatus& s, const watch::Watcher& w, const watch::WatchCost& cost) {
    if (!live->quiet) *live->lines << watch::RenderIntervalLine(s) << std::endl;
    if (!live->want_metrics) return;
    live->exposition = report::RenderOpenMetrics(
        {live->target, w.samples(), s.total, s.total_slope, s.alarms, s.leak_alarm, w.Gauges(50), &cost});
    if (live->folder) live->folder->SaveMetrics(live->exposition);
    if (!live->metrics_file.empty()) {
      if (std::string e = edge::WriteFileAtomic(live->metrics_file, live->exposition, edge::Durability::kAtomicOnly);
          !e.empty()) {
        std::cerr << "leakrig watch: " << e << "\n";
      }
    }
  };
  hooks.on_profile = [live](int64_t sample, const std::string& body) {
    if (live->folder) live->folder->SaveProfile(sample, body);
  };
  hooks.on_full_dump = [live](int64_t sample, const std::string& body) {
    if (live->folder) live->folder->SaveFullDump(sample, body);
  };
  return hooks;
}

// The analyze record of the most telling dump read: the last full dump,
// else the last cheap profile.
nlohmann::json AnalysisOf(const watch::WatchOutcome& outcome) {
  return report::AnalysisJson(profile::Analyze(outcome.telling, profile::AnalyzeOptions{}));
}

void WriteFolder(const GlobalOptions& global, watch::RunFolder* folder, const watch::WatchOutcome& outcome,
                 const nlohmann::ordered_json& json, std::ostream& out) {
  for (const std::string& e : folder->Finish(outcome, json)) std::cerr << "leakrig watch: " << e << "\n";
  edge::HtmlPage html = edge::RenderHtmlPage(global.scripts_dir, folder->dir());
  out << "results: " << folder->dir().string() << "\n";
  if (html.error.empty())
    out << "report: " << html.index.string() << "\n";
  else
    std::cerr << "leakrig watch: no HTML report: " << html.error << "\n";
}

int Watch(const GlobalOptions& global, WatchFlags flags) {
  if (flags.json) flags.format = "json";
  const watch::PprofTarget target = watch::ParsePprofTarget(flags.config.url);
  std::string error = target.error.empty() && !flags.load.config.url.empty()
                          ? watch::CheckHttpUrl(flags.load.config.url)
                          : target.error;
  if (!error.empty()) {
    std::cerr << "leakrig watch: " << error << "\n";
    return kExitUsage;
  }
  std::unique_ptr<watch::RunFolder> folder;
  if (!flags.out.empty() && !(folder = watch::RunFolder::Create(flags.out, target.host_port, &error))) {
    std::cerr << "leakrig watch: " << error << "\n";
    return kExitUsage;
  }
  LiveOutput live{flags.format == "text" ? &std::cout : &std::cerr,
                  flags.quiet,
                  target.host_port,
                  flags.metrics_file,
                  flags.format == "openmetrics" || !flags.metrics_file.empty() || folder,
                  "",
                  folder.get()};
  watch::WatchLoopConfig config = ResolveConfig(flags, target);
  edge::SystemClock clock;
  std::unique_ptr<edge::BackgroundLoad> load;
  if (!flags.load.config.url.empty()) {
    if (!flags.load.duration) flags.load.duration = flags.config.duration_seconds;  // none: as long as the watch
    load = std::make_unique<edge::BackgroundLoad>(MakeLoadConfig(flags.load), clock);
  }
  config.cancel = &CatchInterrupts();  // Ctrl-C ends the watch at its next step, with its report
  edge::HttpProfileSource source(target.pprof_base);
  const watch::WatchOutcome outcome = watch::RunWatch(source, clock, config, MakeHooks(&live), load.get());
  if (outcome.result.unreachable && outcome.result.summary.samples == 0) {
    std::cerr << fmt::format("leakrig watch: cannot read {}: {}\n", target.pprof_base, outcome.result.stop_reason);
    return kExitUnreadable;
  }
  const nlohmann::ordered_json json = report::WatchJson(outcome.result, AnalysisOf(outcome));
  if (flags.format == "json") std::cout << json.dump(2) << "\n";
  if (flags.format == "openmetrics") std::cout << live.exposition;
  if (flags.format == "text") std::cout << watch::RenderSummaryText(outcome.result);
  if (folder) WriteFolder(global, folder.get(), outcome, json, *live.lines);
  if (outcome.result.summary.verdict == verdict::Verdict::kLeak) return kExitFailed;
  return outcome.result.unreachable ? kExitUnreadable : kExitOk;
}

void AddRuleFlags(CLI::App* cmd, WatchFlags* flags) {
  watch::GrowthRules& r = flags->config.watch.rules;
  cmd->add_option("--window", r.window, "Samples in the trend window")
      ->check(CLI::Range(5, 1000))
      ->capture_default_str();
  cmd->add_option("--min-growth", r.min_growth, "Goroutines a stack must gain over the window to count as growing")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40))
      ->capture_default_str();
  cmd->add_option("--linger-threshold", r.linger_threshold,
                  "Excess goroutines in one stack after the load that count as lingering "
                  "(default with --load: 8 + 4 x concurrency)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40))
      ->each([flags](const std::string&) { flags->linger_threshold_set = true; })
      ->capture_default_str();
  cmd->add_option("--plateau", r.plateau_seconds,
                  "Without --load: seconds a grown stack must stay flat to count as bounded")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

void RegisterWatch(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<WatchFlags>();
  CLI::App* cmd = app.add_subcommand("watch", "Watch a live Go service's goroutines for leaks, from outside");
  cmd->add_option("url", flags->config.url, "Base URL of its pprof endpoints, e.g. http://127.0.0.1:6060/debug/pprof/")
      ->required();
  cmd->add_option("--interval", flags->config.interval_seconds, "Seconds between samples")
      ->check(CLI::Range(0.05, 3600.0))
      ->capture_default_str();
  cmd->add_option("--fast-interval", flags->config.fast_interval_seconds,
                  "Seconds between the first window's samples, while profiles are cheap (0: every one at --interval)")
      ->check(CLI::Validator(
          [](std::string& text) {
            double v = -1;
            return CLI::detail::lexical_cast(text, v) && (v == 0 || (v >= 0.05 && v <= 3600))
                       ? std::string()
                       : text + " is neither 0 nor between 0.05 and 3600";
          },
          "0 or 0.05 to 3600"))
      ->capture_default_str();
  cmd->add_option("--duration", flags->config.duration_seconds, "Seconds to watch (default: until Ctrl-C)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--until-leak", flags->config.until_leak, "Stop as soon as a leak is found");
  cmd->add_option("--out", flags->out, "Write a run folder here (profiles, folded stacks, verdict.json, HTML report)");
  cmd->add_flag("--json", flags->json, "Print the final report as JSON (live lines go to stderr)");
  cmd->add_option("--format", flags->format, "text, json or openmetrics (the final exposition on stdout)")
      ->check(CLI::IsMember({"text", "json", "openmetrics"}))
      ->capture_default_str();
  cmd->add_option("--metrics-file", flags->metrics_file,
                  "Rewrite this file with the OpenMetrics exposition every interval (node_exporter textfile)");
  cmd->add_flag("--quiet", flags->quiet, "No line per interval");
  cmd->add_option("--load", flags->load.config.url, "Drive HTTP load at this URL while watching");
  AddLoadShapeFlags(cmd, &flags->load, "load-");
  cmd->add_option("--load-duration", flags->load.duration, "Seconds of load (default: the whole watch)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-goroutines", flags->config.max_goroutines, "Report when the goroutines will reach this many")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-memory", flags->config.max_memory_bytes,
                  "Report when heap+stack in use will reach this (e.g. 512MiB; reads heap?debug=1 every 10 s)")
      ->transform(CLI::AsSizeValue(false));
  cmd->add_option("--full-dump-every", flags->config.full_dump_period_seconds,
                  "At most one debug=2 dump (it stops the world) per this many seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-cost", flags->config.max_cost,
                  "Stretch the interval so that profile requests take at most this share of it (0: never)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_flag("--no-leak-profile", flags->no_leak_profile, "Do not read /debug/pprof/goroutineleak");
  AddRuleFlags(cmd, flags.get());
  cmd->callback([&global, flags, exit_code] { *exit_code = Watch(global, *flags); });
}

}  // namespace

void RegisterWatchCommands(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  RegisterWatch(app, global, exit_code);
  RegisterLoadCommand(app, exit_code);
}

}  // namespace leakrig::cli
