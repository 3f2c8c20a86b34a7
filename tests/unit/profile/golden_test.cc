// Golden tests on the real dumps of tests/testdata/dumps (see its README for
// how each was made). Each input has two expected files under expected/:
// NAME.parsed.txt (RenderSnapshot) and NAME.analysis.txt (RenderAnalysis).

#include "golden.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "profile/analysis.h"

namespace leakrig::profile {
namespace {

using golden::ExpectMatchesGolden;
using golden::ReadFileOrFail;

const std::string kDumps = LEAKRIG_TESTDATA_DIR;

// What `leakrig analyze` must say about each dump.
struct Case {
  std::string file;
  DumpFormat format;
  bool truncated;
  std::string top_suspect;  // top_function of suspect #1 ("" if none)
  std::string wait_reason;  // its wait reason, or inferred one
  Confidence confidence;    // its confidence
};

const std::vector<Case>& Cases() {
  using enum Confidence;
  // dumpgen plants every pattern at once: a nil channel or an empty select
  // proves its leak in one dump, so it ranks first; 5 senders beside groups
  // of 1-3 are not out of proportion, so they stay possible. debug=1 names
  // no channel wait, and leak-GC marks and a deadlock prove everything.
  static const auto* cases = new std::vector<Case>{
      {"go126_debug1.txt", DumpFormat::kAggregated, false, "main.forgottenUnlock.func1", "sync.Mutex.Lock", kPossible},
      {"go126_debug2.txt", DumpFormat::kGoroutines, false, "main.nilChannels.func1", "chan send (nil chan)", kCertain},
      {"go126_debug0.pb.gz", DumpFormat::kProto, false, "main.emptySelect.func1", "select (no cases)", kCertain},
      // Every group is proven leaked: the largest ranks first, and debug=1
      // hides the runtime frames that would name its wait.
      {"go126_goroutineleak_debug1.txt", DumpFormat::kLeakAggregated, false, "main.sendNoReceiver.func1", "", kCertain},
      {"go126_goroutineleak_debug2.txt", DumpFormat::kLeakGoroutines, false, "main.sendNoReceiver.func1", "chan send",
       kCertain},
      {"go126_goroutineleak_debug0.pb.gz", DumpFormat::kProto, false, "main.sendNoReceiver.func1", "chan send",
       kCertain},
      {"go126_panic.txt", DumpFormat::kTraceback, false, "", "", kPossible},
      {"go126_deadlock.txt", DumpFormat::kTraceback, false, "main.sendNoReceiver.func1", "chan send", kCertain},
      {"go126_sigquit.txt", DumpFormat::kTraceback, false, "main.nilChannels.func1", "chan send (nil chan)", kCertain},
      {"go126_test_timeout.txt", DumpFormat::kTraceback, false, "leakrig/fixtures/cmd/dumpgen.nilChannels.func1",
       "chan send (nil chan)", kCertain},
      {"go126_elided.txt", DumpFormat::kGoroutines, false, "main.deepBlock", "chan receive", kPossible},
      {"go126_minutes.txt", DumpFormat::kGoroutines, false, "main.nilChannels.func1", "chan send (nil chan)", kCertain},
      {"go126_debug2_cut.txt", DumpFormat::kGoroutines, true, "main.nilChannels.func1", "chan send (nil chan)",
       kCertain},
      {"go126_debug1_cut.txt", DumpFormat::kAggregated, true, "main.forgottenUnlock.func1", "sync.Mutex.Lock",
       kPossible},
      {"go127_debug1.txt", DumpFormat::kAggregated, false, "main.sendNoReceiver.func1", "", kLikely},
      {"go127_debug2.txt", DumpFormat::kGoroutines, false, "main.sendNoReceiver.func1", "chan send", kLikely},
      {"go127_debug0.pb.gz", DumpFormat::kProto, false, "main.sendNoReceiver.func1", "chan send", kLikely},
      {"go127_goroutineleak_debug1.txt", DumpFormat::kLeakAggregated, false, "main.sendNoReceiver.func1", "", kCertain},
      {"go127_goroutineleak_debug2.txt", DumpFormat::kLeakGoroutines, false, "main.sendNoReceiver.func1", "chan send",
       kCertain},
      {"go127_goroutineleak_debug0.pb.gz", DumpFormat::kProto, false, "main.sendNoReceiver.func1", "chan send",
       kCertain},
      {"go127_panic_system.txt", DumpFormat::kTraceback, false, "main.sendNoReceiver.func1", "chan send", kLikely},
      // " (durable)" is a flag: the state reads as its plain wait reason. One
      // goroutine in a bubble proves nothing: possible.
      {"go127_synctest.txt", DumpFormat::kGoroutines, false, "leakrig/gen127.TestSynctestDump.func1.1", "chan receive",
       kPossible},
      {"go119_debug2.txt", DumpFormat::kGoroutines, false, "main.nilChannels.func1", "chan send (nil chan)", kCertain},
      {"go119_elided.txt", DumpFormat::kGoroutines, false, "main.deepBlock", "chan receive", kPossible},
  };
  return *cases;
}

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

std::string Stem(const std::string& file) { return file.substr(0, file.find('.')); }

class GoldenTest : public ::testing::TestWithParam<Case> {};

TEST_P(GoldenTest, ParseMatchesGolden) {
  const Case& c = GetParam();
  const Snapshot s = ParseDump(ReadFileOrFail(kDumps + "/" + c.file));
  EXPECT_EQ(FormatName(s.format()), FormatName(c.format));
  EXPECT_EQ(s.truncated(), c.truncated);
  ExpectMatchesGolden(kDumps + "/expected/" + Stem(c.file) + ".parsed.txt", RenderSnapshot(s));
}

TEST_P(GoldenTest, AnalysisNamesTopSuspect) {
  const Case& c = GetParam();
  const Snapshot s = ParseDump(ReadFileOrFail(kDumps + "/" + c.file));
  const Analysis a = Analyze(s, AnalyzeOptions{});
  ExpectMatchesGolden(kDumps + "/expected/" + Stem(c.file) + ".analysis.txt", RenderAnalysis(a));
  if (c.top_suspect.empty()) {
    EXPECT_TRUE(a.suspects.empty());
    return;
  }
  ASSERT_FALSE(a.suspects.empty());
  const Group& top = a.suspects.front().group;
  EXPECT_EQ(top.top_function, c.top_suspect);
  EXPECT_EQ(top.wait_reason.empty() ? top.inferred_wait_reason : top.wait_reason, c.wait_reason);
  EXPECT_EQ(ConfidenceName(a.suspects.front().confidence), ConfidenceName(c.confidence));
}

INSTANTIATE_TEST_SUITE_P(Dumps, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return Stem(info.param.file); });

}  // namespace
}  // namespace leakrig::profile
