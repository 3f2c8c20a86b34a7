#include "profile/states.h"

#include <gtest/gtest.h>

#include <string>

#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

std::string Records(int n, int first_id, std::string_view state) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "goroutine " + std::to_string(first_id + i) + " [" + std::string(state) + "]:\nmain.f" +
           std::to_string(first_id) + "(...)\n\t/src/main.go:" + std::to_string(first_id) + "\n\n";
  }
  return out;
}

bool HasReading(const std::vector<std::string>& readings, std::string_view text) {
  for (const std::string& r : readings) {
    if (r.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(StatesTest, CountsByStateMostCommonFirst) {
  const Snapshot s = ParseDump(Records(3, 10, "IO wait") + Records(1, 20, "running") + Records(2, 30, "chan send"));
  const std::vector<StateCount> states = CountStates(s);
  ASSERT_EQ(states.size(), 3u);
  EXPECT_EQ(states[0].state, "IO wait");
  EXPECT_EQ(states[0].count, 3);
  EXPECT_EQ(states[1].state, "chan send");
  EXPECT_EQ(states[2].state, "running");
}

TEST(StatesTest, ReadsIoShareAndLargestGroup) {
  const Snapshot s = ParseDump(Records(30, 100, "IO wait") + Records(10, 200, "chan send"));
  const auto states = CountStates(s);
  const auto readings = Readings(s, states, Aggregate(s, Similarity::kFunctions), {});
  EXPECT_TRUE(HasReading(readings, "75% of goroutines (30 of 40) wait on I/O"));
  EXPECT_TRUE(HasReading(readings, "(30 of 40) share one stack, in main.f100"));
}

TEST(StatesTest, ComparesRunnableWithGomaxprocsWhenKnown) {
  const Snapshot s = ParseDump(Records(2, 10, "running") + Records(9, 20, "runnable"));
  const auto states = CountStates(s);
  const auto readings = Readings(s, states, {}, ReadingContext{2});
  EXPECT_TRUE(HasReading(readings, "11 goroutines running or runnable for GOMAXPROCS=2: 9 wait"));
  const auto unknown = Readings(s, states, {}, ReadingContext{});
  EXPECT_TRUE(HasReading(unknown, "2 running and 9 runnable goroutines"));
}

TEST(StatesTest, ReportsBlockedMinutes) {
  const Snapshot s = ParseDump(Records(2, 10, "chan send, 7 minutes"));
  const auto readings = Readings(s, CountStates(s), {}, {});
  EXPECT_TRUE(HasReading(readings,
                         "2 goroutines blocked for 1 minute or more, "
                         "the longest 7 minutes"));
}

TEST(StatesTest, AggregatedFormatsHaveOneUnknownState) {
  const Snapshot s = ParseDump("goroutine profile: total 2\n2 @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:1\n\n");
  const auto states = CountStates(s);
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].state, "unknown");
  EXPECT_TRUE(HasReading(Readings(s, states, {}, {}), "no goroutine states"));
}

}  // namespace
}  // namespace leakrig::profile
