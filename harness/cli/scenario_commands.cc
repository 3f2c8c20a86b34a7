#include "cli/scenario_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <optional>
#include <vector>

#include "cli/progress.h"
#include "cli/run_support.h"
#include "cli/service_commands.h"
#include "runner/catalog.h"
#include "runner/suite.h"

namespace leakrig::cli {
namespace fs = std::filesystem;
namespace {

// What the command line may set over every manifest it runs.
struct ManifestFlags {
  std::optional<double> duration_seconds;
  std::optional<int> concurrency;
  std::optional<double> rate;
  std::optional<double> interval_seconds;
};

struct RunFlags {
  std::string name;
  std::string variant = "both";
  std::string filter = "*";
  std::string out;
  std::string junit;
  std::string go;                    // --go VERSION
  std::optional<std::string> shard;  // --shard I/N; unset: the whole selection
  int jobs = runner::kDefaultJobs;
  ManifestFlags manifest;
};

// The part of the selection a suite runs, and what its summary records
// so that `merge` can put the parts together.
struct Part {
  runner::ShardSpec shard;
  std::vector<std::string> variants;  // this shard's "scenario/variant"s
  std::vector<std::string> catalog_errors;
};

// The scenarios exactly as they will run: each manifest with the flags
// applied, once, before anything runs; the runner reads no flag.
std::vector<scenario::Scenario> ApplyFlags(const std::vector<const scenario::Scenario*>& manifests,
                                           const ManifestFlags& flags) {
  std::vector<scenario::Scenario> resolved;
  for (const scenario::Scenario* manifest : manifests) {
    scenario::Scenario& s = resolved.emplace_back(*manifest);
    s.load.duration_seconds = flags.duration_seconds.value_or(s.load.duration_seconds);
    s.load.concurrency = flags.concurrency.value_or(s.load.concurrency);
    s.load.rate = flags.rate.value_or(s.load.rate);
    s.timing.interval_seconds = flags.interval_seconds.value_or(s.timing.interval_seconds);
  }
  return resolved;
}

// The flags that change what runs: part of the catalog's fingerprint, since
// shards run with different ones cannot be merged.
std::string Settings(const RunFlags& flags) {
  auto or_dash = [](const auto& value) { return value ? fmt::format("{}", *value) : std::string("-"); };
  const ManifestFlags& m = flags.manifest;
  return fmt::format("variant={} duration={} concurrency={} rate={} interval={}", flags.variant,
                     or_dash(m.duration_seconds), or_dash(m.concurrency), or_dash(m.rate), or_dash(m.interval_seconds));
}

int RunAndReport(const GlobalOptions& global, const RunFlags& flags, const runner::Catalog& catalog,
                 const std::vector<const scenario::Scenario*>& manifests, const Part& part = {}) {
  const std::vector<scenario::Scenario> resolved = ApplyFlags(manifests, flags.manifest);
  std::vector<const scenario::Scenario*> scenarios;
  for (const scenario::Scenario& s : resolved) scenarios.push_back(&s);
  auto go = ResolveGoToolchain(global, flags.go);
  if (!go) return kExitUsage;
  const std::atomic<bool>& interrupted = CatchInterrupts();
  runner::RunContext context;
  context.go = *go;
  context.repo_root = global.root;
  context.fixture_cache = global.fixture_cache;
  context.cancel = &interrupted;
  context.io = runner::SystemIo();
  if (std::string error = PrepareRunDir(global, flags.out, "", &context.run_dir); !error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
    return kExitUsage;
  }
  Progress progress;
  context.on_status = [&](const std::string& status) { progress.Update(status); };
  runner::SuiteRequest request{
      scenarios,
      flags.variant,
      flags.jobs,
      flags.junit,
      part.shard,
      part.variants,
      runner::CatalogFingerprint(catalog, manifests, global.root / "go-fixtures", Settings(flags)),
      part.catalog_errors};
  runner::SuiteOutcome outcome = runner::RunSuite(context, request);
  progress.Clear();
  for (const auto& r : outcome.results) progress.Print(DescribeResult(r, progress));
  for (const auto* s : scenarios) {
    if (!s->source.empty())
      progress.Print(fmt::format("source of {}: {}", s->name, (global.root / s->source).string()));
  }
  for (const auto& e : outcome.write_errors) std::cerr << "leakrig: " << e << "\n";
  PrintResultsAndReport(global, context.run_dir, progress);
  if (interrupted) progress.Print("interrupted: the results above are incomplete");
  return outcome.passed() ? kExitOk : kExitFailed;
}

runner::Catalog LoadCatalogOrWarn(const GlobalOptions& global) {
  runner::Catalog catalog = runner::LoadCatalog(global.root / "scenarios");
  for (const auto& e : catalog.errors) std::cerr << "leakrig: " << e.where << ": " << e.message << "\n";
  return catalog;
}

void AddRunFlags(CLI::App* cmd, RunFlags* flags) {
  cmd->add_option("--out", flags->out, "Output folder (default: a new folder under results/)");
  cmd->add_option("--duration", flags->manifest.duration_seconds, "Load duration in seconds")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--concurrency", flags->manifest.concurrency, "Concurrent connections")->check(CLI::Range(1, 10000));
  cmd->add_option("--rate", flags->manifest.rate, "Requests/s over all connections (0: unpaced)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--interval", flags->manifest.interval_seconds, "Sampling interval in seconds")
      ->check(CLI::Range(0.01, 60.0));
  AddGoFlag(cmd, &flags->go);
}

void AddShardFlags(CLI::App* cmd, RunFlags* flags) {
  cmd->add_option("--filter", flags->filter, "Only scenarios whose name matches this glob")->capture_default_str();
  cmd->add_option("--shard", flags->shard,
                  "Only shard I of N (I/N): a stable part of the variants, for spreading the suite over N machines "
                  "(`leakrig merge` joins the parts)");
}

int Run(const GlobalOptions& global, const RunFlags& flags) {
  if (flags.name.empty()) {
    std::cerr << "leakrig: run needs a scenario name (see `leakrig list`) or --service PATH/leakrig.toml\n";
    return kExitUsage;
  }
  runner::Catalog catalog = LoadCatalogOrWarn(global);
  const scenario::Scenario* s = catalog.Find(flags.name);
  if (!s) {
    std::cerr << fmt::format("leakrig: no scenario named \"{}\"; `leakrig list` shows them\n", flags.name);
    return kExitUsage;
  }
  if (flags.variant != "both" && !s->FindVariant(flags.variant)) {
    std::cerr << fmt::format("leakrig: scenario {} has no variant \"{}\"\n", s->name, flags.variant);
    return kExitUsage;
  }
  return RunAndReport(global, flags, catalog, {s});
}

// The scenarios --filter chooses, and this shard's part of their variants;
// nullopt after printing why the flags make no part.
std::optional<Part> ChoosePart(const RunFlags& flags, const runner::Catalog& catalog,
                               std::vector<const scenario::Scenario*>* chosen) {
  Part part;
  if (flags.shard) {
    std::string error;
    std::optional<runner::ShardSpec> shard = runner::ParseShard(*flags.shard, &error);
    if (!shard) {
      std::cerr << "leakrig: " << error << "\n";
      return std::nullopt;
    }
    part.shard = *shard;
  }
  for (const auto& s : catalog.scenarios) {
    if (runner::GlobMatch(flags.filter, s.name)) chosen->push_back(&s);
  }
  if (chosen->empty()) {
    std::cerr << fmt::format("leakrig: no scenario matches \"{}\"\n", flags.filter);
    return std::nullopt;
  }
  const size_t selected = runner::SelectedVariants(*chosen, flags.variant).size();
  if (static_cast<size_t>(part.shard.count) > selected) {
    std::cerr << fmt::format("leakrig: --shard {}: the selection has {} variants, so at most {} shards\n",
                             part.shard.Name(), selected, selected);
    return std::nullopt;
  }
  part.variants = runner::ShardVariants(*chosen, flags.variant, part.shard);
  for (const auto& e : catalog.errors) part.catalog_errors.push_back(e.where + ": " + e.message);
  return part;
}

int Suite(const GlobalOptions& global, const RunFlags& flags) {
  runner::Catalog catalog = LoadCatalogOrWarn(global);
  std::vector<const scenario::Scenario*> chosen;
  std::optional<Part> part = ChoosePart(flags, catalog, &chosen);
  if (!part) return kExitUsage;
  // A broken manifest fails the suite (its summary records it, for merge).
  return RunAndReport(global, flags, catalog, chosen, *part);
}

// Lists the catalog, after the Go it would run on; with --filter and
// --shard, only what `suite` with the same flags would run. Listing needs
// no Go: a Go that cannot be used fails the command only when --go asked for it.
int List(const GlobalOptions& global, const RunFlags& flags) {
  runner::Catalog catalog = LoadCatalogOrWarn(global);
  std::vector<const scenario::Scenario*> chosen;
  std::optional<Part> part = ChoosePart(flags, catalog, &chosen);
  if (!part) return kExitUsage;
  bool go_ok = ResolveGoToolchain(global, flags.go).has_value() || flags.go.empty();
  for (const scenario::Scenario* s : chosen) {
    std::string variants;
    for (const auto& v : s->variants) {
      if (std::find(part->variants.begin(), part->variants.end(), s->name + "/" + v.name) == part->variants.end()) {
        continue;
      }
      variants += fmt::format("{}{}={}", variants.empty() ? "" : " ", v.name, verdict::VerdictName(v.expected));
    }
    if (!variants.empty())
      std::cout << fmt::format("{:<24} {}\n{:<24} variants: {}\n", s->name, s->pattern, "", variants);
  }
  return catalog.errors.empty() && go_ok ? kExitOk : kExitUsage;
}

}  // namespace

std::string DescribeResult(const verdict::VariantResult& r, const Progress& progress) {
  constexpr int kRed = 31, kGreen = 32;
  std::string verdict = fmt::format("{:<10}", verdict::VerdictName(r.verdict));
  std::string line = fmt::format("{:<28} {} {} {}", r.scenario + "/" + r.variant, verdict,
                                 progress.Colored(r.passed ? "ok  " : "FAIL", r.passed ? kGreen : kRed), r.reason);
  if (!r.passed && r.verdict != r.expected) line += fmt::format(" (expected {})", verdict::VerdictName(r.expected));
  bool grew = r.verdict == verdict::Verdict::kLeak || r.verdict == verdict::Verdict::kLingering;
  if (grew && !r.suspects.empty()) {
    const auto& s = r.suspects[0];
    line += fmt::format("\n{:<28} top suspect: {} [{}] +{} at {}", "", s.top_function, s.wait_reason,
                        s.count_final - s.count_baseline, s.location);
  }
  return line;
}

void RegisterScenarioCommands(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* run = app.add_subcommand("run", "Reproduce one leak pattern: run its variants and judge them");
  run->add_option("name", flags->name, "Scenario name (see `leakrig list`)");
  run->add_option("--variant", flags->variant, "leaky, fixed, another variant name, or both")->capture_default_str();
  AddRunFlags(run, flags.get());
  std::shared_ptr<ServiceFlags> service = AddServiceRunFlags(run);
  run->callback([&global, flags, service, exit_code] {
    if (service->manifest.empty()) return void(*exit_code = Run(global, *flags));
    const ManifestFlags& m = flags->manifest;
    if (m.duration_seconds || m.concurrency || m.rate || m.interval_seconds) {
      std::cerr << "leakrig: --duration, --concurrency, --rate and --interval do not apply to --service: "
                   "set them in the manifest's [load] and [timing]\n";
      return void(*exit_code = kExitUsage);
    }
    service->out = flags->out;
    service->go = flags->go;
    *exit_code = RunService(global, *service);
  });

  CLI::App* suite = app.add_subcommand("suite", "Run every scenario in every variant and check the expectations");
  suite->add_option("--jobs", flags->jobs, "Variants run at once")->check(CLI::Range(1, 16))->capture_default_str();
  suite->add_option("--junit", flags->junit, "Also write JUnit XML here (default: <out>/junit.xml)");
  AddShardFlags(suite, flags.get());
  AddRunFlags(suite, flags.get());
  suite->callback([&global, flags, exit_code] { *exit_code = Suite(global, *flags); });

  CLI::App* list = app.add_subcommand("list", "List the scenarios, their patterns and variants");
  AddGoFlag(list, &flags->go);
  AddShardFlags(list, flags.get());
  list->callback([&global, flags, exit_code] { *exit_code = List(global, *flags); });
}

}  // namespace leakrig::cli
