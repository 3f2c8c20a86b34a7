#include "profile/confidence.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "profile/analyze.h"
#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

Group MakeGroup(std::string top, std::string reason, int64_t count = 1, std::string creator = "main.startWorkers") {
  Group g;
  g.top_function = top;
  g.wait_reason = std::move(reason);
  g.stack = {top};
  g.signature = top;
  g.created_by = std::move(creator);
  g.count = count;
  return g;
}

Group WithStack(Group g, std::vector<std::string> stack) {
  g.stack = std::move(stack);
  g.signature = g.stack.front() + "|" + g.stack.back();
  return g;
}

// A healthy service's background: a dozen singletons, 8 keep-alive
// connections being served.
std::vector<Group> Background() {
  std::vector<Group> groups;
  for (int i = 0; i < 12; ++i) {
    groups.push_back(MakeGroup("svc.loop" + std::to_string(i), "select", 1, "svc.New" + std::to_string(i)));
  }
  groups.push_back(MakeGroup("net/http.(*conn).serve", "IO wait", 8, "net/http.(*Server).Serve"));
  return groups;
}

Judgement JudgeIn(const Group& group, std::vector<Group> others, bool deadlocked = false) {
  others.push_back(group);
  return Judge(group, MakeDumpFacts(others, deadlocked, "dump"), nullptr);
}

bool HasFact(const Judgement& j, const std::string& name) {
  for (const Fact& f : j.evidence.facts) {
    if (f.name == name) return true;
  }
  return false;
}

TEST(ConfidenceTest, ALeakSplitByPerRequestLabelsIsJudgedOnItsWholeStack) {
  // Go 1.27 prints a handler's pprof labels in each header: 200 leaked
  // senders with a request id each are 200 groups of 1, but one stack.
  std::vector<Group> groups = Background();
  for (int i = 0; i < 200; ++i) {
    Group g = MakeGroup("svc.leak", "chan send", 1, "svc.handle");
    g.labels = {{"request", std::to_string(i)}};
    groups.push_back(g);
  }
  const Judgement j = Judge(groups.back(), MakeDumpFacts(groups, false, "dump"), nullptr);
  EXPECT_EQ(j.confidence, Confidence::kLikely) << j.evidence.why;
  EXPECT_TRUE(HasFact(j, "same_stack"));
}

TEST(ConfidenceTest, SingleDumpRules) {
  Group leaked = MakeGroup("main.f", "chan send");
  leaked.leaked = 1;
  const Group main_park = WithStack(MakeGroup("main.main", "select (no cases)", 1, ""), {"main.main"});
  const Group startup = MakeGroup("svc.(*M).run", "select", 1, "main.main");
  Group on_goroutine_1 = MakeGroup("svc.(*DB).run", "chan receive", 1, "svc.Open");
  on_goroutine_1.creator_goroutine = 1;
  const std::string serve = "net/http.(*conn).serve";
  Group old_request = WithStack(MakeGroup("api.handle", "chan receive", 3, ""), {"api.handle", serve});
  old_request.max_minutes = 7;
  const struct {
    std::string name;
    Group give;
    Confidence want;
    std::string want_fact;
  } tests[] = {
      {"runtime leak mark", leaked, Confidence::kCertain, "runtime_marked_leaked"},
      {"nil channel", MakeGroup("main.f", "chan send (nil chan)"), Confidence::kCertain, "nil_channel"},
      {"empty select off main", MakeGroup("main.f", "select (no cases)"), Confidence::kCertain, "empty_select"},
      {"main parks itself", main_park, Confidence::kPossible, "wait"},
      {"many on one stack", MakeGroup("api.worker", "chan send", 200), Confidence::kLikely, "same_stack"},
      {"just under 8x the largest other group", MakeGroup("api.worker", "chan send", 63), Confidence::kPossible,
       "count"},
      {"singleton from main", startup, Confidence::kPossible, "created_at_startup"},
      {"singleton from a constructor on goroutine 1", on_goroutine_1, Confidence::kPossible, "created_at_startup"},
      {"request blocked for minutes", old_request, Confidence::kLikely, "blocked_minutes"},
  };
  for (const auto& tt : tests) {
    const Judgement got = JudgeIn(tt.give, Background());
    EXPECT_EQ(ConfidenceName(got.confidence), ConfidenceName(tt.want)) << tt.name << ": " << got.evidence.why;
    EXPECT_TRUE(HasFact(got, tt.want_fact)) << tt.name;
    EXPECT_FALSE(got.evidence.why.empty()) << tt.name;
  }
}

TEST(ConfidenceTest, IdleWorkerPoolInATinyProgramIsOnlyPossible) {
  const Group workers = MakeGroup("main.worker", "chan receive", 4);
  const std::vector<Group> rest = {WithStack(MakeGroup("main.main", "IO wait", 1, ""), {"main.main"})};
  EXPECT_EQ(JudgeIn(workers, rest).confidence, Confidence::kPossible);
}

TEST(ConfidenceTest, DeadlockMakesEveryBlockedGoroutineCertain) {
  const Judgement got = JudgeIn(MakeGroup("main.f", "chan receive"), {}, /*deadlocked=*/true);
  EXPECT_EQ(got.confidence, Confidence::kCertain);
  EXPECT_TRUE(HasFact(got, "dump_deadlocked"));
}

TEST(ConfidenceTest, HttpClientConnectionsAgainstTransportLimits) {
  const std::string read = "net/http.(*persistConn).readLoop";
  const std::string write = "net/http.(*persistConn).writeLoop";
  const std::string dial = "net/http.(*Transport).dialConn";
  const auto pool = [&](std::string read_state, int64_t n) {
    return std::vector<Group>{MakeGroup(read, read_state, n, dial), MakeGroup(write, "select", n, dial)};
  };
  const struct {
    std::string name;
    std::vector<Group> give;
    Confidence want;
  } tests[] = {
      {"one idle keep-alive", pool("IO wait", 1), Confidence::kPossible},
      {"idle pool at MaxIdleConns", pool("IO wait", 100), Confidence::kPossible},
      {"bodies held beyond MaxIdleConns", pool("select", 101), Confidence::kLikely},
      {"a few bodies being read", pool("select", 3), Confidence::kPossible},
  };
  for (const auto& tt : tests) {
    std::vector<Group> all = Background();
    all.insert(all.end(), tt.give.begin(), tt.give.end());
    const Judgement got = Judge(tt.give[1], MakeDumpFacts(all, false, "dump"), nullptr);
    EXPECT_EQ(ConfidenceName(got.confidence), ConfidenceName(tt.want)) << tt.name << ": " << got.evidence.why;
  }
}

TEST(ConfidenceTest, GrowthWhileBlockedInBothDumpsIsLikely) {
  const Group grown = MakeGroup("api.worker", "chan send", 40);
  std::vector<Group> all = Background();
  all.push_back(grown);
  const DumpFacts after = MakeDumpFacts(all, false, "after");
  const Growth blocked_both{.before = 10, .delta = 30, .blocked_before = true, .largest_other_change = 2};
  Growth not_blocked_before = blocked_both;
  not_blocked_before.blocked_before = false;
  Growth small = blocked_both;
  small.delta = 15;  // under 8 x 2

  const Judgement got = Judge(grown, after, &blocked_both);
  EXPECT_EQ(got.confidence, Confidence::kLikely) << got.evidence.why;
  ASSERT_TRUE(HasFact(got, "grew_by"));
  EXPECT_EQ(got.evidence.facts[2].dump, "before");  // the first dump's count
  EXPECT_EQ(Judge(grown, after, &not_blocked_before).confidence, Confidence::kPossible);
  EXPECT_EQ(Judge(grown, after, &small).confidence, Confidence::kPossible);
}

TEST(ConfidenceTest, NamesRoundTrip) {
  for (const Confidence c : {Confidence::kPossible, Confidence::kLikely, Confidence::kCertain}) {
    Confidence parsed = Confidence::kPossible;
    ASSERT_TRUE(ParseConfidence(ConfidenceName(c), &parsed));
    EXPECT_EQ(parsed, c);
  }
  Confidence unused;
  EXPECT_FALSE(ParseConfidence("sure", &unused));
}

}  // namespace
}  // namespace leakrig::profile

namespace leakrig::profile {
namespace {

// A debug=2 dump: `n` goroutines per (function, wait reason, creator).
std::string Debug2(const std::vector<std::tuple<std::string, std::string, int>>& groups) {
  std::string out;
  int id = 10;
  for (const auto& [function, reason, n] : groups) {
    for (int i = 0; i < n; ++i) {
      out += "goroutine " + std::to_string(id++) + " [" + reason + "]:\n" + function +
             "()\n\t/src/main.go:10 +0x1d\ncreated by " + function +
             "Starter in goroutine 7\n\t/src/main.go:5 +0x25\n\n";
    }
  }
  return out;
}

TEST(AnalyzeGrowthTest, StackThatGrewWhileBlockedInBothDumpsIsLikely) {
  const Snapshot before = ParseDump(Debug2({{"main.worker", "chan send", 2}, {"main.pool", "chan receive", 10}}));
  const Snapshot after = ParseDump(Debug2({{"main.worker", "chan send", 20}, {"main.pool", "chan receive", 10}}));
  // Alone, 20 beside a pool of 10 is in proportion.
  EXPECT_EQ(Analyze(after, AnalyzeOptions{}).suspects.front().confidence, Confidence::kPossible);

  const Analysis grown = AnalyzeGrowth(before, after, AnalyzeOptions{});
  EXPECT_EQ(grown.basis, Basis::kTwoDumps);
  EXPECT_EQ(grown.before_total, 12);
  const Suspect& top = grown.suspects.front();
  EXPECT_EQ(top.group.top_function, "main.worker");
  EXPECT_EQ(top.confidence, Confidence::kLikely) << top.evidence.why;
  std::vector<std::string> sources;
  for (const Fact& f : top.evidence.facts) sources.push_back(f.name + "@" + f.dump);
  EXPECT_EQ(sources, (std::vector<std::string>{"wait@after", "count@after", "count@before", "blocked@before",
                                               "grew_by@after", "largest_other_change@after"}));
  EXPECT_EQ(grown.suspects[1].confidence, Confidence::kPossible);  // the pool

  // New in the second dump: not blocked in both, so not upgraded.
  const Snapshot empty_before = ParseDump(Debug2({{"main.pool", "chan receive", 10}}));
  EXPECT_EQ(AnalyzeGrowth(empty_before, after, AnalyzeOptions{}).suspects.front().confidence, Confidence::kPossible);
}

}  // namespace
}  // namespace leakrig::profile
