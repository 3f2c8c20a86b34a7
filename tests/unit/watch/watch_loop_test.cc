// The watch loop against a fake target and a fake clock: what it asks for,
// when, and what it makes of the answers.

#include "watch/watch_loop.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "profile.pb.h"

namespace leakrig::watch {
namespace {

namespace pb = ::perftools::profiles;

class FakeClock final : public edge::Clock {
 public:
  TimePoint Now() const override { return now_; }
  void SleepFor(Duration d) override { now_ += d; }
  double seconds() const { return std::chrono::duration<double>(now_ - TimePoint{}).count(); }

 private:
  TimePoint now_{};
};

// A raw (uncompressed) goroutine profile: one sample per stack, each stack
// a single function.
std::string Proto(const std::map<std::string, int64_t>& stacks) {
  pb::Profile p;
  p.add_string_table("");
  p.add_string_table("goroutine");
  p.add_string_table("count");
  auto* type = p.add_sample_type();
  type->set_type(1);
  type->set_unit(2);
  uint64_t id = 0;
  for (const auto& [function, count] : stacks) {
    ++id;
    p.add_string_table(function);
    auto* f = p.add_function();
    f->set_id(id);
    f->set_name(p.string_table_size() - 1);
    auto* loc = p.add_location();
    loc->set_id(id);
    loc->add_line()->set_function_id(id);
    auto* sample = p.add_sample();
    sample->add_location_id(id);
    sample->add_value(count);
  }
  return p.SerializeAsString();
}

std::string Debug2(const std::map<std::string, int64_t>& stacks) {
  std::string text;
  int64_t id = 1;
  for (const auto& [function, count] : stacks) {
    for (int64_t i = 0; i < count; ++i) {
      text += "goroutine " + std::to_string(id++) + " [chan send]:\n" + function + "()\n\t/src/main.go:10 +0x1\n" +
              "created by main.main in goroutine 1\n\t/src/main.go:20 +0x2\n\n";
    }
  }
  return text;
}

// A target whose stacks follow `stacks(seconds)`; it records every request.
class FakeTarget final : public edge::ProfileSource {
 public:
  FakeTarget(const FakeClock& clock, std::function<std::map<std::string, int64_t>(double)> stacks)
      : clock_(clock), stacks_(std::move(stacks)) {}
  edge::FetchResult Fetch(const std::string& what) override {
    asked.push_back({clock_.seconds(), what});
    if (down_after && clock_.seconds() >= *down_after) return {0, "", "connection refused", false, 0};
    if (what == "goroutine?debug=0") {
      const bool slowed = slow_every > 0 && ++cheap_asked % slow_every != 2 % slow_every;
      const double seconds = slowed ? slow_seconds : cheap_seconds;
      return {200, Proto(stacks_(clock_.seconds())), "", false, seconds};
    }
    if (what == "goroutine?debug=2") return {200, Debug2(stacks_(clock_.seconds())), "", false, 0.010};
    return {404, "Unknown profile\n", "", false, 0.001};
  }
  int Count(const std::string& what) const {
    int n = 0;
    for (const auto& [t, w] : asked) n += w == what;
    return n;
  }
  std::vector<std::pair<double, std::string>> asked;
  std::optional<double> down_after;
  double cheap_seconds = 0.001;  // a small service
  // When set, only the 2nd cheap request and every slow_every-th after it
  // take cheap_seconds; the others are slowed to slow_seconds (a busy machine).
  int slow_every = 0;
  double slow_seconds = 0;
  int cheap_asked = 0;

 private:
  const FakeClock& clock_;
  std::function<std::map<std::string, int64_t>(double)> stacks_;
};

std::map<std::string, int64_t> Leaking(double t) {
  return {{"main.main", 1}, {"main.leak", static_cast<int64_t>(50 * t)}};
}

WatchLoopConfig Config(double duration) {
  WatchLoopConfig config;
  config.url = "http://127.0.0.1:6060/";
  config.host_port = "127.0.0.1:6060";
  config.duration_seconds = duration;
  return config;
}

TEST(WatchLoopTest, CheapProfileEveryIntervalFullDumpOnlyWhenGrowthFires) {
  FakeClock clock;
  FakeTarget target(clock, Leaking);
  WatchLoopConfig config = Config(100);
  config.full_dump_period_seconds = 30;
  std::vector<IntervalStatus> lines;
  WatchHooks hooks;
  hooks.on_interval = [&](const IntervalStatus& s, const Watcher&, const WatchCost&) { lines.push_back(s); };
  WatchOutcome out = RunWatch(target, clock, config, hooks, nullptr);
  // The first window's 12 samples by 2.75 s, then one per second to 100 s.
  EXPECT_EQ(target.Count("goroutine?debug=0"), 12 + 97);
  EXPECT_EQ(lines.size(), 12u + 97u);
  // The alarm fires once and stays on: one dump at the alarm, then at most
  // one per 30 s, plus none at the end (the last is recent enough or taken).
  const int dumps = target.Count("goroutine?debug=2");
  EXPECT_GE(dumps, 1);
  EXPECT_LE(dumps, 1 + 100 / 30);
  EXPECT_EQ(out.result.full_dumps, dumps);
  double previous = -1e9;
  for (const auto& [t, what] : target.asked) {
    if (what != "goroutine?debug=2") continue;
    EXPECT_GE(t - previous, 30 - 1e-9);
    previous = t;
  }
  EXPECT_EQ(out.result.summary.verdict, verdict::Verdict::kLeak);
  const SignatureSummary& leak = out.result.summary.signatures[0];
  EXPECT_EQ(leak.top_function, "main.leak");
  ASSERT_TRUE(leak.details.has_value());
  EXPECT_EQ(leak.details->wait_reason, "chan send");
  EXPECT_EQ(leak.details->created_by, "main.main");
  EXPECT_NEAR(*leak.rate_per_minute, 3000, 1);
  // Pause accounting: every request's time is counted by kind.
  EXPECT_EQ(out.result.cost.cheap.count(), 12 + 97);
  EXPECT_DOUBLE_EQ(out.result.cost.full.max_seconds(), 0.010);
  EXPECT_FALSE(out.result.leak_profile.available);
  EXPECT_EQ(out.result.stop_reason, "duration reached");
}

// The loop parses each dump once; what the run folder and the report need
// comes out parsed, so nothing downstream parses again.
TEST(WatchLoopTest, KeepsTheDumpsItReadParsed) {
  FakeClock clock;
  FakeTarget target(clock, Leaking);
  WatchOutcome out = RunWatch(target, clock, Config(100), {}, nullptr);
  ASSERT_FALSE(out.last_full_dump.empty());
  ASSERT_FALSE(out.last_full_dump.groups.empty());
  EXPECT_EQ(out.last_full_dump.groups[0].top_function, "main.leak");
  EXPECT_EQ(out.last_full_dump.groups[0].wait_reason, "chan send");
  EXPECT_FALSE(out.first_profile.groups.empty());
  EXPECT_FALSE(out.last_profile.groups.empty());
  // The most telling dump is the last full dump, kept as parsed.
  EXPECT_NE(out.telling.format(), profile::DumpFormat::kProto);
  EXPECT_GT(out.telling.total(), 0);
}

TEST(WatchLoopTest, NoFullDumpWhileNothingGrows) {
  FakeClock clock;
  FakeTarget target(clock, [](double) { return std::map<std::string, int64_t>{{"main.main", 1}, {"main.idle", 4}}; });
  WatchOutcome out = RunWatch(target, clock, Config(60), {}, nullptr);
  EXPECT_EQ(target.Count("goroutine?debug=2"), 0);
  EXPECT_EQ(target.Count("goroutineleak?debug=1"), 1) << "asked once at the end, then known absent";
  EXPECT_EQ(out.result.summary.verdict, verdict::Verdict::kClean);
  EXPECT_EQ(out.result.summary.samples, 12 + 57);  // by 2.75 s, then 3.75 s to 59.75 s
}

TEST(WatchLoopTest, UntilLeakStopsAtTheAlarm) {
  FakeClock clock;
  FakeTarget target(clock, Leaking);
  WatchLoopConfig config = Config(600);
  config.until_leak = true;
  WatchOutcome out = RunWatch(target, clock, config, {}, nullptr);
  EXPECT_TRUE(out.result.stopped_at_leak);
  EXPECT_LE(clock.seconds(), 10);
  EXPECT_EQ(out.result.summary.verdict, verdict::Verdict::kLeak);
}

// The times of the cheap profiles the target was asked for.
std::vector<double> CheapTimes(const FakeTarget& target) {
  std::vector<double> times;
  for (const auto& [t, what] : target.asked) {
    if (what == "goroutine?debug=0") times.push_back(t);
  }
  return times;
}

TEST(WatchLoopTest, FirstWindowIsSampledFastThenAtTheInterval) {
  FakeClock clock;
  FakeTarget target(clock, [](double) { return std::map<std::string, int64_t>{{"main.main", 1}}; });
  RunWatch(target, clock, Config(10), {}, nullptr);
  const std::vector<double> times = CheapTimes(target);
  ASSERT_EQ(times.size(), 12u + 7u);
  for (size_t i = 0; i < 12; ++i) EXPECT_DOUBLE_EQ(times[i], 0.25 * static_cast<double>(i));
  for (size_t i = 12; i < times.size(); ++i) EXPECT_DOUBLE_EQ(times[i] - times[i - 1], 1.0);
}

TEST(WatchLoopTest, FastStartIsBoundedByTheCost) {
  for (const auto& [cheap_seconds, fast] : {std::pair{0.002, 0.4}, std::pair{0.01, 2.0}}) {
    FakeClock clock;
    FakeTarget target(clock, [](double) { return std::map<std::string, int64_t>{{"main.main", 1}}; });
    target.cheap_seconds = cheap_seconds;  // 0.5% of the interval: 0.4 s, or 2 s (slower than the interval)
    RunWatch(target, clock, Config(30), {}, nullptr);
    const std::vector<double> times = CheapTimes(target);
    ASSERT_GT(times.size(), 12u);
    EXPECT_NEAR(times[1] - times[0], 0.25, 1e-9) << "the first, cold request sets no interval";
    EXPECT_NEAR(times[2] - times[1], fast, 1e-9) << cheap_seconds;
    EXPECT_NEAR(times[12] - times[11], std::max(fast, 1.0), 1e-9) << cheap_seconds;
  }
}

TEST(WatchLoopTest, ABusyMachineSlowingMostAnswersDoesNotStretchTheInterval) {
  FakeClock clock;
  FakeTarget target(clock, [](double) { return std::map<std::string, int64_t>{{"main.main", 1}}; });
  target.slow_every = 4;  // three answers in four take 50 ms; the profile itself costs 1 ms
  target.slow_seconds = 0.05;
  WatchOutcome out = RunWatch(target, clock, Config(20), {}, nullptr);
  EXPECT_EQ(out.result.summary.samples, 12 + 17);  // by 2.75 s, then 3.75 s to 19.75 s
  EXPECT_EQ(out.result.longest_interval_seconds, 0);
}

TEST(WatchLoopTest, NoFastStartWhenTurnedOffOrNotFaster) {
  for (const double fast : {0.0, 1.0, 2.0}) {
    FakeClock clock;
    FakeTarget target(clock, [](double) { return std::map<std::string, int64_t>{{"main.main", 1}}; });
    WatchLoopConfig config = Config(10);
    config.fast_interval_seconds = fast;
    RunWatch(target, clock, config, {}, nullptr);
    EXPECT_EQ(target.Count("goroutine?debug=0"), 11) << fast;
  }
}

// The speed target: one goroutine per request at 100 requests/s, found
// within 3 s. The first window is sampled fast; the trend must span 2 s.
TEST(WatchLoopTest, UntilLeakFindsOneGoroutinePerRequestAt100PerSecondWithinThreeSeconds) {
  FakeClock clock;
  FakeTarget target(clock, [](double t) {
    return std::map<std::string, int64_t>{{"main.main", 1}, {"main.leak", static_cast<int64_t>(100 * t)}};
  });
  WatchLoopConfig config = Config(60);
  config.until_leak = true;
  WatchOutcome out = RunWatch(target, clock, config, {}, nullptr);
  EXPECT_TRUE(out.result.stopped_at_leak);
  ASSERT_TRUE(out.result.summary.detect_seconds.has_value());
  EXPECT_GE(*out.result.summary.detect_seconds, 2.0);
  EXPECT_LE(*out.result.summary.detect_seconds, 2.5);
  EXPECT_EQ(out.result.summary.signatures[0].top_function, "main.leak");
}

TEST(WatchLoopTest, UnreachableTargetIsReported) {
  FakeClock clock;
  FakeTarget target(clock, Leaking);
  target.down_after = 0;
  WatchOutcome out = RunWatch(target, clock, Config(60), {}, nullptr);
  EXPECT_TRUE(out.result.unreachable);
  EXPECT_EQ(out.result.summary.samples, 0);
  EXPECT_NE(out.result.stop_reason.find("connection refused"), std::string::npos);
}

TEST(WatchLoopTest, TargetThatDiesMidWatchEndsItAfterThreeFailures) {
  FakeClock clock;
  FakeTarget target(clock, [](double) { return std::map<std::string, int64_t>{{"main.main", 1}}; });
  target.down_after = 10.5;
  WatchOutcome out = RunWatch(target, clock, Config(60), {}, nullptr);
  EXPECT_TRUE(out.result.unreachable);
  EXPECT_EQ(out.result.summary.samples, 12 + 7);  // by 2.75 s, then 3.75 s to 9.75 s
  EXPECT_EQ(out.result.cost.failures, 3);
  EXPECT_NEAR(clock.seconds(), 12.75, 1e-6);  // 10.75, 11.75, 12.75 failed
}

TEST(WatchLoopTest, SlowProfilesStretchTheIntervalToKeepTheCostBounded) {
  FakeClock clock;
  FakeTarget target(clock, [](double) { return std::map<std::string, int64_t>{{"main.main", 1}}; });
  target.cheap_seconds = 0.05;  // a large target: 50 ms per cheap profile
  WatchLoopConfig config = Config(100);
  WatchOutcome out = RunWatch(target, clock, config, {}, nullptr);
  // 0.5% of the time at most: one sample per 10 s instead of per second,
  // from the second on (the first request is cold, and sets no interval).
  EXPECT_EQ(out.result.summary.samples, 11);
  const std::vector<double> times = CheapTimes(target);
  EXPECT_DOUBLE_EQ(times[1], 0.25);
  EXPECT_DOUBLE_EQ(times[2] - times[1], 10);
  EXPECT_DOUBLE_EQ(out.result.longest_interval_seconds, 10);
  EXPECT_NEAR(out.result.cost.cheap.total_seconds() / (11 * 10), 0.005, 1e-9) << "0.5% of each interval";
}

TEST(WatchLoopTest, RejectsABodyThatIsNoProfile) {
  class HtmlTarget final : public edge::ProfileSource {
   public:
    edge::FetchResult Fetch(const std::string&) override { return {200, "<html>hello</html>", "", false, 0}; }
  } html;
  FakeClock clock;
  WatchOutcome out = RunWatch(html, clock, Config(5), {}, nullptr);
  EXPECT_TRUE(out.result.unreachable);
  EXPECT_NE(out.result.stop_reason.find("not a whole goroutine profile"), std::string::npos);
}

}  // namespace
}  // namespace leakrig::watch
