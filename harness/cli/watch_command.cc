#include "cli/watch_command.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/load_command.h"
#include "cli/run_support.h"
#include "edge/files.h"
#include "profile/analysis.h"
#include "report/analysis_json.h"
#include "report/verdict_json.h"
#include "runner/html_report.h"
#include "verdict/verdict.h"
#include "watch/openmetrics.h"
#include "watch/render.h"
#include "watch/report.h"
#include "watch/target_url.h"
#include "watch/watch_loop.h"
#include "watch/watch_output.h"

namespace leakrig::cli {
namespace {

struct WatchFlags {
  std::string url;
  double interval = 1.0;
  double fast_interval = 0.25;
  std::optional<double> duration;
  bool until_leak = false;
  std::string out;
  bool json = false;
  std::string format = "text";
  std::string metrics_file;
  bool quiet = false;
  LoadFlags load;  // load.url empty: no load
  std::optional<int64_t> max_goroutines;
  std::optional<int64_t> max_memory;
  double full_dump_every = 60;
  double max_cost = 0.005;
  bool no_leak_profile = false;
  watch::GrowthRules rules;
  bool linger_threshold_set = false;
};

watch::WatchLoopConfig MakeWatchConfig(const WatchFlags& flags, const watch::PprofTarget& target) {
  watch::WatchLoopConfig config;
  config.url = flags.url;
  config.host_port = target.host_port;
  config.interval_seconds = flags.interval;
  config.fast_interval_seconds = flags.fast_interval;
  config.duration_seconds = flags.duration;
  config.until_leak = flags.until_leak;
  config.full_dump_period_seconds = flags.full_dump_every;
  config.max_cost = flags.max_cost;
  config.read_leak_profile = !flags.no_leak_profile;
  config.max_goroutines = flags.max_goroutines;
  config.max_memory_bytes = flags.max_memory;
  config.watch.rules = flags.rules;
  // The run verdict's rule: more goroutines after the load than a clean
  // server holds for its connections is work outliving its requests.
  if (!flags.load.url.empty() && !flags.linger_threshold_set) {
    config.watch.rules.linger_threshold = verdict::Thresholds{}.LingeringLimit(flags.load.concurrency);
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
    live->exposition = watch::RenderOpenMetrics(
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
  runner::HtmlReport html = runner::RenderHtmlReport(global.scripts_dir, folder->dir());
  out << "results: " << folder->dir().string() << "\n";
  if (html.error.empty())
    out << "report: " << html.index.string() << "\n";
  else
    std::cerr << "leakrig watch: no HTML report: " << html.error << "\n";
}

int Watch(const GlobalOptions& global, WatchFlags flags) {
  if (flags.json) flags.format = "json";
  const watch::PprofTarget target = watch::ParsePprofTarget(flags.url);
  std::string error =
      target.error.empty() && !flags.load.url.empty() ? watch::CheckHttpUrl(flags.load.url) : target.error;
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
  watch::WatchLoopConfig config = MakeWatchConfig(flags, target);
  edge::SystemClock clock;
  std::unique_ptr<edge::BackgroundLoad> load;
  if (!flags.load.url.empty()) {
    if (!flags.load.duration) flags.load.duration = flags.duration;  // none: as long as the watch
    load = std::make_unique<edge::BackgroundLoad>(MakeLoadConfig(flags.load), clock);
  }
  config.cancel = &CatchInterrupts();  // Ctrl-C ends the watch at its next step, with its report
  edge::HttpProfileSource source(target.pprof_base);
  const watch::WatchOutcome outcome = watch::RunWatch(source, clock, config, MakeHooks(&live), load.get());
  if (outcome.report.unreachable && outcome.report.summary.samples == 0) {
    std::cerr << fmt::format("leakrig watch: cannot read {}: {}\n", target.pprof_base, outcome.report.stop_reason);
    return kExitUnreadable;
  }
  const nlohmann::ordered_json json = watch::WatchJson(outcome.report, AnalysisOf(outcome));
  if (flags.format == "json") std::cout << json.dump(2) << "\n";
  if (flags.format == "openmetrics") std::cout << live.exposition;
  if (flags.format == "text") std::cout << watch::RenderSummaryText(outcome.report);
  if (folder) WriteFolder(global, folder.get(), outcome, json, *live.lines);
  if (outcome.report.summary.verdict == verdict::Verdict::kLeak) return kExitFailed;
  return outcome.report.unreachable ? kExitUnreadable : kExitOk;
}

void AddRuleFlags(CLI::App* cmd, WatchFlags* flags) {
  watch::GrowthRules& r = flags->rules;
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
  cmd->add_option("url", flags->url, "Base URL of its pprof endpoints, e.g. http://127.0.0.1:6060/debug/pprof/")
      ->required();
  cmd->add_option("--interval", flags->interval, "Seconds between samples")
      ->check(CLI::Range(0.05, 3600.0))
      ->capture_default_str();
  cmd->add_option("--fast-interval", flags->fast_interval,
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
  cmd->add_option("--duration", flags->duration, "Seconds to watch (default: until Ctrl-C)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--until-leak", flags->until_leak, "Stop as soon as a leak is found");
  cmd->add_option("--out", flags->out, "Write a run folder here (profiles, folded stacks, verdict.json, HTML report)");
  cmd->add_flag("--json", flags->json, "Print the final report as JSON (live lines go to stderr)");
  cmd->add_option("--format", flags->format, "text, json or openmetrics (the final exposition on stdout)")
      ->check(CLI::IsMember({"text", "json", "openmetrics"}))
      ->capture_default_str();
  cmd->add_option("--metrics-file", flags->metrics_file,
                  "Rewrite this file with the OpenMetrics exposition every interval (node_exporter textfile)");
  cmd->add_flag("--quiet", flags->quiet, "No line per interval");
  cmd->add_option("--load", flags->load.url, "Drive HTTP load at this URL while watching");
  AddLoadShapeFlags(cmd, &flags->load, "load-");
  cmd->add_option("--load-duration", flags->load.duration, "Seconds of load (default: the whole watch)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-goroutines", flags->max_goroutines, "Report when the goroutines will reach this many")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-memory", flags->max_memory,
                  "Report when heap+stack in use will reach this (e.g. 512MiB; reads heap?debug=1 every 10 s)")
      ->transform(CLI::AsSizeValue(false));
  cmd->add_option("--full-dump-every", flags->full_dump_every,
                  "At most one debug=2 dump (it stops the world) per this many seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-cost", flags->max_cost,
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
