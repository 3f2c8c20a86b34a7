#include "cli/service_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "cli/progress.h"
#include "cli/run_support.h"
#include "edge/files.h"
#include "edge/git_worktree.h"
#include "report/compare_json.h"
#include "run_folder/artifacts.h"
#include "run_folder/run_folder_writer.h"
#include "runner/service_build.h"

namespace leakrig::cli {
namespace fs = std::filesystem;
namespace {

using verdict::Verdict;

std::optional<scenario::ServiceManifest> ReadServiceManifest(const std::string& path) {
  std::string text, error;
  if (!edge::ReadFile(path, &text, &error)) {
    std::cerr << "leakrig: " << error << "\n";
    return std::nullopt;
  }
  scenario::ParsedServiceManifest parsed = scenario::ParseServiceManifest(text, path);
  for (const auto& e : parsed.errors) std::cerr << "leakrig: " << e.where << ": " << e.message << "\n";
  return parsed.manifest;
}

}  // namespace

int PrepareService(const GlobalOptions& global, const ServiceFlags& flags, std::string_view suffix, ServiceSetup* setup,
                   const std::function<std::string(const scenario::ServiceManifest&)>& refuse) {
  auto manifest = ReadServiceManifest(flags.manifest);
  if (!manifest) return kExitUsage;
  if (std::string why = refuse ? refuse(*manifest) : ""; !why.empty()) {
    std::cerr << fmt::format("leakrig: {}: {}\n", flags.manifest, why);
    return kExitUsage;
  }
  setup->manifest = std::move(*manifest);
  setup->manifest_dir = fs::absolute(flags.manifest).parent_path();
  auto go = ResolveGoToolchain(global, flags.go);
  if (!go) return kExitUsage;
  runner::RunContext& context = setup->context;
  context.go = *go;
  context.repo_root = global.root;
  context.fixture_cache = global.fixture_cache;
  context.cancel = &CatchInterrupts();
  if (std::string error = PrepareRunDir(global, flags.out, suffix, &context.run_dir); !error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

namespace {

// Builds `module_dir`'s copy of the service and runs it as `scenario`; a
// failed build is an `error` verdict, written like any other.
verdict::VariantResult BuildAndRun(const ServiceSetup& setup, const fs::path& module_dir,
                                   const scenario::Scenario& scenario, Progress& progress) {
  const runner::RunContext& context = setup.context;
  const std::string& variant = scenario.variants.front().name;
  auto plan = std::make_shared<runner::ServicePlan>();
  progress.Update(fmt::format("{}/{}: building", scenario.name, variant));
  fs::path build_log = context.run_dir / scenario.name / variant / "build.log";
  std::string error = runner::PrepareServicePlan(context, setup.manifest, module_dir, build_log, plan.get());
  if (error.empty()) return runner::RunServiceVariant(context, plan, scenario);
  verdict::VariantResult result = runner::ErrorResult(context, scenario, scenario.variants.front(), error);
  run_folder::WriteVerdict(context.run_dir, &result);
  return result;
}

void WriteRunFiles(const runner::RunContext& context, const std::vector<verdict::VariantResult>& results) {
  for (const std::string& e :
       run_folder::WriteRunSummaries(context.run_dir, results, context.GoInfo(), !context.cancel->load())) {
    std::cerr << "leakrig: " << e << "\n";
  }
}

std::string Describe(const verdict::VariantResult& r) {
  std::string line = fmt::format("{:<8} {:<10} {}", r.variant, verdict::VerdictName(r.verdict), r.reason);
  bool grew = r.verdict == Verdict::kLeak || r.verdict == Verdict::kLingering;
  if (grew && !r.suspects.empty()) {
    const auto& s = r.suspects[0];
    line += fmt::format("\n{:<8} top suspect: {} [{}] +{} at {}", "", s.top_function, s.wait_reason,
                        s.count_final - s.count_baseline, s.location);
  }
  return line;
}

void Finish(const GlobalOptions& global, const runner::RunContext& context, Progress& progress) {
  PrintResultsAndReport(global, context.run_dir, progress);
}

std::optional<Verdict> ParseExpectation(const std::string& text) {
  auto v = verdict::ParseVerdict(text);
  if (v && (*v == Verdict::kLeak || *v == Verdict::kLingering || *v == Verdict::kClean)) return v;
  std::cerr << fmt::format("leakrig: --expect \"{}\": want leak, lingering or clean\n", text);
  return std::nullopt;
}

// What makes `compare` pass: by default before leaks (or lingers) and after
// is clean: "fix verified".
struct CompareExpectation {
  std::vector<Verdict> before = {Verdict::kLeak, Verdict::kLingering};
  std::vector<Verdict> after = {Verdict::kClean};
};

std::optional<CompareExpectation> ParseCompareExpectation(const std::string& text) {
  CompareExpectation expectation;
  if (text.empty()) return expectation;
  const size_t comma = text.find(',');
  if (comma == std::string::npos) {
    std::cerr << fmt::format("leakrig: --expect \"{}\": want BEFORE,AFTER, e.g. leak,clean\n", text);
    return std::nullopt;
  }
  auto before = ParseExpectation(text.substr(0, comma));
  auto after = ParseExpectation(text.substr(comma + 1));
  if (!before || !after) return std::nullopt;
  return CompareExpectation{{*before}, {*after}};
}

bool OneOf(Verdict v, const std::vector<Verdict>& wanted) {
  return std::find(wanted.begin(), wanted.end(), v) != wanted.end();
}

// The repository holding the manifest, and the commits of both revisions.
struct Revisions {
  std::optional<edge::GitRepo> repo;
  std::string before, after;
  fs::path manifest_in_repo;  // the manifest's folder, relative to the repository
};

std::string ResolveRevisions(const ServiceSetup& setup, const ServiceFlags& flags, Revisions* out) {
  std::string error;
  out->repo = edge::GitRepo::Containing(setup.manifest_dir, setup.context.run_dir / "git.log", &error);
  if (!out->repo) return error;
  auto before = out->repo->ResolveCommit(flags.before, &error);
  auto after = before ? out->repo->ResolveCommit(flags.after, &error) : std::nullopt;
  if (!after) return error;
  out->before = *before;
  out->after = *after;
  out->manifest_in_repo = fs::relative(fs::canonical(setup.manifest_dir), fs::canonical(out->repo->top()));
  return "";
}

// Checks `commit` out into a worktree of its own, builds and runs it.
verdict::VariantResult RunRevision(const ServiceSetup& setup, const Revisions& revisions, const std::string& side,
                                   const std::string& commit, Verdict expected, Progress& progress) {
  scenario::Scenario scenario = runner::ServiceScenario(setup.manifest, side, expected);
  std::string error;
  auto worktree = edge::GitWorktree::Add(*revisions.repo, commit, setup.context.run_dir / "worktrees" / side, &error);
  if (!worktree) {
    verdict::VariantResult result = runner::ErrorResult(setup.context, scenario, scenario.variants.front(), error);
    run_folder::WriteVerdict(setup.context.run_dir, &result);
    return result;
  }
  return BuildAndRun(setup, worktree->path() / revisions.manifest_in_repo, scenario, progress);
}

void PrintComparison(const ServiceFlags& flags, const std::vector<verdict::VariantResult>& results, bool verified,
                     Progress& progress) {
  progress.Print(fmt::format("{} {}\n{}", flags.before, Describe(results[0]), ""));
  progress.Print(fmt::format("{} {}", flags.after, Describe(results[1])));
  progress.Print(fmt::format("{}: {} -> {}", verified ? "fix verified" : "NOT verified",
                             verdict::VerdictName(results[0].verdict), verdict::VerdictName(results[1].verdict)));
}

report::CompareRecord MakeCompareRecord(const ServiceFlags& flags, const Revisions& revisions,
                                        const CompareExpectation& expectation,
                                        const std::vector<verdict::VariantResult>& results, bool verified) {
  report::CompareRecord record;
  record.scenario = results[0].scenario;
  record.before = {results[0].variant, flags.before, revisions.before, expectation.before};
  record.after = {results[1].variant, flags.after, revisions.after, expectation.after};
  record.verified = verified;
  record.flame_graph = (fs::path(record.scenario) / run_folder::kCompareFlameGraph).string();
  return record;
}

// compare.json, which the HTML report reads to draw the revisions side by side.
void WriteCompareRecord(const fs::path& run_dir, const report::CompareRecord& record) {
  const std::string text = report::CompareToJson(record).dump(2) + "\n";
  if (std::string error = edge::WriteFileAtomic(run_dir / run_folder::kCompareFile, text); !error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
  }
}

int Compare(const GlobalOptions& global, const ServiceFlags& flags) {
  auto expectation = ParseCompareExpectation(flags.expect);
  if (!expectation) return kExitUsage;
  ServiceSetup setup;
  if (int code = PrepareService(global, flags, "compare", &setup); code != kExitOk) return code;
  Revisions revisions;
  if (std::string error = ResolveRevisions(setup, flags, &revisions); !error.empty()) {
    std::cerr << "leakrig: " << error << "\n";
    return kExitUsage;
  }
  Progress progress;
  if (revisions.repo->HasUncommittedChanges()) {
    progress.Print(
        fmt::format("note: {} has uncommitted changes; they do not count: both revisions are checked out "
                    "into worktrees of their own",
                    revisions.repo->top().string()));
  }
  setup.context.on_status = [&](const std::string& status) { progress.Update(status); };
  std::vector<verdict::VariantResult> results = {
      RunRevision(setup, revisions, "before", revisions.before, expectation->before.front(), progress),
      RunRevision(setup, revisions, "after", revisions.after, expectation->after.front(), progress)};
  progress.Clear();
  WriteRunFiles(setup.context, results);
  const bool verified = OneOf(results[0].verdict, expectation->before) && OneOf(results[1].verdict, expectation->after);
  PrintComparison(flags, results, verified, progress);
  const report::CompareRecord record = MakeCompareRecord(flags, revisions, *expectation, results, verified);
  WriteCompareRecord(setup.context.run_dir, record);
  Finish(global, setup.context, progress);
  if (const fs::path graph = setup.context.run_dir / record.flame_graph; fs::exists(graph)) {
    progress.Print(fmt::format("flame graph before -> after: {}", graph.string()));
  }
  return verified ? kExitOk : kExitFailed;
}

}  // namespace

std::shared_ptr<ServiceFlags> AddServiceRunFlags(CLI::App* run) {
  auto flags = std::make_shared<ServiceFlags>();
  run->add_option("--service", flags->manifest, "Run your own service, described by this leakrig.toml")
      ->check(CLI::ExistingFile);
  run->add_option("--expect", flags->expect, "With --service: the verdict that passes (default clean)");
  return flags;
}

int RunService(const GlobalOptions& global, const ServiceFlags& flags) {
  auto expected = ParseExpectation(flags.expect.empty() ? "clean" : flags.expect);
  ServiceSetup setup;
  if (!expected) return kExitUsage;
  if (int code = PrepareService(global, flags, "service", &setup); code != kExitOk) return code;
  Progress progress;
  setup.context.on_status = [&](const std::string& status) { progress.Update(status); };
  scenario::Scenario scenario = runner::ServiceScenario(setup.manifest, "service", *expected);
  verdict::VariantResult result = BuildAndRun(setup, setup.manifest_dir, scenario, progress);
  progress.Clear();
  WriteRunFiles(setup.context, {result});
  progress.Print(Describe(result));
  Finish(global, setup.context, progress);
  return result.passed ? kExitOk : kExitFailed;
}

void RegisterCompareCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto flags = std::make_shared<ServiceFlags>();
  CLI::App* compare =
      app.add_subcommand("compare", "Prove a fix: run two revisions of your service under the same load");
  compare->add_option("--service", flags->manifest, "Your service's leakrig.toml")
      ->required()
      ->check(CLI::ExistingFile);
  compare->add_option("before", flags->before, "The revision with the leak (also --before)");
  compare->add_option("after", flags->after, "The revision with the fix (also --after)");
  compare->add_option("--before", flags->before, "The revision with the leak");
  compare->add_option("--after", flags->after, "The revision with the fix");
  compare->add_option("--expect", flags->expect,
                      "BEFORE,AFTER verdicts that pass (default: leak or lingering, then clean)");
  compare->add_option("--out", flags->out, "Output folder (default: a new folder under results/)");
  AddGoFlag(compare, &flags->go);
  compare->callback([&global, flags, exit_code] {
    if (flags->before.empty() || flags->after.empty()) {
      std::cerr << "leakrig: compare needs two revisions: compare --service PATH BEFORE AFTER\n";
      *exit_code = kExitUsage;
      return;
    }
    *exit_code = Compare(global, *flags);
  });
}

}  // namespace leakrig::cli
