#include "sweep/schedtrace.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace leakrig::sweep {
namespace {

struct FormatCase {
  std::string name;
  std::string give;
  std::optional<int64_t> want_needspinning;
  std::vector<int64_t> want_local;
  std::vector<int64_t> want_schedticks;
};

TEST(SchedTraceParserTest, ReadsEveryFormat) {
  const std::string counters = "gomaxprocs=4 idleprocs=0 threads=5 spinningthreads=0";
  const std::vector<FormatCase> cases = {
      {"go1.25+: spaced bracket, schedticks",
       "SCHED 1007ms: " + counters +
           " needspinning=1 idlethreads=0 runqueue=590 [ 158 92 78 78 ] "
           "schedticks=[ 53 52 51 52 ]",
       1,
       {158, 92, 78, 78},
       {53, 52, 51, 52}},
      {"go1.21-1.24: tight bracket, needspinning",
       "SCHED 1007ms: " + counters + " needspinning=1 idlethreads=0 runqueue=590 [158 92 78 78]",
       1,
       {158, 92, 78, 78},
       {}},
      {"before go1.21: tight bracket, no needspinning",
       "SCHED 1007ms: " + counters + " idlethreads=0 runqueue=590 [158 92 78 78]",
       std::nullopt,
       {158, 92, 78, 78},
       {}},
      {"spaced bracket without schedticks",
       "SCHED 1007ms: " + counters + " needspinning=0 idlethreads=0 runqueue=590 [ 158 92 78 78 ]",
       0,
       {158, 92, 78, 78},
       {}},
      {"tight bracket with schedticks, no needspinning",
       "SCHED 1007ms: " + counters + " idlethreads=0 runqueue=590 [158 92 78 78] schedticks=[53 52 51 52]",
       std::nullopt,
       {158, 92, 78, 78},
       {53, 52, 51, 52}},
      {"scheddetail=1: no bracket, boolean extras",
       "SCHED 1007ms: " + counters +
           " needspinning=1 idlethreads=0 runqueue=590 gcwaiting=false "
           "nmidlelocked=0 stopwait=0 sysmonwait=false",
       1,
       {},
       {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string error;
    auto sample = ParseSchedLine(c.give, &error);
    ASSERT_TRUE(sample) << error;
    EXPECT_EQ(sample->ms, 1007);
    EXPECT_EQ(sample->gomaxprocs, 4);
    EXPECT_EQ(sample->threads, 5);
    EXPECT_EQ(sample->runqueue, 590);
    EXPECT_EQ(sample->needspinning, c.want_needspinning);
    EXPECT_EQ(sample->local_runqueues, c.want_local);
    EXPECT_EQ(sample->schedticks, c.want_schedticks);
  }
}

TEST(SchedTraceParserTest, ReadsOneP) {
  std::string error;
  auto sample = ParseSchedLine(
      "SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=4 spinningthreads=0 needspinning=1 idlethreads=2 runqueue=0 "
      "[ 2 ] schedticks=[ 4 ]",
      &error);
  ASSERT_TRUE(sample) << error;
  EXPECT_EQ(sample->local_runqueues, std::vector<int64_t>{2});
  EXPECT_EQ(sample->idlethreads, 2);
}

struct MalformedCase {
  std::string name;
  std::string give;
  std::string want_error;
};

TEST(SchedTraceParserTest, RejectsMalformedLines) {
  const std::string rest = "idleprocs=0 threads=5 spinningthreads=0 idlethreads=0";
  const std::vector<MalformedCase> cases = {
      {"no ms unit", "SCHED 12: gomaxprocs=1 " + rest + " runqueue=0 [0]", "SCHED <N>ms:"},
      {"counter not a number", "SCHED 12ms: gomaxprocs=x " + rest + " runqueue=0 [0]", "\"gomaxprocs=x\""},
      {"counter missing", "SCHED 12ms: gomaxprocs=1 " + rest + " [0]", "no runqueue="},
      {"list not closed", "SCHED 12ms: gomaxprocs=1 " + rest + " runqueue=0 [ 1 2", "not closed"},
      {"stray bracket", "SCHED 12ms: gomaxprocs=1 " + rest + " runqueue=0 ] 1", "closes no list"},
      {"junk in a list", "SCHED 12ms: gomaxprocs=1 " + rest + " runqueue=0 [ 1 x ]", "\"x\" in a [ ] list"},
      {"a word, not key=value", "SCHED 12ms: gomaxprocs=1 " + rest + " runqueue=0 {\"workload\"", "key=value"},
      {"empty value", "SCHED 12ms: gomaxprocs= " + rest + " runqueue=0", "key=value"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string error;
    EXPECT_FALSE(ParseSchedLine(c.give, &error));
    EXPECT_NE(error.find(c.want_error), std::string::npos) << error;
  }
}

TEST(SchedTraceParserTest, ReportsMalformedLinesWithTheirNumbers) {
  const std::string good =
      "SCHED 1ms: gomaxprocs=1 idleprocs=0 threads=4 spinningthreads=0 idlethreads=2 runqueue=3 [5]\n";
  const std::string text = good + "fixture: some stderr\n" +
                           "SCHED 2ms: gomaxprocs=1 idleprocs=0 threads=4 runqueue=0 [0]\n" + good +
                           "SCHED 3ms: gomaxprocs=1 idleprocs=0 threads=4 spinningthreads=0 idlethreads=2 "
                           "runqueue=0 [ 1 2\n";
  SchedTrace trace = ParseSchedTrace(text);
  EXPECT_EQ(trace.samples.size(), 2u);
  ASSERT_EQ(trace.errors.size(), 2u);
  EXPECT_EQ(trace.errors[0].line, 3);
  EXPECT_NE(trace.errors[0].message.find("no spinningthreads="), std::string::npos);
  EXPECT_EQ(trace.errors[1].line, 5);
  EXPECT_FALSE(trace.cut_last_line);
}

TEST(SchedTraceParserTest, SkipsALastLineCutByExit) {
  SchedTrace trace = ParseSchedTrace(
      "SCHED 1ms: gomaxprocs=1 idleprocs=0 threads=4 spinningthreads=0 idlethreads=2 runqueue=3 [5]\r\n"
      "SCHED 2ms: gomaxprocs=1 idleprocs=0 thr");
  EXPECT_EQ(trace.samples.size(), 1u);
  EXPECT_TRUE(trace.errors.empty());
  EXPECT_TRUE(trace.cut_last_line);
}

// Logs of real runs (Go 1.26): see testdata/README.md for how they were made.
TEST(SchedTraceParserTest, ReadsRealGo126Logs) {
  struct Case {
    std::string give;
    size_t want_samples;
    int64_t want_gomaxprocs, want_global, want_per_p;
  };
  const std::vector<Case> cases = {
      {"cpu-p4.log", 35, 4, 516, 239},
      {"sleep-p1.log", 9, 1, 642, 144},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.give);
    SchedTrace trace = ParseSchedTrace(testing::ReadTestdata(c.give));
    EXPECT_TRUE(trace.errors.empty());
    EXPECT_FALSE(trace.cut_last_line);
    ASSERT_EQ(trace.samples.size(), c.want_samples);
    for (const auto& s : trace.samples) {
      EXPECT_EQ(s.gomaxprocs, c.want_gomaxprocs);
      EXPECT_EQ(s.local_runqueues.size(), static_cast<size_t>(c.want_gomaxprocs));
      EXPECT_EQ(s.schedticks.size(), static_cast<size_t>(c.want_gomaxprocs));
    }
    RunQueuePeaks peaks = PeakRunQueues(trace.samples);
    EXPECT_EQ(peaks.global, c.want_global);
    EXPECT_EQ(peaks.per_p, c.want_per_p);
  }
}

TEST(SchedTraceParserTest, PeaksOfNoSamplesAreZero) {
  RunQueuePeaks peaks = PeakRunQueues({});
  EXPECT_EQ(peaks.global, 0);
  EXPECT_EQ(peaks.per_p, 0);
  EXPECT_EQ(peaks.samples, 0);
}

}  // namespace
}  // namespace leakrig::sweep
