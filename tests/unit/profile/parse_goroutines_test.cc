#include <gtest/gtest.h>

#include <string>

#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

// Copied from a Go 1.26 debug=2 dump (go-fixtures/cmd/dumpgen).
constexpr std::string_view kDebug2 =
    "goroutine 1 [running]:\n"
    "runtime/pprof.writeGoroutineStacks({0x519278, 0x71c9c288040})\n"
    "\t/usr/local/go/src/runtime/pprof/pprof.go:819 +0x6b\n"
    "main.main()\n"
    "\t/tmp/q/main.go:25 +0x1ef\n"
    "\n"
    "goroutine 7 [chan send, 3 minutes]:\n"
    "main.send(...)\n"
    "\t/tmp/q/main.go:11\n"
    "created by main.main in goroutine 1\n"
    "\t/tmp/q/main.go:17 +0x65\n"
    "\n"
    "goroutine 11 [chan receive (nil chan) labels:{\"tenant\": \"a b\", "
    "\"worker\": \"w1\"}]:\n"
    "main.main.func2.1()\n"
    "\t/tmp/q/main.go:21 +0x17\n"
    "created by main.main.func2 in goroutine 1\n"
    "\t/tmp/q/main.go:21 +0x1a\n";

std::string FunctionOf(const Snapshot& s, const Goroutine& g, size_t i) {
  return std::string(s.str(s.frame(s.stack(g.stack)[i]).function));
}

TEST(GoroutineParserTest, DetectsDebug2) { EXPECT_EQ(DetectFormat(kDebug2), DumpFormat::kGoroutines); }

TEST(GoroutineParserTest, ReadsEveryRecord) {
  const Snapshot s = ParseDump(kDebug2);
  EXPECT_TRUE(s.errors().empty());
  EXPECT_FALSE(s.truncated());
  ASSERT_EQ(s.goroutines().size(), 3u);
  EXPECT_EQ(s.total(), 3);
  EXPECT_EQ(s.declared_total(), -1);
}

TEST(GoroutineParserTest, ReadsHeaderStateAndMinutes) {
  const Snapshot s = ParseDump(kDebug2);
  const Goroutine& g = s.goroutines()[1];
  EXPECT_EQ(g.id, 7);
  EXPECT_EQ(s.str(g.state), "chan send");
  EXPECT_EQ(g.minutes, 3);
  EXPECT_EQ(g.line, 7);
  EXPECT_EQ(s.goroutines()[0].minutes, 0);
}

TEST(GoroutineParserTest, ReadsFramesWithoutArguments) {
  const Snapshot s = ParseDump(kDebug2);
  const Goroutine& g = s.goroutines()[0];
  ASSERT_EQ(s.stack(g.stack).size(), 2u);
  EXPECT_EQ(FunctionOf(s, g, 0), "runtime/pprof.writeGoroutineStacks");
  const Frame& leaf = s.frame(s.stack(g.stack)[0]);
  EXPECT_EQ(s.str(leaf.file), "/usr/local/go/src/runtime/pprof/pprof.go");
  EXPECT_EQ(leaf.line, 819);
}

TEST(GoroutineParserTest, ReadsCreatedByLine) {
  const Snapshot s = ParseDump(kDebug2);
  const Goroutine& g = s.goroutines()[1];
  ASSERT_NE(g.created_by, kNoFrame);
  EXPECT_EQ(s.str(s.frame(g.created_by).function), "main.main");
  EXPECT_EQ(s.frame(g.created_by).line, 17);
  EXPECT_EQ(g.creator_id, 1);
}

TEST(GoroutineParserTest, ReadsRuntimeLabels) {
  const Snapshot s = ParseDump(kDebug2);
  const Goroutine& g = s.goroutines()[2];
  EXPECT_EQ(s.str(g.state), "chan receive (nil chan)");
  const auto labels = s.labels(g.labels);
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(s.str(labels[0].key), "tenant");
  EXPECT_EQ(s.str(labels[0].value), "a b");
  EXPECT_EQ(s.str(labels[1].value), "w1");
}

TEST(GoroutineParserTest, ReadsOldHeaderForms) {
  // Go 1.19/1.20: no "in goroutine N"; semacquire for mutexes.
  const Snapshot s = ParseDump(
      "goroutine 5 [semacquire, 12 minutes, locked to thread]:\n"
      "sync.runtime_SemacquireMutex(0xc0000140b8?, 0x0?, 0x1?)\n"
      "\t/usr/local/go/src/runtime/sema.go:77 +0x25\n"
      "main.worker()\n"
      "\t/src/main.go:9 +0x2d\n"
      "created by main.main\n"
      "\t/src/main.go:20 +0x2f\n");
  ASSERT_EQ(s.goroutines().size(), 1u);
  const Goroutine& g = s.goroutines()[0];
  EXPECT_EQ(s.str(g.state), "semacquire");
  EXPECT_EQ(g.minutes, 12);
  EXPECT_TRUE(g.flags & kLockedToThread);
  EXPECT_EQ(g.creator_id, -1);
  EXPECT_EQ(s.str(s.frame(g.created_by).function), "main.main");
}

TEST(GoroutineParserTest, ReadsLeakedFlagAndReportsLeakFormat) {
  const Snapshot s = ParseDump(
      "goroutine 9 [chan send (leaked)]:\n"
      "main.send(...)\n"
      "\t/src/main.go:11\n");
  ASSERT_EQ(s.goroutines().size(), 1u);
  EXPECT_EQ(s.str(s.goroutines()[0].state), "chan send");
  EXPECT_TRUE(s.goroutines()[0].flags & kLeaked);
  EXPECT_EQ(s.format(), DumpFormat::kLeakGoroutines);
}

TEST(GoroutineParserTest, ReadsElisionAndUnavailableStacks) {
  const Snapshot s = ParseDump(
      "goroutine 3 [running]:\n"
      "\tgoroutine running on other thread; stack unavailable\n"
      "created by main.main in goroutine 1\n"
      "\t/src/main.go:20 +0x2f\n"
      "\n"
      "goroutine 4 [select]:\n"
      "main.deep(...)\n"
      "\t/src/main.go:5\n"
      "...7 frames elided...\n"
      "main.root()\n"
      "\t/src/main.go:2 +0x1\n");
  ASSERT_EQ(s.goroutines().size(), 2u);
  EXPECT_TRUE(s.errors().empty());
  EXPECT_TRUE(s.goroutines()[0].flags & kStackUnavailable);
  EXPECT_TRUE(s.stack(s.goroutines()[0].stack).empty());
  EXPECT_TRUE(s.goroutines()[1].flags & kFramesElided);
  EXPECT_EQ(FunctionOf(s, s.goroutines()[1], 1), "...");
}

TEST(GoroutineParserTest, FlagsDumpCutMidRecord) {
  const std::string whole(kDebug2);
  const std::string cut = whole.substr(0, whole.find("\t/tmp/q/main.go:21 +0x1a"));
  const Snapshot s = ParseDump(cut);
  EXPECT_TRUE(s.truncated());
  EXPECT_EQ(s.goroutines().size(), 2u);  // goroutine 11 lost its creator line
  ASSERT_FALSE(s.errors().empty());
}

TEST(GoroutineParserTest, FlagsDumpCutMidLine) {
  const std::string whole(kDebug2);
  const Snapshot s = ParseDump(whole.substr(0, whole.size() - 4));
  EXPECT_TRUE(s.truncated());
  EXPECT_EQ(s.goroutines().size(), 2u);
}

TEST(GoroutineParserTest, ReportsMalformedLinesWithLineNumbers) {
  const Snapshot s = ParseDump(
      "goroutine 7 [chan send]:\n"
      "main.send(...)\n"
      "this is not a file line\n"
      "more junk\n"
      "\n"
      "goroutine 8 [chan send]:\n"
      "main.send(...)\n"
      "\t/src/main.go:11\n");
  ASSERT_EQ(s.errors().size(), 1u);
  EXPECT_EQ(s.errors()[0].line, 3);
  EXPECT_EQ(s.goroutines().size(), 2u);
}

TEST(GoroutineParserTest, SkipsTextAroundTracebackRecords) {
  const Snapshot s = ParseDump(
      "panic: boom\n"
      "\n"
      "goroutine 1 [running]:\n"
      "main.main()\n"
      "\t/src/main.go:5 +0x25\n"
      "exit status 2\n");
  EXPECT_EQ(s.format(), DumpFormat::kTraceback);
  EXPECT_TRUE(s.errors().empty());
  EXPECT_FALSE(s.truncated());
  ASSERT_EQ(s.goroutines().size(), 1u);
  EXPECT_EQ(s.stack(s.goroutines()[0].stack).size(), 1u);
}

TEST(GoroutineParserTest, ReadsCrashHeaderWithGpAndM) {
  const Snapshot s = ParseDump(
      "goroutine 1 gp=0xc000002380 m=0 mp=0x5a4f20 [running]:\n"
      "main.main()\n"
      "\t/src/main.go:5 +0x25 fp=0xc000 sp=0xc000 pc=0x4a\n");
  ASSERT_EQ(s.goroutines().size(), 1u);
  EXPECT_EQ(s.goroutines()[0].id, 1);
  EXPECT_EQ(s.frame(s.stack(s.goroutines()[0].stack)[0]).line, 5);
}

TEST(GoroutineParserTest, GivesUnknownFormatForOtherText) {
  const Snapshot s = ParseDump("hello\nworld\n");
  EXPECT_EQ(s.format(), DumpFormat::kUnknown);
  ASSERT_EQ(s.errors().size(), 1u);
  EXPECT_EQ(s.errors()[0].line, 1);
}

}  // namespace
}  // namespace leakrig::profile
