#include "profile/aggregate.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "profile/parse_dump.h"
#include "sample_dumps.h"

namespace leakrig::profile {
namespace {

using test_dumps::kSameProcessDebug1;
using test_dumps::kSameProcessDebug2;

const Group* FindByTop(const std::vector<Group>& groups, std::string_view f) {
  for (const Group& g : groups) {
    if (g.top_function == f) return &g;
  }
  return nullptr;
}

TEST(AggregateTest, GroupsSameStackAndSortsByCount) {
  const Snapshot s = ParseDump(kSameProcessDebug2);
  const std::vector<Group> groups = Aggregate(s, Similarity::kExactLines);
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0].count, 3);
  EXPECT_EQ(groups[0].wait_reason, "chan send");
  EXPECT_EQ(groups[0].signature, "main.send /tmp/q/main.go:11");
  EXPECT_EQ(groups[0].min_minutes, 0);
  EXPECT_EQ(groups[0].max_minutes, 2);
  EXPECT_EQ(groups[0].created_by, "main.main");
  EXPECT_EQ(groups[0].created_at, "/tmp/q/main.go:17");
}

TEST(AggregateTest, TopFunctionSkipsSyncFrames) {
  const Snapshot s = ParseDump(kSameProcessDebug2);
  const std::vector<Group> groups = Aggregate(s, Similarity::kFunctions);
  const Group* mutex = FindByTop(groups, "main.main.func1");
  ASSERT_NE(mutex, nullptr);
  EXPECT_EQ(mutex->wait_reason, "sync.Mutex.Lock");
  EXPECT_EQ(mutex->location, "/tmp/q/main.go:19");
  EXPECT_EQ(mutex->stack.front(), "internal/sync.runtime_SemacquireMutex");
}

TEST(AggregateTest, KeepsLabelsSorted) {
  const Snapshot s = ParseDump(kSameProcessDebug2);
  const std::vector<Group> groups = Aggregate(s, Similarity::kFunctions);
  const Group* g = FindByTop(groups, "main.main.func2.1");
  ASSERT_NE(g, nullptr);
  const std::vector<std::pair<std::string, std::string>> want = {{"tenant", "a b"}, {"worker", "w1"}};
  EXPECT_EQ(g->labels, want);
}

std::set<std::string> Signatures(std::string_view dump, Similarity sim) {
  std::set<std::string> out;
  for (const Group& g : Aggregate(ParseDump(dump), sim)) {
    // The goroutine writing the profile runs different code in each format.
    if (g.signature.starts_with("runtime/pprof.")) continue;
    out.insert(g.signature);
  }
  return out;
}

TEST(AggregateTest, Debug1AndDebug2GiveSameSignaturesAtFunctions) {
  EXPECT_EQ(Signatures(kSameProcessDebug1, Similarity::kFunctions),
            Signatures(kSameProcessDebug2, Similarity::kFunctions));
}

TEST(AggregateTest, RuntimeOnlyStackKeepsItsFrames) {
  const Snapshot s = ParseDump(
      "goroutine profile: total 1\n"
      "1 @ 0x1 0x2\n"
      "#\t0x1\truntime.gopark+0x1\t/go/src/runtime/proc.go:1\n"
      "#\t0x2\truntime.forcegchelper+0x1\t/go/src/runtime/proc.go:2\n"
      "\n");
  const std::vector<Group> groups = Aggregate(s, Similarity::kFunctions);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].signature, "runtime.gopark\nruntime.forcegchelper");
  EXPECT_EQ(groups[0].top_function, "runtime.forcegchelper");
}

TEST(AggregateTest, UnavailableStacksGroupTogether) {
  const Snapshot s = ParseDump(
      "goroutine 3 [running]:\n"
      "\tgoroutine running on other thread; stack unavailable\n"
      "\n"
      "goroutine 4 [running]:\n"
      "\tgoroutine running on other thread; stack unavailable\n");
  const std::vector<Group> groups = Aggregate(s, Similarity::kFunctions);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].count, 2);
  EXPECT_EQ(groups[0].signature, "(stack unavailable)");
  EXPECT_EQ(groups[0].top_function, "");
}

}  // namespace
}  // namespace leakrig::profile
