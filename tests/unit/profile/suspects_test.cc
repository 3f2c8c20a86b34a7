#include "profile/suspects.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace leakrig::profile {
namespace {

Group MakeGroup(std::string top, std::string reason, std::vector<std::string> stack = {}, std::string creator = "") {
  Group g;
  g.top_function = top;
  g.wait_reason = std::move(reason);
  g.stack = stack.empty() ? std::vector<std::string>{top} : std::move(stack);
  g.signature = g.stack.front();
  g.created_by = std::move(creator);
  g.count = 1;
  return g;
}

TEST(SuspectsTest, BackgroundGoroutinesAreThoseGoleakIgnores) {
  const struct {
    std::string name;
    Group give;
    bool want;
  } tests[] = {
      {"runtime worker", MakeGroup("runtime.forcegchelper", "force gc (idle)"), true},
      {"created by runtime", MakeGroup("runtime.bgsweep", "GC sweep wait", {"runtime.bgsweep"}, "runtime.gcenable"),
       true},
      {"signal loop", MakeGroup("os/signal.signal_recv", "syscall", {"os/signal.signal_recv", "os/signal.loop"}), true},
      {"NotifyContext watcher", MakeGroup("os/signal.NotifyContext.func1", "select"), true},
      {"test runner", MakeGroup("testing.(*T).Run", "chan receive"), true},
      {"http accept loop",
       MakeGroup("internal/poll.runtime_pollWait", "IO wait",
                 {"internal/poll.runtime_pollWait", "net/http.(*Server).Serve"}),
       true},
      {"idle keep-alive conn",
       MakeGroup("internal/poll.runtime_pollWait", "IO wait",
                 {"internal/poll.runtime_pollWait", "net/http.(*conn).serve"}),
       true},
      {"profile writer", MakeGroup("runtime/pprof.writeGoroutineStacks", "running"), true},
      {"user send", MakeGroup("main.worker", "chan send"), false},
      {"client readLoop", MakeGroup("net/http.(*persistConn).readLoop", "select"), false},
  };
  for (const auto& tt : tests) {
    EXPECT_EQ(IsBackgroundGoroutine(tt.give), tt.want) << tt.name;
  }
}

TEST(SuspectsTest, ClassifiesPatterns) {
  const struct {
    std::string name;
    Group give;
    std::string want;
  } tests[] = {
      {"send", MakeGroup("main.f", "chan send"), "send with no receiver"},
      {"receive", MakeGroup("main.f", "chan receive"), "receive on a channel never closed"},
      {"nil send", MakeGroup("main.f", "chan send (nil chan)"), "nil channel"},
      {"durable", MakeGroup("main.f", "chan send (durable)"), "send with no receiver"},
      {"empty select", MakeGroup("main.f", "select (no cases)"), "empty select"},
      {"old mutex", MakeGroup("main.f", "semacquire"), "forgotten unlock"},
      {"rwmutex", MakeGroup("main.f", "sync.RWMutex.Lock"), "forgotten unlock"},
      {"waitgroup", MakeGroup("main.f", "sync.WaitGroup.Wait"), "WaitGroup never done"},
      {"cond", MakeGroup("main.f", "sync.Cond.Wait"), "Cond never signalled"},
      {"body", MakeGroup("net/http.(*persistConn).writeLoop", "select"), "HTTP response body not closed"},
      {"context", MakeGroup("context.(*cancelCtx).propagateCancel.func2", "select"), "context never cancelled"},
      {"no state", MakeGroup("main.f", ""), "unknown wait"},
  };
  for (const auto& tt : tests) {
    EXPECT_EQ(ClassifyLeak(tt.give).name, tt.want) << tt.name;
    EXPECT_FALSE(ClassifyLeak(tt.give).hint.empty()) << tt.name;
  }
}

TEST(SuspectsTest, IgnoreRulesMatchTopFunctionOrCreatorWithPrefix) {
  IgnoreRules rules;
  rules.top_functions = {"main.poller", "vendor/pool.*"};
  rules.created_by = {"main.startWorkers"};
  EXPECT_TRUE(rules.Matches(MakeGroup("main.poller", "select")));
  EXPECT_TRUE(rules.Matches(MakeGroup("vendor/pool.(*P).run", "select")));
  EXPECT_TRUE(rules.Matches(MakeGroup("main.w", "select", {}, "main.startWorkers")));
  EXPECT_FALSE(rules.Matches(MakeGroup("main.pollerX", "select")));
}

TEST(SuspectsTest, RanksByWeightCountMinutesAndLeakVerdict) {
  Group many = MakeGroup("main.many", "select");
  many.count = 64;
  Group old = MakeGroup("main.old", "select");
  old.max_minutes = 60;
  Group proven = MakeGroup("main.proven", "select");
  proven.leaked = 1;
  const std::vector<Group> groups = {MakeGroup("main.sleeper", "sleep"), proven, old, many,
                                     MakeGroup("main.nil", "chan receive (nil chan)")};
  const std::vector<Suspect> suspects = FindSuspects(groups, IgnoreRules{});
  ASSERT_EQ(suspects.size(), 4u);                            // the sleeper is not a suspect
  EXPECT_EQ(suspects[0].group.top_function, "main.many");    // 0.6 x 7
  EXPECT_EQ(suspects[1].group.top_function, "main.old");     // 0.6 x 4
  EXPECT_EQ(suspects[2].group.top_function, "main.proven");  // 1.0 x 2
  EXPECT_EQ(suspects[3].group.top_function, "main.nil");     // 1.0
  EXPECT_DOUBLE_EQ(suspects[0].score, 4.2);
}

}  // namespace
}  // namespace leakrig::profile
