#include "profile/diff.h"

#include <gtest/gtest.h>

#include <string>

#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

std::string Record(int id, std::string_view state, std::string_view function, int line) {
  return "goroutine " + std::to_string(id) + " [" + std::string(state) + "]:\n" + std::string(function) +
         "(...)\n\t/src/main.go:" + std::to_string(line) +
         "\ncreated by main.main in goroutine 1\n"
         "\t/src/main.go:40 +0x1\n\n";
}

std::string Repeat(int n, int first_id, std::string_view state, std::string_view function, int line) {
  std::string out;
  for (int i = 0; i < n; ++i) out += Record(first_id + i, state, function, line);
  return out;
}

TEST(DiffTest, SortsByGrowthAndMarksChanges) {
  const Snapshot before = ParseDump(Repeat(2, 10, "chan send", "main.leak", 5) +
                                    Repeat(3, 20, "select", "main.idle", 7) + Repeat(1, 30, "IO wait", "main.gone", 9));
  const Snapshot after =
      ParseDump(Repeat(50, 100, "chan send", "main.leak", 5) + Repeat(2, 200, "select", "main.idle", 7) +
                Repeat(1, 300, "sleep", "main.fresh", 11));
  const std::vector<GroupDelta> d = Diff(before, after, Similarity::kFunctions);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].group.top_function, "main.leak");
  EXPECT_EQ(d[0].group.wait_reason, "chan send");
  EXPECT_EQ(d[0].before, 2);
  EXPECT_EQ(d[0].after, 50);
  EXPECT_EQ(d[0].delta, 48);
  EXPECT_EQ(d[0].change, Change::kGrown);
  EXPECT_EQ(d[1].change, Change::kNew);
  EXPECT_EQ(d[1].group.top_function, "main.fresh");
  EXPECT_EQ(d[2].change, Change::kShrunk);
  EXPECT_EQ(d[3].change, Change::kGone);
  EXPECT_EQ(d[3].group.top_function, "main.gone");
  EXPECT_EQ(d[3].group.count, 1);
}

TEST(DiffTest, FunctionsSimilarityIgnoresLineChanges) {
  const Snapshot before = ParseDump(Repeat(2, 10, "chan send", "main.leak", 5));
  const Snapshot after = ParseDump(Repeat(3, 10, "chan send", "main.leak", 6));
  EXPECT_EQ(Diff(before, after, Similarity::kFunctions).size(), 1u);
  EXPECT_EQ(Diff(before, after, Similarity::kExactLines).size(), 2u);
}

}  // namespace
}  // namespace leakrig::profile
