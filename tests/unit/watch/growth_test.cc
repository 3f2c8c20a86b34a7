// The growth rules on synthetic series: each shape the issue names, judged
// through the whole Watcher as `leakrig watch` judges a live service.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "simulation.h"

namespace leakrig::watch::testing {
namespace {

using verdict::Verdict;

LoadPlan Steady(double rate = 100) { return {true, 0, 1e9, rate}; }
LoadPlan Until(double end, double rate = 100) { return {true, 0, end, rate}; }
LoadPlan Unknown() { return {false}; }

Verdict Judged(const SimulationResult& r) { return r.summary.verdict; }

TEST(GrowthTest, LinearGrowthIsALeakNamedWithItsRates) {
  // One goroutine per request at 100 requests/s.
  SimulationResult r = Simulate([](double t) { return static_cast<int64_t>(100 * t); }, 30, Steady());
  ASSERT_EQ(Judged(r), Verdict::kLeak) << r.summary.reason;
  const SignatureSummary* s = r.Stack("main.suspect");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->verdict, Verdict::kLeak);
  EXPECT_NEAR(*s->rate_per_minute, 6000, 60);
  EXPECT_NEAR(*s->rate_per_1000_requests, 1000, 10);
  EXPECT_EQ(r.summary.signatures.size(), 1u);  // the steady stacks are not reported
}

TEST(GrowthTest, LeakOfOnePerRequestAt100PerSecondIsDetectedInFiveSamplesAndOne) {
  // Five rising points give an exact p of 1/120 ≤ 0.01; a second window in a row confirms.
  SimulationResult r = Simulate([](double t) { return static_cast<int64_t>(100 * t); }, 12, Steady());
  ASSERT_TRUE(r.first_alarm.has_value());
  EXPECT_EQ(*r.first_alarm, 5.0);
  EXPECT_TRUE(r.statuses.back().leak_alarm);
}

// The watch's fast start: the first window sampled every 0.25 s.
constexpr double kFastStart = 0.25;

TEST(GrowthTest, LeakOfOnePerRequestAt100PerSecondIsFoundWithinThreeSecondsWithAFastStart) {
  // The trend must span 2 s (9 samples), and a second window confirms it.
  SimulationResult r =
      Simulate([](double t) { return static_cast<int64_t>(100 * t); }, 12, Steady(), 1.0, {}, kFastStart);
  ASSERT_TRUE(r.first_alarm.has_value());
  EXPECT_EQ(*r.first_alarm, 2.25);
  EXPECT_EQ(Judged(r), Verdict::kLeak) << r.summary.reason;
}

TEST(GrowthTest, AWarmUpShorterThanTheMinimumSpanIsNotALeakWithAFastStart) {
  // A pool or cache filling with 40 goroutines over its first 1.5 s, then
  // steady while requests keep coming: 7 rising fast samples, then flat ones.
  auto warm_up = [](double t) { return static_cast<int64_t>(40 * std::min(t / 1.5, 1.0)); };
  for (const LoadPlan& load : {Steady(), Unknown()}) {
    SimulationResult r = Simulate(warm_up, 60, load, 1.0, {}, kFastStart);
    EXPECT_FALSE(r.first_alarm.has_value()) << *r.first_alarm;
    EXPECT_EQ(Judged(r), Verdict::kClean) << r.summary.reason;
  }
}

TEST(GrowthTest, NoiseIsCleanWithAFastStart) {
  Noise noise(11);
  for (const LoadPlan& load : {Steady(), Unknown()}) {
    SimulationResult r =
        Simulate([&](double) { return std::lround(60 + 25 * noise.Next()); }, 120, load, 1.0, {}, kFastStart);
    EXPECT_EQ(Judged(r), Verdict::kClean) << r.summary.reason;
    EXPECT_FALSE(r.first_alarm.has_value());
  }
}

// The false-alarm rate of the rules on noise far larger than the growth
// floor (only the trend test stands between it and an alarm): independent
// counts, as requests in flight give when sampled further apart than they
// last. Measured over 100,000 samples; harness/watch/README.md has the
// figures and what they mean per hour.
TEST(GrowthTest, NoiseFarAboveTheFloorRaisesAnAlarmAboutOnceInTenThousandSamples) {
  Noise noise(3);
  Watcher watcher(WatchOptions{});
  int onsets = 0;
  bool alarm = false;
  constexpr int kSamples = 100000;
  for (int i = 0; i < kSamples; ++i) {
    const auto count = static_cast<int64_t>(std::lround(2000 + 1000 * noise.Next()));
    Observation o;
    o.seconds = i;
    o.total = count;
    o.stacks.push_back({"main.handler", "main.handler", count});
    const bool now = watcher.Observe(o).alarms > 0;
    onsets += now && !alarm;
    alarm = now;
  }
  EXPECT_GT(onsets, 0) << "the test has power: iid noise does pass now and then";
  EXPECT_LE(onsets, 2 * kSamples / 10000);
}

TEST(GrowthTest, SlowLeakUnderUnknownLoadIsALeak) {
  SimulationResult r = Simulate([](double t) { return static_cast<int64_t>(3 * t); }, 60, Unknown());
  EXPECT_EQ(Judged(r), Verdict::kLeak) << r.summary.reason;
  EXPECT_FALSE(r.Stack("main.suspect")->rate_per_1000_requests.has_value());
}

TEST(GrowthTest, LeakStaysALeakWhenTheLoadStops) {
  // Grows while requests come, then holds everything after the load.
  auto count = [](double t) { return static_cast<int64_t>(100 * std::min(t, 10.0)); };
  SimulationResult r = Simulate(count, 40, Until(10));
  EXPECT_EQ(Judged(r), Verdict::kLeak) << r.summary.reason;
}

TEST(GrowthTest, AStepIsNotALeak) {
  // A pool filled at once, then steady under the same load.
  for (const LoadPlan& load : {Steady(), Unknown()}) {
    SimulationResult r = Simulate([](double t) { return t < 5 ? 0 : 500; }, 40, load);
    EXPECT_EQ(Judged(r), Verdict::kClean) << r.summary.reason;
    EXPECT_FALSE(r.first_alarm.has_value());
  }
}

TEST(GrowthTest, ABurstIsNotALeak) {
  SimulationResult r = Simulate([](double t) { return t >= 10 && t < 12 ? 400 : 0; }, 30, Steady());
  EXPECT_EQ(Judged(r), Verdict::kClean) << r.summary.reason;
  EXPECT_FALSE(r.first_alarm.has_value());
}

TEST(GrowthTest, ASawtoothIsNotALeak) {
  // 8 s of growth at 50/s, then everything released, five times.
  auto tooth = [](double t) { return static_cast<int64_t>(50 * std::fmod(t, 10.0) * (std::fmod(t, 10.0) < 8)); };
  for (const LoadPlan& load : {Steady(), Unknown()}) {
    SimulationResult r = Simulate(tooth, 49, load);
    EXPECT_EQ(Judged(r), Verdict::kClean) << r.summary.reason;
  }
}

TEST(GrowthTest, ASawtoothThatRatchetsUpIsALeak) {
  // Each tooth releases only part of what it took.
  auto ratchet = [](double t) {
    const double phase = std::fmod(t, 10.0);
    return static_cast<int64_t>(60 * std::floor(t / 10) + 50 * phase * (phase < 8));
  };
  SimulationResult r = Simulate(ratchet, 99, Unknown());
  EXPECT_EQ(Judged(r), Verdict::kLeak) << r.summary.reason;
}

TEST(GrowthTest, NoiseIsClean) {
  Noise noise(7);
  std::vector<int64_t> values;
  for (int i = 0; i <= 300; ++i) values.push_back(static_cast<int64_t>(std::lround(60 + 25 * noise.Next())));
  for (const LoadPlan& load : {Steady(), Unknown()}) {
    SimulationResult r = Simulate([&](double t) { return values[static_cast<size_t>(t)]; }, 300, load);
    EXPECT_EQ(Judged(r), Verdict::kClean) << r.summary.reason;
    EXPECT_FALSE(r.first_alarm.has_value());
  }
}

TEST(GrowthTest, SteadyPlateauUnderConstantLoadIsNotALeak) {
  // Grows for 6 s (long enough to fire the alarm), then holds 600 while
  // requests keep coming: bounded, like a pool sized by the load.
  auto count = [](double t) { return static_cast<int64_t>(100 * std::min(t, 6.0)); };
  SimulationResult r = Simulate(count, 60, Steady());
  ASSERT_TRUE(r.first_alarm.has_value());
  EXPECT_EQ(Judged(r), Verdict::kClean) << r.summary.reason;
  EXPECT_FALSE(r.statuses.back().leak_alarm);
}

TEST(GrowthTest, PlateauThatDrainsOnceLoadStopsIsLingering) {
  // Every request leaves a goroutine for 3 s: the count climbs to 300
  // under 100 requests/s, holds, and drains 3 s after the load ends.
  auto count = [](double t) {
    const double alive_from = std::max(0.0, t - 3), alive_to = std::min(t, 20.0);
    return static_cast<int64_t>(100 * std::max(0.0, alive_to - alive_from));
  };
  SimulationResult r = Simulate(count, 30, Until(20));
  EXPECT_EQ(Judged(r), Verdict::kLingering) << r.summary.reason;
  EXPECT_EQ(r.Stack("main.suspect")->peak, 300);
}

TEST(GrowthTest, PlateauStillHeldShortlyAfterTheLoadIsLingeringNotYetLeak) {
  // The watch ends 2 s after the load: too soon to tell lingering from a leak.
  auto count = [](double t) { return t < 5 ? 0 : 300; };
  SimulationResult r = Simulate(count, 22, Until(20));
  EXPECT_EQ(Judged(r), Verdict::kLingering) << r.summary.reason;
}

TEST(GrowthTest, StepHeldLongAfterTheLoadIsALeak) {
  // A load too short for a trend, whose goroutines never leave.
  auto count = [](double t) { return t < 1 ? 0 : 300; };
  SimulationResult r = Simulate(count, 15, Until(2));
  EXPECT_EQ(Judged(r), Verdict::kLeak) << r.summary.reason;
}

TEST(GrowthTest, CleanServerConnectionsDuringLoadAreClean) {
  // 8 connections: conn.serve and a handler each, gone with the load.
  SimulationResult r = Simulate([](double t) { return t >= 1 && t < 10 ? 16 : 0; }, 20, Until(10));
  EXPECT_EQ(Judged(r), Verdict::kClean) << r.summary.reason;
}

TEST(GrowthTest, AlarmHasHysteresis) {
  // Growth that pauses for one interval does not drop the alarm.
  auto count = [](double t) { return static_cast<int64_t>(100 * (t < 10 ? t : t < 11 ? 10 : t - 1)); };
  SimulationResult r = Simulate(count, 20, Steady());
  ASSERT_TRUE(r.first_alarm.has_value());
  for (const IntervalStatus& s : r.statuses) {
    if (s.seconds > *r.first_alarm) {
      EXPECT_TRUE(s.top_alarm) << s.seconds;
    }
  }
}

TEST(WindowTestTest, StepFailsTheSpreadRule) {
  std::vector<double> t = {0, 1, 2, 3, 4, 5, 6, 7}, flat_step = {0, 0, 0, 0, 500, 500, 500, 500};
  WindowTest w = TestWindow(t, flat_step, GrowthRules{});
  EXPECT_FALSE(w.rising);
  EXPECT_EQ(w.max_step, 500);
}

TEST(WindowTestTest, ARiseAcrossALongerIntervalIsNoStep) {
  // A steady 100/s, the third sample late (a slow answer stretched the
  // interval; recorded from a watch): 126 of the window's 271 (46%) fall in
  // that 1.26 s, 1.84 mean intervals (0.6855 s), so 69 per mean interval.
  // The largest scaled rise is 62 in 0.618 s: also 69 (25% of 271).
  std::vector<double> t = {0, 0.25, 1.51, 2.128, 2.742}, counts = {0, 24, 150, 212, 271};
  const WindowTest w = TestWindow(t, counts, GrowthRules{});
  EXPECT_TRUE(w.rising);
  EXPECT_NEAR(w.max_step, 62 * (2.742 / 4) / 0.618, 1e-9);
  // The same rise within one of even intervals is a step.
  std::vector<double> even = {0, 0.6855, 1.371, 2.0565, 2.742};
  EXPECT_FALSE(TestWindow(even, counts, GrowthRules{}).rising);
}

TEST(WindowTestTest, SteadyRiseOfEightPointsPasses) {
  std::vector<double> t = {0, 1, 2, 3, 4, 5, 6, 7}, rise = {0, 20, 40, 60, 80, 100, 120, 140};
  WindowTest w = TestWindow(t, rise, GrowthRules{});
  EXPECT_TRUE(w.rising);
  EXPECT_DOUBLE_EQ(w.fit.slope, 20);
  EXPECT_DOUBLE_EQ(w.growth, 140);
}

TEST(WindowTestTest, AWindowShorterThanTheMinimumSpanFails) {
  std::vector<double> t, rise;
  for (int i = 0; i < 9; ++i) {
    t.push_back(0.25 * i);
    rise.push_back(25.0 * i);
  }
  EXPECT_TRUE(TestWindow(t, rise, GrowthRules{}).rising) << "9 points over 2 s";
  const auto short_t = std::span<const double>(t).first(8), short_rise = std::span<const double>(rise).first(8);
  const WindowTest w = TestWindow(short_t, short_rise, GrowthRules{});
  EXPECT_FALSE(w.rising) << "8 points over 1.75 s";
  EXPECT_DOUBLE_EQ(w.span, 1.75);
}

TEST(WindowTestTest, AClimbThatHasStoppedFails) {
  // Rose evenly (no step above 40%), with p ≤ 0.01, then stopped: the
  // window's second half is flat.
  std::vector<double> t = {0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25},
                      climb = {0, 10, 20, 30, 40, 40, 40, 40, 40, 40};
  const WindowTest w = TestWindow(t, climb, GrowthRules{});
  EXPECT_LE(w.mk.p_increasing, 0.01);
  EXPECT_GE(w.growth, 16);
  EXPECT_FALSE(w.rising);
  // Still climbing in its second half, at the same pace: a trend.
  std::vector<double> still = {0, 4, 8, 12, 16, 20, 24, 28, 32, 36};
  EXPECT_TRUE(TestWindow(t, still, GrowthRules{}).rising);
}

TEST(WindowTestTest, TooSmallAGrowthFails) {
  std::vector<double> t = {0, 1, 2, 3, 4, 5, 6, 7}, rise = {0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_FALSE(TestWindow(t, rise, GrowthRules{}).rising);
}

}  // namespace
}  // namespace leakrig::watch::testing
