#include "runner/variant_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "edge/clock.h"
#include "edge/files.h"
#include "edge/fixture_builder.h"
#include "edge/load_summary.h"
#include "profile/analysis.h"
#include "report/folded.h"
#include "report/verdict_json.h"
#include "run_folder/run_folder_writer.h"
#include "runner/fixture_session.h"
#include "runner/sampler.h"
#include "runner/service_build.h"
#include "verdict/attribution.h"
#include "verdict/stats.h"

namespace leakrig::runner {
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

constexpr size_t kSuspectsKept = 5;
constexpr auto kSimilarity = profile::Similarity::kFunctions;
constexpr char kLiveHeapMetric[] = "/gc/heap/live:bytes";
// Waits answer Ctrl-C (and notice the load's end) within this long.
constexpr auto kWaitStep = milliseconds(20);
// How often the status line shows the load's progress.
constexpr double kLoadStatusSeconds = 0.25;
// The baseline and the final phase each need samples of their own: on a
// starved machine a slow fetch can outlast a phase's planned time, so the
// phase is stretched until it has them, for at most this long.
constexpr size_t kSamplesPerPhase = 2;
constexpr double kPhaseGraceSeconds = 10;
// The final phase lasts this many sampling intervals before its dumps.
constexpr double kFinalIntervals = 2.5;
// Starting a fixture, its dumps and heap profiles, and stopping it: 0.2-0.6 s
// a variant on the 2-core machine, on top of the planned phases.
constexpr double kOverheadSeconds = 0.4;

milliseconds Millis(double seconds) { return milliseconds(static_cast<int64_t>(seconds * 1000)); }

class VariantRun {
 public:
  VariantRun(const RunContext& context, const scenario::Scenario& scenario, const scenario::VariantSpec& variant,
             const BuiltFixtures& built)
      : context_(context),
        scenario_(scenario),
        variant_(variant),
        built_(built),
        io_(context.io),
        clock_(*context.io.clock),
        folder_(context.run_dir, scenario.name, variant.name),
        result_(ErrorResult(context, scenario, variant, "")),
        concurrency_(scenario.load.concurrency),
        interval_(scenario.timing.interval_seconds) {}

  verdict::VariantResult Run();

 private:
  bool LaunchFixtures();
  void Measure();
  void RunLoadPhase(edge::Clock::TimePoint started);
  void Judge();
  void AnalyzeDumps();
  void ReadRuntimeLeakProfile();
  // Saves each dependency's goroutine dump that it serves, as dependency-NAME-goroutine-PHASE.debug2.txt.
  void SaveDependencyDumps(std::string_view phase);
  void Finish();

  // Fetches a pprof profile into the variant's folder; returns its body ("" on failure).
  std::string SaveProfile(const std::string& what, run_folder::Artifact artifact);
  // Forces a GC (heap?gc=1, saved as a profile) and reads the live heap.
  int64_t MeasureHeap(run_folder::Artifact artifact);
  // Writes an artifact; while samples are due, keeps it for WriteKeptArtifacts.
  void WriteArtifact(run_folder::Artifact artifact, const std::string& content);
  void WriteKeptArtifacts();
  void Status(std::string_view phase);
  bool Cancelled() const { return context_.cancel && context_.cancel->load(); }
  // Waits `seconds` on the injected clock, or until `done`, taking the
  // samples that fall due meanwhile.
  void WaitFor(double seconds, const std::function<bool()>& done = nullptr);
  // Waits `seconds`, then on until the phase has kSamplesPerPhase samples.
  void WaitForSamples(double seconds, verdict::Phase phase);
  std::string Relative(const fs::path& path) const { return fs::relative(path, context_.run_dir).string(); }

  const RunContext& context_;
  const scenario::Scenario& scenario_;
  const scenario::VariantSpec& variant_;
  const BuiltFixtures& built_;
  const RunnerIo& io_;
  edge::Clock& clock_;
  run_folder::VariantFolder folder_;
  verdict::VariantResult result_;
  const int concurrency_;
  const double interval_;
  std::unique_ptr<Fixture> upstream_, fixture_;
  std::unique_ptr<edge::ProfileSource> source_;
  std::unique_ptr<Sampler> sampler_;
  std::string baseline_dump_, peak_dump_, final_dump_;
  // The baseline's and the peak's profiles, written once the final samples are
  // taken: writing (and fsyncing) a 4,000-goroutine dump while other variants
  // wrote theirs held the sampler up to 1 s.
  bool sampling_ = false;
  std::vector<std::pair<run_folder::Artifact, std::string>> kept_;
  std::vector<std::string> problems_;  // measurement problems that make the verdict an error
};

void VariantRun::Status(std::string_view phase) {
  if (context_.on_status) context_.on_status(fmt::format("{}/{}: {}", scenario_.name, variant_.name, phase));
}

void VariantRun::WaitForSamples(double seconds, verdict::Phase phase) {
  WaitFor(seconds);
  WaitFor(kPhaseGraceSeconds, [&] { return sampler_->SamplesIn(phase) >= kSamplesPerPhase; });
}

void VariantRun::WaitFor(double seconds, const std::function<bool()>& done) {
  const auto until = clock_.Now() + Millis(seconds);
  while (!Cancelled() && !(done && done())) {
    const auto next_sample = sampler_ ? sampler_->SampleDue() : until;
    const auto now = clock_.Now();
    if (now >= until) return;
    const auto wake = std::min({until, next_sample, now + kWaitStep});
    if (wake > now) clock_.SleepFor(wake - now);
  }
}

bool VariantRun::LaunchFixtures() {
  fs::path log = folder_.PathOf(run_folder::Artifact::kLog);
  folder_.Record(run_folder::Artifact::kLog);
  const auto startup = Millis(scenario_.timing.startup_timeout_seconds);
  std::string error, upstream_address;
  if (!built_.upstream.empty()) {
    fs::path upstream_log = folder_.PathOf(run_folder::Artifact::kUpstreamLog);
    folder_.Record(run_folder::Artifact::kUpstreamLog);
    upstream_ = io_.launch_fixture(
        {built_.upstream, {}, FixtureEnv(context_, nullptr, nullptr, ""), upstream_log, startup}, &error);
    if (!upstream_) {
      result_.reason = "upstream: " + error;
      return false;
    }
    upstream_address = upstream_->address();
  }
  FixtureLaunch launch{
      built_.fixture, variant_.flags,     FixtureEnv(context_, &scenario_, &variant_, upstream_address), log,
      startup,        built_.dependencies};
  fixture_ = io_.launch_fixture(launch, &error);
  if (!fixture_) {
    result_.reason = error;
    std::string output, ignored;
    edge::ReadFile(log.string(), &output, &ignored);
    if (auto removed = FindRemovedGodebug(output)) {
      result_.verdict = verdict::Verdict::kSkipped;
      result_.reason = fmt::format(
          "not possible on {}: its runtime removed GODEBUG {}, which this variant sets, "
          "and refuses to start with it (see {})",
          context_.go.version, *removed, Relative(log));
    }
    return false;
  }
  source_ = io_.open_profiles(fixture_->pprof_base());
  return true;
}

void VariantRun::WriteArtifact(run_folder::Artifact artifact, const std::string& content) {
  if (sampling_) return void(kept_.emplace_back(artifact, content));
  if (std::string error = folder_.Write(artifact, content); !error.empty()) problems_.push_back(error);
}

void VariantRun::WriteKeptArtifacts() {
  sampling_ = false;
  for (const auto& [artifact, content] : kept_) WriteArtifact(artifact, content);
  kept_.clear();
}

std::string VariantRun::SaveProfile(const std::string& what, run_folder::Artifact artifact) {
  auto fetched = source_->Fetch(what);
  if (!fetched.ok()) {
    problems_.push_back(fmt::format("{}: {}", what, fetched.Describe()));
    return "";
  }
  WriteArtifact(artifact, fetched.body);
  return std::move(fetched.body);
}

int64_t VariantRun::MeasureHeap(run_folder::Artifact artifact) {
  if (fixture_->metrics_url().empty()) return -1;  // not measured: a service without a metrics endpoint
  SaveProfile("heap?gc=1", artifact);
  auto fetched = io_.fetch(fixture_->metrics_url());
  // Kept whole: a fixture's own figures (a database pool's db.Stats()) ride along.
  if (fetched.ok()) {
    const bool baseline = artifact == run_folder::Artifact::kBaselineHeap;
    if (std::string error =
            folder_.WriteUnlisted(baseline ? "metrics-baseline.json" : "metrics-final.json", fetched.body);
        !error.empty()) {
      problems_.push_back(error);
    }
  }
  auto metrics = nlohmann::json::parse(fetched.body, nullptr, /*allow_exceptions=*/false);
  if (!fetched.ok() || !metrics.is_object() || !metrics.contains(kLiveHeapMetric) ||
      !metrics[kLiveHeapMetric].is_number()) {
    problems_.push_back(fmt::format("/debug/metrics: {}", fetched.ok() ? "no live-heap figure" : fetched.Describe()));
    return -1;
  }
  return metrics[kLiveHeapMetric].get<int64_t>();
}

// Samples go on while the load runs beside them; the load is over once every
// request is answered and every connection closed.
void VariantRun::RunLoadPhase(edge::Clock::TimePoint started) {
  std::unique_ptr<edge::LoadHandle> load = io_.make_load(LoadConfigFor(scenario_, fixture_->base_url()), clock_);
  sampler_->SetPhase(verdict::Phase::kLoad);
  load->Start(started);
  auto over = [&] { return load->Progress().ended.has_value(); };
  while (!over() && !Cancelled()) {
    const edge::LoadProgress progress = load->Progress();
    const double seconds = edge::SecondsBetween(started, clock_.Now()) - progress.started.value_or(0);
    Status(fmt::format("load {:.1f} s, {} requests, {:.0f} req/s", seconds, progress.requests,
                       seconds > 0 ? static_cast<double>(progress.requests) / seconds : 0.0));
    WaitFor(kLoadStatusSeconds, over);
  }
  edge::LoadReport report = load->Finish();  // stops it if cancelled
  const edge::LoadProgress progress = load->Progress();
  result_.series.load_started = progress.started.value_or(0);
  result_.series.load_ended = progress.ended.value_or(edge::SecondsBetween(started, clock_.Now()));
  result_.load = edge::Summarize(report);
  if (std::string failure = LoadFailure(report, scenario_.load.accept_status); !failure.empty() && !Cancelled()) {
    problems_.push_back("load: " + failure);
  }
}

void VariantRun::Measure() {
  fs::path snapshots = folder_.PathOf(run_folder::Artifact::kSnapshots);
  folder_.CreateSnapshots();
  folder_.Record(run_folder::Artifact::kSnapshots);
  sampler_ = std::make_unique<Sampler>(*source_, clock_, CountGoroutines, snapshots, Millis(interval_));
  const auto started = clock_.Now();
  sampler_->Start(started);
  sampling_ = true;
  Status("baseline");
  WaitForSamples(scenario_.timing.baseline_seconds, verdict::Phase::kBaseline);
  baseline_dump_ = SaveProfile("goroutine?debug=2", run_folder::Artifact::kBaselineDump);
  SaveDependencyDumps("baseline");
  SaveProfile("goroutine?debug=0", run_folder::Artifact::kBaselineProfile);
  result_.heap.baseline_bytes = MeasureHeap(run_folder::Artifact::kBaselineHeap);

  RunLoadPhase(started);
  sampler_->SetPhase(verdict::Phase::kDrain);
  // The moment after the load: what lingers shows here, if anywhere.
  peak_dump_ = SaveProfile("goroutine?debug=2", run_folder::Artifact::kPeakDump);
  Status("drain");
  WaitFor(scenario_.timing.drain_seconds);
  sampler_->SetPhase(verdict::Phase::kFinal);
  Status("final");
  WaitForSamples(interval_ * kFinalIntervals, verdict::Phase::kFinal);
  WriteKeptArtifacts();  // no sample is due any more
  final_dump_ = SaveProfile("goroutine?debug=2", run_folder::Artifact::kFinalDump);
  SaveDependencyDumps("final");
  SaveProfile("goroutine?debug=0", run_folder::Artifact::kFinalProfile);
  result_.heap.final_bytes = MeasureHeap(run_folder::Artifact::kFinalHeap);
  ReadRuntimeLeakProfile();
  result_.series.samples = sampler_->series().samples;
  for (const std::string& e : sampler_->errors()) problems_.push_back("sampler: " + e);
}

void VariantRun::AnalyzeDumps() {
  profile::Snapshot before = profile::ParseDump(baseline_dump_);
  profile::Snapshot after = profile::ParseDump(final_dump_);
  std::vector<profile::Group> final_groups = profile::Aggregate(after, kSimilarity);
  WriteArtifact(run_folder::Artifact::kBaselineFolded, report::FoldStacks(profile::Aggregate(before, kSimilarity)));
  WriteArtifact(run_folder::Artifact::kFinalFolded, report::FoldStacks(final_groups));
  WriteArtifact(run_folder::Artifact::kStates, report::StatesJson(final_groups));
  // A lingering run is back at its baseline by the end: its culprits are in
  // the dump taken right after the load.
  profile::Snapshot peak = profile::ParseDump(peak_dump_);
  if (!peak_dump_.empty()) {
    WriteArtifact(run_folder::Artifact::kPeakFolded, report::FoldStacks(profile::Aggregate(peak, kSimilarity)));
  }
  bool lingering = result_.verdict == verdict::Verdict::kLingering && !peak_dump_.empty();
  profile::Snapshot grown = lingering ? std::move(peak) : std::move(after);
  result_.suspects = verdict::GrowingStacks(profile::Diff(before, grown, kSimilarity), kSuspectsKept);
  result_.suspect_matched = !result_.suspects.empty() && verdict::Matches(result_.suspects[0], variant_.suspect);
}

void VariantRun::SaveDependencyDumps(std::string_view phase) {
  for (const DependencyProfiles& d : fixture_->dependency_profiles()) {
    auto fetched = io_.fetch(d.pprof_base + "goroutine?debug=2");
    if (!fetched.ok()) {
      problems_.push_back(fmt::format("dependency {}'s goroutine dump: {}", d.name, fetched.Describe()));
      continue;
    }
    const std::string name = fmt::format("dependency-{}-goroutine-{}.debug2.txt", d.name, phase);
    if (std::string error = folder_.WriteUnlisted(name, fetched.body); !error.empty()) problems_.push_back(error);
  }
}

void VariantRun::ReadRuntimeLeakProfile() {
  if (context_.go.leak_profile == edge::LeakProfile::kNone) return;  // the toolchain has none: "not available"
  auto fetched = source_->Fetch("goroutineleak?debug=1");            // runs the leak GC: do it last
  if (!fetched.ok()) return;                                         // a Go before 1.26 has no leak profile
  profile::Snapshot leaks = profile::ParseDump(fetched.body);
  if (leaks.format() != profile::DumpFormat::kLeakAggregated) return;
  WriteArtifact(run_folder::Artifact::kRuntimeLeakProfile, fetched.body);
  verdict::RuntimeLeakReading& r = result_.runtime_leak_profile;
  r.available = true;
  r.leaked = leaks.declared_total();
}

void VariantRun::Judge() {
  verdict::Judgement goroutines = verdict::JudgeGoroutines(result_.series, result_.load.requests, concurrency_);
  verdict::Judgement j =
      variant_.judge == scenario::Judge::kHeap ? verdict::JudgeHeap(result_.heap, result_.load.requests) : goroutines;
  result_.counts = goroutines.counts;
  result_.verdict = j.verdict;
  result_.reason = j.reason;
  result_.detect_seconds = j.detect_seconds;
  // A heap verdict is about memory no goroutine holds: a goroutine suspect
  // would only mislead. The folded stacks and states are written regardless.
  if (!baseline_dump_.empty() && !final_dump_.empty()) AnalyzeDumps();
  if (variant_.judge == scenario::Judge::kHeap) result_.suspects.clear();
  result_.runtime_leak_profile.agrees = result_.runtime_leak_profile.AgreesWith(result_.verdict);
  if (!problems_.empty()) {
    result_.verdict = verdict::Verdict::kError;
    result_.reason = fmt::format("measurement failed: {}", fmt::join(problems_, "; "));
  }
}

void VariantRun::Finish() {
  if (Cancelled()) {
    result_.verdict = verdict::Verdict::kError;
    result_.reason = "interrupted before the run completed; the samples so far are kept";
  }
  result_.passed = verdict::Passes(result_, !variant_.suspect.empty());
  result_.artifacts = folder_.artifacts();
  run_folder::WriteVerdict(context_.run_dir, &result_);
}

verdict::VariantResult VariantRun::Run() {
  if (std::string error = folder_.Create(); !error.empty()) return ErrorResult(context_, scenario_, variant_, error);
  Status("start");
  if (LaunchFixtures()) {
    Measure();
    if (auto exited = fixture_->Exited()) problems_.push_back("the fixture died during the run: " + exited->Describe());
    if (std::string died = fixture_->ExitedDependency(); !died.empty()) {
      problems_.push_back("a dependency died during the run: " + died);
    }
    Judge();
  }
  if (fixture_) fixture_->Stop();
  if (upstream_) upstream_->Stop();
  Finish();
  return result_;
}

}  // namespace

std::map<std::string, std::string> FixtureEnv(const RunContext& context, const scenario::Scenario* scenario,
                                              const scenario::VariantSpec* variant,
                                              const std::string& upstream_address) {
  // Explicit and complete: nothing of the harness's environment leaks in.
  std::map<std::string, std::string> env = {
      {"GOMAXPROCS", std::to_string(context.gomaxprocs)}, {"GODEBUG", ""}, {"GOTRACEBACK", "all"}};
  if (scenario) {
    for (const auto& [key, value] : scenario->env) env[key] = value;
  }
  if (variant) {
    for (const auto& [key, value] : variant->env) env[key] = value;
  }
  if (!upstream_address.empty()) env["LEAKRIG_UPSTREAM"] = upstream_address;
  for (const auto& [key, value] : context.go.Env()) env[key] = value;
  // Tells which run a fixture belongs to (/proc/PID/environ), e.g. to find
  // one left behind; fixtures ignore it.
  env["LEAKRIG_RUN_DIR"] = context.run_dir.string();
  return env;
}

std::string LoadFailure(const edge::LoadReport& report, const std::vector<int>& accepted_5xx) {
  const int64_t attempts = report.requests + report.errors;
  if (report.requests == 0) return fmt::format("no request got a response ({})", report.first_error);
  if (report.errors * 2 > attempts) {
    return fmt::format("{} of {} requests failed ({})", report.errors, attempts, report.first_error);
  }
  int64_t failed = 0;
  std::vector<std::string> statuses;
  for (const auto& [status, count] : report.status_counts) {
    bool accepted = std::find(accepted_5xx.begin(), accepted_5xx.end(), status) != accepted_5xx.end();
    if (status < 500 || accepted) continue;
    failed += count;
    statuses.push_back(fmt::format("{}: {}", status, count));
  }
  if (failed * 2 > report.requests) {
    return fmt::format("{} of {} responses were server errors ({})", failed, report.requests,
                       fmt::join(statuses, ", "));
  }
  return "";
}

edge::LoadConfig LoadConfigFor(const scenario::Scenario& scenario, const std::string& base_url) {
  edge::LoadConfig load;
  load.url = base_url + scenario.path;
  load.concurrency = scenario.load.concurrency;
  load.duration = Millis(scenario.load.duration_seconds);
  load.requests = scenario.load.requests;
  load.rate = scenario.load.rate;
  load.request_timeout = Millis(scenario.load.request_timeout_seconds);
  return load;
}

int64_t PlannedMilliseconds(const scenario::Scenario& scenario) {
  const scenario::Timing& t = scenario.timing;
  const double seconds = t.baseline_seconds + scenario.load.duration_seconds + t.drain_seconds +
                         kFinalIntervals * t.interval_seconds + kOverheadSeconds;
  return std::llround(seconds * 1000);
}

verdict::VariantResult ErrorResult(const RunContext& context, const scenario::Scenario& scenario,
                                   const scenario::VariantSpec& variant, std::string reason) {
  verdict::VariantResult r;
  r.go = context.GoInfo();
  r.scenario = scenario.name;
  r.variant = variant.name;
  r.expected = variant.expected;
  r.verdict = verdict::Verdict::kError;
  r.reason = std::move(reason);
  return r;
}

std::string BuildScenarioFixtures(const RunContext& context, const scenario::Scenario& scenario, BuiltFixtures* built) {
  fs::path log_dir = context.run_dir / scenario.name;
  std::error_code ec;
  fs::create_directories(log_dir, ec);
  if (ec) return fmt::format("cannot create {}: {}", log_dir.string(), ec.message());
  auto build = [&](const std::string& fixture, fs::path* out) -> std::string {
    edge::BuildRequest request{context.repo_root / "go-fixtures", fixture, context.fixture_cache, context.go,
                               log_dir / "build.log"};
    request.cancel = context.cancel;
    edge::BuildResult result = edge::BuildFixture(request);
    if (!result.error.empty()) {
      return fmt::format("building {}: {} (log: {})", fixture, result.error, request.log_file.string());
    }
    *out = result.binary;
    return "";
  };
  if (std::string error = build(scenario.fixture, &built->fixture); !error.empty()) return error;
  if (!scenario.upstream.empty()) {
    if (std::string error = build(scenario.upstream, &built->upstream); !error.empty()) return error;
  }
  if (scenario.dependencies.empty()) return "";
  auto dependencies = std::make_shared<Dependencies>();
  dependencies->processes = scenario.dependencies;
  dependencies->module_dir = context.repo_root / "go-fixtures";
  for (const scenario::ServiceProcess& p : scenario.dependencies) {
    if (p.package.empty()) continue;
    std::string error =
        BuildPackage(context, p, dependencies->module_dir, log_dir / "build.log", &dependencies->binaries[p.name]);
    if (!error.empty()) return "dependency " + error;
  }
  built->dependencies = std::move(dependencies);
  return "";
}

verdict::VariantResult RunVariant(const RunContext& context, const scenario::Scenario& scenario,
                                  const scenario::VariantSpec& variant, const BuiltFixtures& built) {
  VariantRun run(context, scenario, variant, built);
  return run.Run();
}

}  // namespace leakrig::runner
