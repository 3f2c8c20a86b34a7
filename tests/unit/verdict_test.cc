#include "verdict/verdict.h"

#include <gtest/gtest.h>

#include "verdict/result.h"

namespace leakrig::verdict {
namespace {

// Builds a series from (phase, count) steps, one sample every 0.25 s; load
// starts at the first load sample and ends halfway before the first drain one.
Series MakeSeries(std::initializer_list<std::pair<Phase, int64_t>> steps) {
  Series s;
  double t = 0;
  for (auto [phase, count] : steps) {
    if (phase == Phase::kLoad && s.load_started == 0) s.load_started = t;
    if (phase == Phase::kDrain && s.load_ended == 0) s.load_ended = t - 0.125;
    s.samples.push_back({t, count, phase});
    t += 0.25;
  }
  return s;
}

constexpr auto B = Phase::kBaseline, L = Phase::kLoad, D = Phase::kDrain, F = Phase::kFinal;

TEST(ThresholdsTest, LingeringLimitIsTheSlackAndFourPerConnection) {
  EXPECT_EQ(Thresholds{}.LingeringLimit(8), 8 + 4 * 8);
  EXPECT_EQ(Thresholds{}.LingeringLimit(1), 12);
}

TEST(JudgeGoroutinesTest, GrowthThatStaysIsALeak) {
  Series s = MakeSeries({{B, 5}, {B, 5}, {L, 300}, {L, 900}, {D, 1200}, {F, 1204}, {F, 1204}});
  Judgement j = JudgeGoroutines(s, 1200, 8);
  EXPECT_EQ(j.verdict, Verdict::kLeak) << j.reason;
  EXPECT_EQ(j.counts.baseline, 5);
  EXPECT_EQ(j.counts.final, 1204);
  EXPECT_EQ(j.counts.peak, 1204);
  ASSERT_TRUE(j.detect_seconds.has_value());
  EXPECT_DOUBLE_EQ(*j.detect_seconds, 0.0);  // the first load sample is already far above a clean server
}

TEST(JudgeGoroutinesTest, KeepAliveConnectionsDuringLoadAreClean) {
  // 8 connections: a conn.serve and a handler each while load runs.
  Series s = MakeSeries({{B, 5}, {B, 6}, {L, 21}, {L, 22}, {D, 6}, {F, 5}, {F, 5}});
  Judgement j = JudgeGoroutines(s, 5000, 8);
  EXPECT_EQ(j.verdict, Verdict::kClean) << j.reason;
  EXPECT_FALSE(j.detect_seconds.has_value());
}

TEST(JudgeGoroutinesTest, PeakThatDrainsIsLingering) {
  Series s = MakeSeries({{B, 5}, {B, 5}, {L, 800}, {L, 1500}, {D, 700}, {D, 9}, {F, 6}, {F, 6}});
  Judgement j = JudgeGoroutines(s, 1500, 8);
  EXPECT_EQ(j.verdict, Verdict::kLingering) << j.reason;
}

TEST(JudgeGoroutinesTest, FanOutPeakDuringLoadAloneIsClean) {
  // A handler that fans out to 5 goroutines: a busy peak, gone with the load.
  Series s = MakeSeries({{B, 6}, {B, 6}, {L, 51}, {L, 48}, {D, 6}, {D, 6}, {F, 6}});
  Judgement j = JudgeGoroutines(s, 3400, 8);
  EXPECT_EQ(j.verdict, Verdict::kClean) << j.reason;
}

TEST(JudgeGoroutinesTest, ToleranceScalesWithRequests) {
  // 30 extra goroutines: a leak after 100 requests, noise after 20,000.
  Series s = MakeSeries({{B, 5}, {L, 35}, {D, 35}, {F, 35}});
  EXPECT_EQ(JudgeGoroutines(s, 100, 8).verdict, Verdict::kLeak);
  EXPECT_EQ(JudgeGoroutines(s, 20000, 8).verdict, Verdict::kClean);
}

TEST(JudgeGoroutinesTest, NoisyBaselineUsesTheMedian) {
  Series s = MakeSeries({{B, 5}, {B, 40}, {B, 6}, {L, 20}, {D, 7}, {F, 6}});
  Judgement j = JudgeGoroutines(s, 1000, 8);
  EXPECT_EQ(j.counts.baseline, 6);
  EXPECT_EQ(j.verdict, Verdict::kClean) << j.reason;
}

TEST(JudgeGoroutinesTest, FinalTakesTheLowestFinalSample) {
  // A last connection still closing in the first final sample is not a leak.
  Series s = MakeSeries({{B, 5}, {L, 20}, {D, 20}, {F, 30}, {F, 6}});
  EXPECT_EQ(JudgeGoroutines(s, 1000, 8).counts.final, 6);
}

TEST(JudgeGoroutinesTest, LingeringCountStillDrainingAtTheEndIsALeak) {
  // Draining, but not back by the final samples: judged on what is there.
  Series s = MakeSeries({{B, 5}, {L, 900}, {D, 700}, {D, 500}, {F, 400}, {F, 390}});
  EXPECT_EQ(JudgeGoroutines(s, 900, 8).verdict, Verdict::kLeak);
}

TEST(JudgeGoroutinesTest, MissingPhasesAreAnError) {
  Series s = MakeSeries({{L, 20}, {D, 7}});
  Judgement j = JudgeGoroutines(s, 10, 8);
  EXPECT_EQ(j.verdict, Verdict::kError);
  EXPECT_NE(j.reason.find("baseline"), std::string::npos);
}

TEST(VerdictNameTest, RoundTrips) {
  for (Verdict v : {Verdict::kLeak, Verdict::kLingering, Verdict::kClean, Verdict::kError, Verdict::kSkipped}) {
    EXPECT_EQ(ParseVerdict(VerdictName(v)), v);
  }
  EXPECT_FALSE(ParseVerdict("leaky").has_value());
}

TEST(PassesTest, ASkippedVariantPassesAndAnErrorNever) {
  VariantResult r;
  r.expected = Verdict::kLeak;
  r.verdict = Verdict::kSkipped;  // the toolchain refused the variant's GODEBUG
  EXPECT_TRUE(Passes(r, true));
  r.verdict = Verdict::kError;
  EXPECT_FALSE(Passes(r, true));
}

}  // namespace
}  // namespace leakrig::verdict

namespace leakrig::verdict {
namespace {

TEST(JudgeHeapTest, GrowthBeyondTheToleranceIsALeak) {
  Judgement j = JudgeHeap({170'000, 187'000'000}, 44'136);
  EXPECT_EQ(j.verdict, Verdict::kLeak) << j.reason;
  EXPECT_NE(j.reason.find("per request"), std::string::npos);
}

TEST(JudgeHeapTest, ToleranceScalesWithRequests) {
  // 6 MB more: a leak after 1,000 requests, noise after 20,000 (4 MiB + 256 B each).
  EXPECT_EQ(JudgeHeap({1'000'000, 7'000'000}, 1000).verdict, Verdict::kLeak);
  EXPECT_EQ(JudgeHeap({1'000'000, 7'000'000}, 20'000).verdict, Verdict::kClean);
}

TEST(JudgeHeapTest, HeapThatCameBackIsClean) {
  EXPECT_EQ(JudgeHeap({2'000'000, 1'900'000}, 40'000).verdict, Verdict::kClean);
}

TEST(JudgeHeapTest, MissingReadingIsAnError) { EXPECT_EQ(JudgeHeap({-1, 5}, 10).verdict, Verdict::kError); }

}  // namespace
}  // namespace leakrig::verdict
