// RunVariant against fakes: a fixture world whose goroutine count follows
// the load, served at once on a clock that advances only when slept on.
#include "runner/variant_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "edge/files.h"

namespace leakrig::runner {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class FakeClock final : public edge::Clock {
 public:
  TimePoint Now() const override { return now_; }
  void SleepFor(Duration d) override { now_ += d; }

 private:
  TimePoint now_{};
};

std::string ReadDump(const std::string& name) {
  std::ifstream in(std::string(LEAKRIG_SOURCE_DIR) + "/tests/testdata/dumps/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// What the fake fixture holds: idle goroutines of its server, and goroutines
// stuck where the leaky handler left them.
struct Goroutines {
  int64_t idle = 4;
  int64_t stuck = 0;
  int64_t total() const { return idle + stuck; }
};

// goroutine?debug=1, as a Go 1.26 runtime writes it.
std::string Debug1(const Goroutines& g) {
  std::string body = "goroutine profile: total " + std::to_string(g.total()) + "\n";
  body +=
      std::to_string(g.idle) + " @ 0x485f4e 0x48d661\n#\t0x485f4d\tnet/http.(*Server).Serve+0x1d\t/x/server.go:3\n\n";
  if (g.stuck > 0) {
    body += std::to_string(g.stuck) +
            " @ 0x485f4e 0x41797c 0x48d661\n#\t0x41797b\tmain.leakyHandler.func1+0x1d\t/x/leaky.go:22\n\n";
  }
  return body;
}

// goroutine?debug=2: one record per goroutine.
std::string Debug2(const Goroutines& g) {
  std::string body;
  int64_t id = 1;
  auto add = [&](int64_t n, const char* state, const char* function, const char* file) {
    for (int64_t i = 0; i < n; ++i, ++id) {
      body += "goroutine " + std::to_string(id) + " [" + state + "]:\n" + function + "()\n\t" + file +
              " +0x1e\ncreated by main.main in goroutine 1\n\t/x/main.go:9 +0x25\n\n";
    }
  };
  add(g.idle, "IO wait", "net/http.(*Server).Serve", "/x/server.go:3");
  add(g.stuck, "chan send", "main.leakyHandler.func1", "/x/leaky.go:22");
  return body;
}

// One fake fixture and its surroundings: how many goroutines it holds
// follows the load, and what is served follows what it holds.
struct World {
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
  int64_t stuck_per_load = 0;      // goroutines each load leaves stuck
  double stuck_for_seconds = 1e9;  // how long they stay after the load ends
  bool dies_during_load = false;
  bool debug1_fails_during_load = false;
  bool serves_leak_profile = false;
  double seconds_per_sample = 0;  // a starved machine: each debug=1 fetch takes this long
  std::string refused_godebug;    // the fixture refuses to start, naming it
  std::optional<edge::Clock::TimePoint> load_started, load_ended;
  std::vector<std::string> asked;

  bool LoadRunning() const { return load_started && (!load_ended || clock->Now() < *load_ended); }
  bool Dead() const { return dies_during_load && load_started; }
  Goroutines Now() const {
    Goroutines g;
    if (LoadRunning()) g.idle += 16;  // 8 connections: a conn.serve and a handler each
    if (load_started && clock->Now() >= *load_started) g.stuck = stuck_per_load;
    if (load_ended && clock->Now() >= *load_ended + milliseconds(static_cast<int64_t>(stuck_for_seconds * 1000))) {
      g.stuck = 0;
    }
    return g;
  }
  edge::FetchResult Serve(const std::string& what);
};

edge::FetchResult World::Serve(const std::string& what) {
  asked.push_back(what);
  if (Dead()) return {0, "", "Couldn't connect to server", false, 0};
  if (what == "goroutine?debug=1" && debug1_fails_during_load && LoadRunning()) return {503, "", "", false, 0};
  if (what == "goroutine?debug=1") {
    clock->SleepFor(milliseconds(static_cast<int64_t>(seconds_per_sample * 1000)));
    return {200, Debug1(Now()), "", false, 0};
  }
  if (what == "goroutine?debug=2") return {200, Debug2(Now()), "", false, 0};
  if (what == "goroutine?debug=0" || what == "heap?gc=1") return {200, "\x1f\x8b profile", "", false, 0};
  if (what == "goroutineleak?debug=1" && serves_leak_profile) {
    return {200, ReadDump("go126_goroutineleak_debug1.txt"), "", false, 0};
  }
  if (what == "metrics") return {200, R"({"/gc/heap/live:bytes": 1048576})", "", false, 0};
  return {404, "404 page not found\n", "", false, 0};
}

class FakeSource final : public edge::ProfileSource {
 public:
  explicit FakeSource(World& world) : world_(world) {}
  edge::FetchResult Fetch(const std::string& what) override { return world_.Serve(what); }

 private:
  World& world_;
};

class FakeFixture final : public Fixture {
 public:
  explicit FakeFixture(const World& world) : world_(world) {}
  const std::string& address() const override { return address_; }
  std::optional<edge::ExitStatus> Exited() override {
    if (world_.Dead()) return edge::ExitStatus{true, 2, false, 0};
    return std::nullopt;
  }
  edge::ExitStatus Stop() override { return {false, 0, true, 9}; }

 private:
  const World& world_;
  std::string address_ = "127.0.0.1:4000";
};

// A load that answers 1,000 requests with 200 over its duration.
class FakeLoad final : public edge::LoadHandle {
 public:
  FakeLoad(World& world, edge::Clock::Duration duration) : world_(world), duration_(duration) {}
  void Start(edge::Clock::TimePoint run_started) override {
    run_started_ = run_started;
    world_.load_started = world_.clock->Now();
    world_.load_ended = *world_.load_started + duration_;
  }
  edge::LoadProgress Progress() const override {
    edge::LoadProgress p;
    p.started = edge::SecondsBetween(run_started_, *world_.load_started);
    if (!world_.LoadRunning()) p.ended = edge::SecondsBetween(run_started_, *world_.load_ended);
    return p;
  }
  edge::LoadReport Finish() override {
    edge::LoadReport report;
    report.requests = 1000;
    report.status_counts[200] = 1000;
    report.seconds = std::chrono::duration<double>(duration_).count();
    for (int64_t micros : {900, 1000, 1100}) report.latency.Record(micros * 1000);
    return report;
  }

 private:
  World& world_;
  edge::Clock::Duration duration_;
  edge::Clock::TimePoint run_started_{};
};

RunnerIo FakeIo(World& world) {
  RunnerIo io;
  io.clock = world.clock;
  io.launch_fixture = [&world](const FixtureLaunch& launch, std::string* error) -> std::unique_ptr<Fixture> {
    if (world.refused_godebug.empty()) return std::make_unique<FakeFixture>(world);
    edge::WriteFileAtomic(launch.log_file, "fatal error: removed GODEBUG \"" + world.refused_godebug +
                                               "\" set to old value \"1\" in environment\n");
    *error = "the fixture exited before it was ready";
    return nullptr;
  };
  io.open_profiles = [&world](const std::string& pprof_base) -> std::unique_ptr<edge::ProfileSource> {
    EXPECT_EQ(pprof_base, "http://127.0.0.1:4000/debug/pprof/");
    return std::make_unique<FakeSource>(world);
  };
  io.fetch = [&world](const std::string& url) {
    EXPECT_EQ(url, "http://127.0.0.1:4000/debug/metrics");
    return world.Serve("metrics");
  };
  io.make_load = [&world](const edge::LoadConfig& config, const edge::Clock&) -> std::unique_ptr<edge::LoadHandle> {
    EXPECT_EQ(config.url, "http://127.0.0.1:4000/work");
    return std::make_unique<FakeLoad>(world, config.duration);
  };
  return io;
}

class RunVariantTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.run_dir = fs::temp_directory_path() / ("variant_runner_test_" + std::to_string(::getpid()));
    context_.go.version = "go1.26.8";
    scenario_.name = "unbuffered-send";
    scenario_.load.duration_seconds = 2;
    variant_.name = "leaky";
    variant_.suspect.function_regex = "leakyHandler";
  }
  void TearDown() override { fs::remove_all(context_.run_dir); }

  verdict::VariantResult Run() {
    context_.io = FakeIo(world_);
    return RunVariant(context_, scenario_, variant_, BuiltFixtures{"/bin/fake-fixture", ""});
  }
  fs::path VariantDir() const { return context_.run_dir / scenario_.name / variant_.name; }

  World world_;
  RunContext context_;
  scenario::Scenario scenario_;
  scenario::VariantSpec variant_;
};

TEST_F(RunVariantTest, GoroutinesLeftByTheLoadAreALeakWithTheirSuspect) {
  world_.stuck_per_load = 100;
  world_.serves_leak_profile = true;
  context_.go.leak_profile = edge::LeakProfile::kExperiment;
  verdict::VariantResult r = Run();

  EXPECT_EQ(r.verdict, verdict::Verdict::kLeak) << r.reason;
  EXPECT_EQ(r.counts.baseline, 4);
  EXPECT_EQ(r.counts.final, 104);
  ASSERT_FALSE(r.suspects.empty());
  EXPECT_EQ(r.suspects[0].top_function, "main.leakyHandler.func1");
  EXPECT_TRUE(r.suspect_matched);
  EXPECT_TRUE(r.runtime_leak_profile.available);
  EXPECT_EQ(r.runtime_leak_profile.leaked, 21);
  EXPECT_TRUE(r.runtime_leak_profile.agrees);
  EXPECT_EQ(r.load.requests, 1000);
  EXPECT_EQ(r.heap.final_bytes, 1048576);
  EXPECT_TRUE(fs::exists(VariantDir() / "verdict.json"));
  EXPECT_TRUE(fs::exists(VariantDir() / "goroutine-final.folded"));
  EXPECT_EQ(world_.asked.back(), "goroutineleak?debug=1");  // runs the leak GC: last
}

TEST_F(RunVariantTest, SamplesEveryIntervalOfTheInjectedClockInEachPhase) {
  verdict::VariantResult r = Run();

  EXPECT_EQ(r.verdict, verdict::Verdict::kClean) << r.reason;
  EXPECT_TRUE(r.passed);
  EXPECT_TRUE(r.suspects.empty() || r.suspects[0].count_final == r.suspects[0].count_baseline);
  EXPECT_FALSE(r.runtime_leak_profile.available);  // the toolchain has none
  // Every 0.25 s: baseline 0-0.5 s, load until 2.5 s, drain 2.5-4 s, then
  // 0.625 s of final samples. A phase's last tick belongs to it; the load's
  // end is noticed before its tick, so 2.5 s is a drain sample.
  std::map<verdict::Phase, int> per_phase;
  for (const verdict::Sample& s : r.series.samples) ++per_phase[s.phase];
  EXPECT_EQ(per_phase[verdict::Phase::kBaseline], 3);
  EXPECT_EQ(per_phase[verdict::Phase::kLoad], 7);
  EXPECT_EQ(per_phase[verdict::Phase::kDrain], 7);
  EXPECT_EQ(per_phase[verdict::Phase::kFinal], 2);
  EXPECT_DOUBLE_EQ(r.series.samples.back().seconds, 4.5);
  EXPECT_DOUBLE_EQ(r.series.load_started, 0.5);
  EXPECT_DOUBLE_EQ(r.series.load_ended, 2.5);
}

TEST_F(RunVariantTest, ASlowFixtureStillGetsBaselineAndFinalSamples) {
  // Each sample takes 0.7 s, longer than the 0.625 s planned for the final
  // phase: the phase waits for its samples instead of ending without one.
  world_.seconds_per_sample = 0.7;
  verdict::VariantResult r = Run();

  EXPECT_EQ(r.verdict, verdict::Verdict::kClean) << r.reason;
  std::map<verdict::Phase, int> per_phase;
  for (const verdict::Sample& s : r.series.samples) ++per_phase[s.phase];
  EXPECT_GE(per_phase[verdict::Phase::kBaseline], 2);
  EXPECT_GE(per_phase[verdict::Phase::kFinal], 2);
}

TEST_F(RunVariantTest, GoroutinesThatOutliveTheLoadBrieflyAreLingering) {
  world_.stuck_per_load = 100;
  world_.stuck_for_seconds = 0.5;
  variant_.expected = verdict::Verdict::kLingering;
  verdict::VariantResult r = Run();

  EXPECT_EQ(r.verdict, verdict::Verdict::kLingering) << r.reason;
  EXPECT_EQ(r.counts.final, 4);
  ASSERT_FALSE(r.suspects.empty());  // taken from the dump right after the load
  EXPECT_EQ(r.suspects[0].top_function, "main.leakyHandler.func1");
  EXPECT_TRUE(fs::exists(VariantDir() / "goroutine-peak.folded"));
}

TEST_F(RunVariantTest, AFixtureThatDiesDuringTheLoadIsAnError) {
  world_.dies_during_load = true;
  verdict::VariantResult r = Run();

  EXPECT_EQ(r.verdict, verdict::Verdict::kError);
  EXPECT_NE(r.reason.find("the fixture died during the run: exit code 2"), std::string::npos) << r.reason;
  EXPECT_FALSE(r.passed);
}

TEST_F(RunVariantTest, FailedSamplesMakeTheVerdictAnErrorNamingThem) {
  world_.debug1_fails_during_load = true;
  verdict::VariantResult r = Run();

  EXPECT_EQ(r.verdict, verdict::Verdict::kError);
  EXPECT_NE(r.reason.find("sampler: "), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("goroutine?debug=1: HTTP 503"), std::string::npos) << r.reason;
}

TEST_F(RunVariantTest, ARuntimeThatRefusesARemovedGodebugSkipsTheVariant) {
  world_.refused_godebug = "asynctimerchan";
  variant_.env["GODEBUG"] = "asynctimerchan=1";
  verdict::VariantResult r = Run();

  EXPECT_EQ(r.verdict, verdict::Verdict::kSkipped);
  EXPECT_NE(r.reason.find("not possible on go1.26.8"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("asynctimerchan=1"), std::string::npos) << r.reason;
  EXPECT_TRUE(fs::exists(VariantDir() / "verdict.json"));
}

}  // namespace
}  // namespace leakrig::runner
