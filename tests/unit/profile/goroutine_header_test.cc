// The goroutine header grammar of Go 1.19 to 1.27 (goroutine_lines.h), one
// header form per test, then the same labels read from every dump form.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "profile/goroutine_lines.h"
#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The labels of the first goroutine of a one-record debug=2 dump.
Pairs LabelsOf(const std::string& header) {
  const Snapshot s = ParseDump(header + "\nmain.f()\n\t/a.go:1 +0x1\n");
  EXPECT_TRUE(s.errors().empty()) << header << ": " << s.errors()[0].message;
  Pairs out;
  if (s.goroutines().empty()) return out;
  for (const Label& l : s.labels(s.goroutines()[0].labels)) {
    out.emplace_back(s.str(l.key), s.str(l.value));
  }
  return out;
}

GoroutineHeader Parse(std::string_view line) {
  GoroutineHeader h;
  EXPECT_TRUE(ParseGoroutineHeader(line, &h)) << line;
  return h;
}

TEST(GoroutineParserTest, ReadsLabelsAfterBracket) {
  const GoroutineHeader h = Parse("goroutine 19 [chan send] {handler: /api/orders, tenant: t1}:");
  EXPECT_EQ(h.state, "chan send");
  EXPECT_EQ(h.labels, "{handler: /api/orders, tenant: t1}");
  EXPECT_EQ(h.unknown_count, 0);
  EXPECT_EQ(LabelsOf("goroutine 19 [chan send] {handler: /api/orders, "
                     "tenant: t1}:"),
            (Pairs{{"handler", "/api/orders"}, {"tenant", "t1"}}));
}

TEST(GoroutineParserTest, QuotedLabelsKeepTheirSeparators) {
  const std::vector<std::pair<std::string, Pairs>> cases = {
      {R"({route: /api/orders, t: "a b, c"})", {{"route", "/api/orders"}, {"t", "a b, c"}}},
      {R"({q: "a b, c: {d} \"e\" ]"})", {{"q", R"(a b, c: {d} "e" ])"}}},
      {R"({note: "x}:", "user id": "Zo\u00eb \u2615"})", {{"note", "x}:"}, {"user id", "Zoë ☕"}}},
      {R"({ctl: "tab\there\nnl", empty: , k: v})", {{"ctl", "tab\there\nnl"}, {"empty", ""}, {"k", "v"}}},
      {R"({: v})", {{"", "v"}}},
      {R"({raw: "Zoë ]:"})", {{"raw", "Zoë ]:"}}},
  };
  for (const auto& [labels, want] : cases) {
    EXPECT_EQ(LabelsOf("goroutine 4 [select] " + labels + ":"), want) << labels;
  }
}

TEST(GoroutineParserTest, ReadsGo126LabelsInsideBracket) {
  const GoroutineHeader h = Parse(R"(goroutine 7 [select, 2 minutes labels:{"k": "a], b", "w": "x"}]:)");
  EXPECT_EQ(h.state, "select");
  EXPECT_EQ(h.minutes, 2);
  EXPECT_EQ(h.labels, R"({"k": "a], b", "w": "x"})");
  EXPECT_EQ(LabelsOf(R"(goroutine 7 [select labels:{"k": "a], b"}]:)"), (Pairs{{"k", "a], b"}}));
}

TEST(GoroutineParserTest, ReadsEveryBracketPartTogether) {
  const GoroutineHeader h = Parse(
      "goroutine 9 gp=0xc000007c00 m=3 mp=0xc000100008 [chan receive "
      "(leaked) (scan) (durable), 12 minutes, locked to thread, "
      "synctest bubble 4] {k: v}:");
  EXPECT_EQ(h.id, 9);
  EXPECT_EQ(h.state, "chan receive");
  EXPECT_EQ(h.flags, kLeaked | kScan | kDurable | kLockedToThread | kInBubble);
  EXPECT_EQ(h.minutes, 12);
  EXPECT_EQ(h.bubble, 4);
  EXPECT_EQ(h.labels, "{k: v}");
  EXPECT_EQ(h.unknown_count, 0);
}

TEST(GoroutineParserTest, ReadsSynctestAndMachineForms) {
  GoroutineHeader h = Parse("goroutine 25 [chan receive (durable), synctest bubble 1]:");
  EXPECT_EQ(h.state, "chan receive");
  EXPECT_EQ(h.flags, kDurable | kInBubble);
  h = Parse("goroutine 2 gp=0x19bb5e834780 m=nil [force gc (idle)]:");
  EXPECT_EQ(h.state, "force gc (idle)");
  EXPECT_EQ(h.unknown_count, 0);
  h = Parse("goroutine 3 [sleep, locked to thread]:");
  EXPECT_EQ(h.flags, kLockedToThread);
}

TEST(GoroutineParserTest, KeepsUnknownHeaderPartsAsAnnotations) {
  const GoroutineHeader h = Parse("goroutine 5 gp=0x1 cpu=3 [select, arena 2, 1 minutes] {k: v} (hot):");
  EXPECT_EQ(h.state, "select");
  EXPECT_EQ(h.minutes, 1);
  ASSERT_EQ(h.unknown_count, 3);
  EXPECT_EQ(h.unknown[0], "cpu=3");
  EXPECT_EQ(h.unknown[1], "arena 2");
  EXPECT_EQ(h.unknown[2], "(hot)");
  EXPECT_EQ(h.labels, "{k: v}");
}

TEST(GoroutineParserTest, WarnsOncePerDumpAboutUnknownParts) {
  std::string dump;
  for (int id = 1; id <= 40; ++id) {
    dump += "goroutine " + std::to_string(id) + " [select, arena 2] {k: v}:\nmain.f()\n\t/a.go:1 +0x1\n\n";
  }
  const Snapshot s = ParseDump(dump);
  EXPECT_TRUE(s.errors().empty());
  ASSERT_EQ(s.goroutines().size(), 40u);
  ASSERT_EQ(s.warnings().size(), 1u);
  EXPECT_EQ(s.warnings()[0].line, 1);
  EXPECT_NE(s.warnings()[0].message.find("40 goroutine headers"), std::string::npos);
  EXPECT_EQ(s.annotation(s.goroutines()[39]), "arena 2");
  EXPECT_EQ(s.labels(s.goroutines()[39].labels).size(), 1u);
}

TEST(GoroutineParserTest, ReportsUnclosedLabelsAndKeepsTheGoroutine) {
  for (const std::string header : {R"(goroutine 4 [select] {k: "v}:)", R"(goroutine 4 [select labels:{"k": "v]:)"}) {
    const Snapshot s = ParseDump(header + "\nmain.f()\n\t/a.go:1 +0x1\n");
    ASSERT_EQ(s.goroutines().size(), 1u) << header;
    ASSERT_EQ(s.errors().size(), 1u) << header;
    EXPECT_EQ(s.errors()[0].line, 1);
  }
}

TEST(GoroutineParserTest, RejectsLinesThatAreNotHeaders) {
  GoroutineHeader h;
  for (const std::string_view line :
       {"goroutine profile: total 3", "goroutine 4 [select]", "goroutine 4 select:", "goroutine 4 [select:",
        "goroutine 4 []:", "goroutine 4 x[y [select]:", "goroutine  [select]:"}) {
    EXPECT_FALSE(ParseGoroutineHeader(line, &h)) << line;
  }
}

}  // namespace
}  // namespace leakrig::profile
