#include <gtest/gtest.h>

#include <string>

#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

// Copied from a Go 1.26 debug=1 dump of the same process as
// parse_goroutines_test.cc's kDebug2.
constexpr std::string_view kDebug1 =
    "goroutine profile: total 5\n"
    "3 @ 0x47d92e 0x41491c 0x414517 0x4dc1fe 0x483e41\n"
    "#\t0x4dc1fd\tmain.send+0x1d\t/tmp/q/main.go:11\n"
    "\n"
    "1 @ 0x47d92e 0x415619 0x415432 0x4dc277 0x483e41\n"
    "# labels: {\"tenant\":\"a b\", \"worker\":\"w1\"}\n"
    "#\t0x4dc276\tmain.main.func2.1+0x16\t/tmp/q/main.go:21\n"
    "\n"
    "1 @ 0x47d92e 0x45f432 0x45f409 0x47e985 0x487b5d 0x4dc1cd 0x483e41\n"
    "#\t0x47e984\tinternal/sync.runtime_SemacquireMutex+0x24\t"
    "/usr/local/go/src/runtime/sema.go:95\n"
    "#\t0x4dc1b2\tsync.(*Mutex).Lock+0x12\t\t\t\t/usr/local/go/src/sync/"
    "mutex.go:46\n"
    "#\t0x4dc1ae\tmain.main.func1+0xe\t\t\t\t/tmp/q/main.go:19\n"
    "\n";

TEST(AggregatedParserTest, DetectsDebug1) {
  EXPECT_EQ(DetectFormat(kDebug1), DumpFormat::kAggregated);
  EXPECT_EQ(DetectFormat("goroutineleak profile: total 0\n"), DumpFormat::kLeakAggregated);
}

TEST(AggregatedParserTest, ReadsBlocksAndTotal) {
  const Snapshot s = ParseDump(kDebug1);
  EXPECT_TRUE(s.errors().empty()) << s.errors()[0].message;
  EXPECT_FALSE(s.truncated());
  EXPECT_EQ(s.declared_total(), 5);
  EXPECT_EQ(s.total(), 5);
  ASSERT_EQ(s.goroutines().size(), 3u);
  EXPECT_EQ(s.goroutines()[0].count, 3);
  EXPECT_EQ(s.goroutines()[0].minutes, -1);
  EXPECT_EQ(s.str(s.goroutines()[0].state), "");
}

TEST(AggregatedParserTest, ReadsTabAlignedFrames) {
  const Snapshot s = ParseDump(kDebug1);
  const Goroutine& g = s.goroutines()[2];
  ASSERT_EQ(s.stack(g.stack).size(), 3u);
  const Frame& f = s.frame(s.stack(g.stack)[1]);
  EXPECT_EQ(s.str(f.function), "sync.(*Mutex).Lock");
  EXPECT_EQ(s.str(f.file), "/usr/local/go/src/sync/mutex.go");
  EXPECT_EQ(f.line, 46);
}

TEST(AggregatedParserTest, ReadsLabelsLine) {
  const Snapshot s = ParseDump(kDebug1);
  const auto labels = s.labels(s.goroutines()[1].labels);
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(s.str(labels[0].key), "tenant");
  EXPECT_EQ(s.str(labels[0].value), "a b");
}

TEST(AggregatedParserTest, FlagsCutBlock) {
  const std::string whole(kDebug1);
  const Snapshot s = ParseDump(whole.substr(0, whole.size() - 30));
  EXPECT_TRUE(s.truncated());
  EXPECT_EQ(s.total(), 4);
  EXPECT_FALSE(s.errors().empty());
}

TEST(AggregatedParserTest, ReportsBadLineWithNumber) {
  const Snapshot s = ParseDump(
      "goroutine profile: total 1\n"
      "1 @ 0x1\n"
      "#\t0x1\tmain.f+0x1\tno-line-number\n"
      "\n");
  ASSERT_FALSE(s.errors().empty());
  EXPECT_EQ(s.errors()[0].line, 3);
}

}  // namespace
}  // namespace leakrig::profile
