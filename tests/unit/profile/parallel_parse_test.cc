// A debug=2 dump parsed in pieces on several threads, or window by window,
// gives exactly the Snapshot one pass gives: the same interned ids, records,
// line numbers, errors (with their true line numbers) and warnings.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "golden.h"
#include "profile/goroutine_dump_stream.h"
#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

std::string Load(const std::string& name) {
  return golden::ReadFileOrFail(std::string(LEAKRIG_TESTDATA_DIR) + "/" + name);
}

bool SameError(const ParseError& a, const ParseError& b) { return a.line == b.line && a.message == b.message; }

bool SameGoroutine(const Goroutine& a, const Goroutine& b) {
  return a.id == b.id && a.count == b.count && a.line == b.line && a.creator_id == b.creator_id && a.stack == b.stack &&
         a.state == b.state && a.created_by == b.created_by && a.labels == b.labels && a.minutes == b.minutes &&
         a.flags == b.flags;
}

template <typename T, typename Same>
void ExpectSameList(std::span<const T> want, std::span<const T> got, Same same, const std::string& what) {
  ASSERT_EQ(want.size(), got.size()) << what;
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_TRUE(same(want[i], got[i])) << what << ", item " << i;
  }
}

// Every field and every interned table, id for id.
void ExpectSameSnapshot(const Snapshot& want, const Snapshot& got, const std::string& what) {
  EXPECT_EQ(want.format(), got.format()) << what;
  EXPECT_EQ(want.truncated(), got.truncated()) << what;
  EXPECT_EQ(want.deadlocked(), got.deadlocked()) << what;
  EXPECT_EQ(want.declared_total(), got.declared_total()) << what;
  ExpectSameList(want.goroutines(), got.goroutines(), SameGoroutine, what + ": goroutines");
  ExpectSameList(want.errors(), got.errors(), SameError, what + ": errors");
  ExpectSameList(want.warnings(), got.warnings(), SameError, what + ": warnings");
  ExpectSameList(
      want.annotations(), got.annotations(),
      [](const Annotation& a, const Annotation& b) { return a.line == b.line && a.text == b.text; },
      what + ": annotations");
  ASSERT_EQ(want.string_count(), got.string_count()) << what;
  for (StringId i = 0; i < want.string_count(); ++i) ASSERT_EQ(want.str(i), got.str(i)) << what << ", string " << i;
  ASSERT_EQ(want.frame_count(), got.frame_count()) << what;
  for (FrameId i = 0; i < want.frame_count(); ++i) {
    const Frame &a = want.frame(i), &b = got.frame(i);
    ASSERT_TRUE(a.function == b.function && a.file == b.file && a.line == b.line) << what << ", frame " << i;
  }
  ASSERT_EQ(want.stack_count(), got.stack_count()) << what;
  for (StackId i = 0; i < want.stack_count(); ++i) {
    ExpectSameList(want.stack(i), got.stack(i), std::equal_to<FrameId>(), what + ": stack " + std::to_string(i));
  }
  ASSERT_EQ(want.label_set_count(), got.label_set_count()) << what;
  for (LabelSetId i = 0; i < want.label_set_count(); ++i) {
    ExpectSameList(
        want.labels(i), got.labels(i),
        [](const Label& a, const Label& b) { return a.key == b.key && a.value == b.value; },
        what + ": label set " + std::to_string(i));
  }
}

// The whole dump in one Feed: pieces of at least `min_piece` bytes.
Snapshot ParseInPieces(std::string_view data, int threads, size_t min_piece) {
  GoroutineDumpStream stream(threads, min_piece);
  const size_t used = stream.Feed(data);
  return std::move(stream).Finish(data.substr(used));
}

// `window` more bytes each call, as a mapped file or stdin hands them out.
Snapshot ParseInWindows(std::string_view data, size_t window, int threads, size_t min_piece) {
  GoroutineDumpStream stream(threads, min_piece);
  size_t begin = 0;
  size_t end = std::min(window, data.size());
  while (true) {
    begin += stream.Feed(data.substr(begin, end - begin));
    if (end == data.size()) break;
    end = std::min(end + window, data.size());
  }
  return std::move(stream).Finish(data.substr(begin));
}

// Each way of cutting `data` against one sequential pass.
void ExpectEveryCutSame(std::string_view data, const std::string& name) {
  const Snapshot want = ParseDump(data);
  for (const int threads : {1, 2, 3, 8}) {
    for (const size_t min_piece : {size_t{1}, size_t{300}, size_t{5000}}) {
      ExpectSameSnapshot(
          want, ParseInPieces(data, threads, min_piece),
          name + " in pieces, " + std::to_string(threads) + " threads, min " + std::to_string(min_piece));
    }
  }
  for (const size_t window : {size_t{1}, size_t{97}, size_t{1000}, size_t{4096}}) {
    ExpectSameSnapshot(want, ParseInWindows(data, window, 2, 1), name + " in windows of " + std::to_string(window));
  }
  ExpectSameSnapshot(want, ParseDump(data, ParseOptions{.threads = 2}), name + " by ParseDump on 2 threads");
}

std::vector<std::string> Records(std::string_view dump) {
  std::vector<std::string> records;
  size_t begin = 0;
  while (begin < dump.size()) {
    const size_t end = std::min(dump.find("\n\n", begin), dump.size());
    if (end > begin) records.emplace_back(dump.substr(begin, end - begin));
    begin = end + 2;
  }
  return records;
}

// The real dumps' records, repeated, with every kind of trouble spread
// through them: bad lines, unknown header parts (a warning), extra blank
// lines, stray text between records, labels.
std::string TroubledDump(int copies) {
  std::vector<std::string> records = Records(Load("go126_debug2.txt"));
  for (std::string& r : Records(Load("go127_debug2.txt"))) records.push_back(std::move(r));
  std::string dump;
  int n = 0;
  for (int copy = 0; copy < copies; ++copy) {
    for (std::string record : records) {
      ++n;
      const size_t header_end = record.find('\n');
      if (n % 7 == 0 && header_end != std::string::npos)
        record.insert(header_end + 1, "garbage " + std::to_string(n) + "\n");
      if (n % 11 == 0 && record.find("]:") < header_end) record.replace(record.find("]:"), 2, ", part 1] word:");
      if (n % 17 == 0) {
        const size_t tab = record.find("\n\t");
        if (tab != std::string::npos) record[tab + 1] = 'x';
      }
      dump += record + "\n\n";
      if (n % 13 == 0) dump += "\n";
      if (n % 19 == 0) dump += "not a header " + std::to_string(n) + "\n\n";
    }
  }
  return dump;
}

TEST(ParallelParseTest, EveryGoldenDumpParsesTheSameInPiecesAndWindows) {
  for (const char* name :
       {"go119_debug2.txt", "go119_elided.txt", "go126_debug2.txt", "go126_debug2_cut.txt", "go126_elided.txt",
        "go126_goroutineleak_debug2.txt", "go126_minutes.txt", "go127_debug2.txt", "go127_goroutineleak_debug2.txt"}) {
    const std::string data = Load(name);
    ASSERT_TRUE(StartsAsGoroutineDump(data)) << name;
    ExpectEveryCutSame(data, name);
  }
}

TEST(ParallelParseTest, OtherFormatsAreParsedAsBefore) {
  for (const char* name : {"go126_debug1.txt", "go126_debug0.pb.gz", "go126_sigquit.txt", "go126_test_timeout.txt",
                           "go126_deadlock.txt", "go127_panic_system.txt", "go127_goroutineleak_debug1.txt"}) {
    const std::string data = Load(name);
    EXPECT_FALSE(StartsAsGoroutineDump(data)) << name;
    ExpectSameSnapshot(ParseDump(data), ParseDump(data, ParseOptions{.threads = 2}), name);
  }
}

TEST(ParallelParseTest, TroubledDumpsParseTheSame) {
  const std::string dump = TroubledDump(6);
  const Snapshot whole = ParseDump(dump);
  ASSERT_GT(whole.errors().size(), 20u);
  ASSERT_EQ(whole.warnings().size(), 1u);
  ASSERT_GT(whole.annotations().size(), 5u);
  ExpectEveryCutSame(dump, "troubled dump");
  // Cut inside a record, at a line end, after a blank line and after the
  // next header: each ends the dump differently.
  const size_t record = dump.find("\n\ngoroutine ", dump.size() * 2 / 3);
  for (const size_t cut : {record - 7, record + 1, record + 2, record + 12, record + 30}) {
    ExpectEveryCutSame(std::string_view(dump).substr(0, cut), "troubled dump cut at " + std::to_string(cut));
  }
}

TEST(ParallelParseTest, ErrorsPastTheLimitAreCountedTheSame) {
  std::string dump;
  for (int i = 0; i < 2500; ++i) {
    dump += "goroutine " + std::to_string(i) + " [chan send]:\nbad line\nmain.f()\n\t/a.go:1 +0x1\n\n";
  }
  const Snapshot whole = ParseDump(dump);
  ASSERT_EQ(whole.errors().size(), SnapshotBuilder::kMaxErrors + 1);
  EXPECT_EQ(whole.errors().back().message, "1500 more errors not shown");
  for (const int threads : {2, 3}) {
    ExpectSameSnapshot(whole, ParseInPieces(dump, threads, 1), "2500 errors on " + std::to_string(threads));
  }
  ExpectSameSnapshot(whole, ParseInWindows(dump, 5000, 2, 1), "2500 errors in windows");
}

// The line numbers are checked against the text itself, not against the
// sequential parser: a bad line in the last piece, and the cut record.
TEST(ParallelParseTest, ABadLineIsReportedWithItsTrueLineNumber) {
  std::string dump;
  int64_t lines = 0;
  int64_t bad_line = 0, cut_header = 0;
  for (int i = 0; i < 400; ++i) {
    const bool bad = i == 350;
    const bool cut = i == 399;
    if (cut) cut_header = lines + 1;
    dump += "goroutine " + std::to_string(i) + " [chan send]:\n";
    if (bad) {
      bad_line = lines + 2;
      dump += "not a frame\n";
      ++lines;
    }
    dump += "main.f(0x1)\n";
    if (cut) break;  // no file line: the record is cut
    dump += "\t/a.go:1 +0x1\n\n";
    lines += 4;
  }
  const int64_t last_line = cut_header + 1;
  const auto parts = SplitAtRecords(dump.substr(0, LastRecordStart(dump)), 3, 1);
  ASSERT_EQ(parts.size(), 3u);
  for (const Snapshot& s : {ParseInPieces(dump, 3, 1), ParseInWindows(dump, 1000, 2, 1)}) {
    ASSERT_EQ(s.errors().size(), 2u);
    EXPECT_EQ(s.errors()[0].line, bad_line);
    EXPECT_EQ(s.errors()[0].message, "expected a function call or \"created by\" line, got \"not a frame\"");
    EXPECT_EQ(s.errors()[1].line, last_line);
    EXPECT_EQ(s.errors()[1].message,
              "dump cut off; dropped the partial record of goroutine 399 (line " + std::to_string(cut_header) + ")");
    EXPECT_TRUE(s.truncated());
    ASSERT_EQ(s.goroutines().size(), 399u);
    EXPECT_EQ(s.goroutines()[398].line, cut_header - 4);
  }
}

TEST(ParallelParseTest, SplitsOnlyJustAfterABlankLineBeforeAHeader) {
  const std::string dump = TroubledDump(2);
  const auto parts = SplitAtRecords(dump, 5, 1000);
  ASSERT_EQ(parts.size(), 5u);
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    joined += parts[i];
    EXPECT_GE(parts[i].size(), 1000u);
    EXPECT_TRUE(i == 0 || parts[i].starts_with("goroutine ")) << i;
    EXPECT_TRUE(i + 1 == parts.size() || parts[i].ends_with("\n\n")) << i;
  }
  EXPECT_EQ(joined, dump);
  EXPECT_EQ(SplitAtRecords(dump, 5, dump.size()).size(), 1u);
  EXPECT_EQ(LastRecordStart("goroutine 1 [running]:\nmain.f()\n"), 0u);
  EXPECT_EQ(LastRecordStart("a\n\ngoroutine 2 [x]:\n\ngoroutine"), 3u);
}

// A debug=2 dump of exactly 64 MiB is cut by the runtime, even when it ends
// on a line end: the pieces' sizes must add up to the whole.
TEST(ParallelParseTest, The64MiBCutIsSeenInPiecesAndWindows) {
  std::string records;
  for (const std::string& record : Records(Load("go126_debug2.txt"))) records += record + "\n\n";
  std::string dump;
  while (dump.size() + records.size() < kGoroutineStacksLimit) dump += records;
  const std::string head = "goroutine 1 [chan send]:\nmain.f()\n\t/";
  const std::string tail = ".go:1 +0x1\n";
  dump += head + std::string(kGoroutineStacksLimit - dump.size() - head.size() - tail.size(), 'a') + tail;
  ASSERT_EQ(dump.size(), kGoroutineStacksLimit);
  const Snapshot whole = ParseDump(dump);
  ASSERT_TRUE(whole.truncated());
  ASSERT_TRUE(whole.errors().back().message.starts_with("dump cut off; dropped the partial record of goroutine 1 "));
  ExpectSameSnapshot(whole, ParseDump(dump, ParseOptions{.threads = 2}), "64 MiB on 2 threads");
  ExpectSameSnapshot(whole, ParseInWindows(dump, 8 << 20, 2, kMinPieceBytes), "64 MiB in 8 MiB windows");
}

}  // namespace
}  // namespace leakrig::profile
