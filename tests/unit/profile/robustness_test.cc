// Malformed input gives errors with line numbers, never a crash: every
// golden dump cut at many points, bytes flipped, and the 64 MiB limit.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>

#include "golden.h"
#include "profile/analysis.h"
#include "profile/goroutine_text_parser.h"
#include "profile/snapshot_builder.h"

namespace leakrig::profile {
namespace {

const char* const kInputs[] = {"go126_debug1.txt",   "go126_debug2.txt",       "go126_sigquit.txt",
                               "go126_debug0.pb.gz", "go126_elided.txt",       "go126_test_timeout.txt",
                               "go127_debug2.txt",   "go127_panic_system.txt", "go127_synctest.txt"};

std::string Load(const char* name) { return golden::ReadFileOrFail(std::string(LEAKRIG_TESTDATA_DIR) + "/" + name); }

TEST(RobustnessTest, EveryCutParsesAndStaysConsistent) {
  for (const char* name : kInputs) {
    const std::string whole = Load(name);
    for (size_t cut = 0; cut < whole.size(); cut += 37) {
      const Snapshot s = ParseDump(std::string_view(whole).substr(0, cut));
      for (const ParseError& e : s.errors()) {
        EXPECT_GE(e.line, 0) << name << " cut at " << cut;
      }
      (void)RenderAnalysis(Analyze(s, AnalyzeOptions{}));
    }
  }
}

TEST(RobustnessTest, FlippedBytesNeverCrash) {
  for (const char* name : kInputs) {
    std::string data = Load(name);
    unsigned state = 12345;
    for (int round = 0; round < 200 && !data.empty(); ++round) {
      state = state * 1103515245u + 12345u;
      data[state % data.size()] = static_cast<char>(state >> 16);
      const Snapshot s = ParseDump(data);
      (void)Aggregate(s, Similarity::kExactLines);
    }
  }
}

TEST(RobustnessTest, ErrorsCarryLineNumbersOfTheBadLines) {
  const Snapshot s = ParseDump(
      "goroutine 1 [chan send]:\n"
      "main.f(...)\n"
      "\t/a.go:1\n"
      "\n"
      "garbage line\n"
      "\n"
      "goroutine 2 [select labels:{\"k\" oops}]:\n"
      "main.g(...)\n"
      "\t/a.go:notanumber\n");
  ASSERT_EQ(s.errors().size(), 3u);
  EXPECT_EQ(s.errors()[0].line, 5);
  EXPECT_EQ(s.errors()[1].line, 7);
  EXPECT_EQ(s.errors()[2].line, 9);
}

TEST(RobustnessTest, DumpOfExactly64MiBIsTruncated) {
  const std::string record = "goroutine 9 [chan send]:\nmain.f(...)\n\t/a.go:1\n\n";
  std::string dump;
  dump.reserve(kGoroutineStacksLimit);
  while (dump.size() + record.size() <= kGoroutineStacksLimit) dump += record;
  dump.append(kGoroutineStacksLimit - dump.size(), '\n');
  ASSERT_EQ(dump.size(), kGoroutineStacksLimit);
  const Snapshot s = ParseDump(dump);
  EXPECT_TRUE(s.truncated());
  EXPECT_EQ(s.total(), static_cast<int64_t>(dump.size() / record.size()));
}

TEST(RobustnessTest, ErrorListIsCapped) {
  std::string junk = "goroutine profile: total 1\n";
  for (int i = 0; i < 5000; ++i) junk += "1 @ 0x1\nbad\n\n";
  const Snapshot s = ParseDump(junk);
  EXPECT_LE(s.errors().size(), SnapshotBuilder::kMaxErrors + 1);
  EXPECT_NE(s.errors().back().message.find("more errors"), std::string::npos);
}

// Every part of the header grammar scans forward once: a quadratic loop would
// take hours on these 10 MB lines, a linear one well under a second.
TEST(RobustnessTest, GarbledTenMegabyteHeadersParseInLinearTime) {
  constexpr size_t kSize = 10 << 20;
  const std::pair<std::string, std::string> kGarbles[] = {
      {"goroutine 1 [select] {", "{\""},     // an unclosed quote
      {"goroutine 1 [select] {", "\", \""},  // ", " inside quotes
      {"goroutine 1 [select] {", "k: v, "},  // many bare pairs
      {"goroutine 1 [select labels:{", "\"a\": \"]\", "},
      {"goroutine 1 [select", ", 1 minutes"},  // many bracket parts
      {"goroutine 1", " gp=0x1"},              // many machine words
      {"goroutine 1 [select]", " (x)"},        // many unknown trailing words
  };
  const auto start = std::chrono::steady_clock::now();
  for (const auto& [head, unit] : kGarbles) {
    std::string dump = head;
    while (dump.size() < kSize) dump += unit;
    dump += "]}:\nmain.f()\n\t/a.go:1 +0x1\n";
    const Snapshot s = ParseDump(dump);
    EXPECT_LE(s.goroutines().size(), 1u) << head << unit;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

}  // namespace
}  // namespace leakrig::profile
