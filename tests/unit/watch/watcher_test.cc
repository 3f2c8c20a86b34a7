// The Watcher's bookkeeping: stacks beyond its table, full-dump details,
// gauges, and summing groups by signature.

#include "watch/watcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace leakrig::watch {
namespace {

// The observation views `names`: use it within the full expression that
// made `names` (watcher.Observe(Sample(...))), as a real profile's views live
// as long as its snapshot.
Observation Sample(double t, const std::vector<std::string>& names, const std::vector<int64_t>& counts) {
  Observation o;
  o.seconds = t;
  for (size_t i = 0; i < names.size(); ++i) {
    o.stacks.push_back({names[i], names[i], counts[i]});
    o.total += counts[i];
  }
  return o;
}

TEST(WatcherTest, TableNeverExceedsItsBoundAndLargeNewStacksEvictSmallOnes) {
  WatchOptions options;
  options.max_signatures = 20;
  Watcher watcher(options);
  std::vector<std::string> names;
  for (int i = 0; i < 60; ++i) names.push_back("main.worker" + std::to_string(i));
  names.push_back("main.leak");
  for (int t = 0; t <= 60; ++t) {
    std::vector<int64_t> counts(60, 1);
    counts.push_back(20 * t);
    watcher.Observe(Sample(t, names, counts));
    EXPECT_LE(watcher.tracked(), 20u);
  }
  EXPECT_GT(watcher.evicted(), 0);
  WatchSummary summary = watcher.Summarize({});
  ASSERT_FALSE(summary.signatures.empty());
  EXPECT_EQ(summary.signatures[0].top_function, "main.leak");
  EXPECT_EQ(summary.verdict, verdict::Verdict::kLeak);
  // What the table could not hold is still counted, as "(other stacks)".
  std::vector<StackGauge> gauges = watcher.Gauges(100);
  int64_t counted = 0;
  for (const StackGauge& g : gauges) counted += g.count;
  EXPECT_EQ(counted, 60 + 20 * 60);
}

TEST(WatcherTest, StacksThatComeAndGoAreForgotten) {
  Watcher watcher(WatchOptions{});
  for (int t = 0; t < 100; ++t) {
    watcher.Observe(Sample(t, {"main.main", "main.oneoff" + std::to_string(t)}, {1, 1}));
  }
  // main.main, and the one-offs still inside the last 12-sample window.
  EXPECT_LE(watcher.tracked(), 1u + 13u);
}

// `signature` must outlive the observation: a StackCount only views it.
Observation Growing(double t, std::string_view signature, bool background) {
  Observation o;
  o.seconds = t;
  o.stacks.push_back({"main.main", "main.main", 1});  // literals: they outlive the observation
  o.stacks.push_back({signature, signature, static_cast<int64_t>(20 * t), background});
  o.total = 1 + 20 * static_cast<int64_t>(t);
  return o;
}

TEST(WatcherTest, FullDumpDetailsAttachToTrackedStacks) {
  Watcher watcher(WatchOptions{});
  profile::Group g;
  g.signature = "main.leak\nmain.main";
  g.wait_reason = "chan send";
  g.created_by = "main.main";
  g.location = "/src/main.go:10";
  g.leaked = 3;
  profile::Group untracked = g;
  untracked.signature = "main.other";
  for (int t = 0; t <= 20; ++t) {
    watcher.Observe(Growing(t, g.signature, false));
    if (t == 10) watcher.AttachDetails({g, untracked});
  }
  WatchSummary summary = watcher.Summarize({});
  ASSERT_EQ(summary.verdict, verdict::Verdict::kLeak);
  ASSERT_TRUE(summary.signatures[0].details.has_value());
  EXPECT_EQ(summary.signatures[0].details->wait_reason, "chan send");
  EXPECT_EQ(summary.signatures[0].details->location, "/src/main.go:10");
  EXPECT_EQ(summary.signatures[0].details->leaked, 3);
}

TEST(WatcherTest, BackgroundGrowthIsReportedButIsNoLeak) {
  // Idle keep-alive connections pile up as clients arrive: growth that
  // follows the clients, not a leak in the code.
  Watcher watcher(WatchOptions{});
  IntervalStatus last;
  for (int t = 0; t <= 20; ++t) last = watcher.Observe(Growing(t, "net/http.(*conn).serve", true));
  EXPECT_FALSE(last.leak_alarm);
  EXPECT_EQ(last.alarms, 0);
  WatchSummary summary = watcher.Summarize({});
  EXPECT_EQ(summary.verdict, verdict::Verdict::kClean) << summary.reason;
  ASSERT_FALSE(summary.signatures.empty());
  EXPECT_TRUE(summary.signatures[0].background);
  EXPECT_EQ(summary.signatures[0].verdict, verdict::Verdict::kLeak) << "its own growth is still judged";
}

TEST(WatcherTest, TimeToTheGoroutineAndMemoryLimits) {
  Watcher watcher(WatchOptions{});
  for (int t = 0; t <= 20; ++t) {
    watcher.Observe(Growing(t, "main.leak", false));                         // +20 goroutines/s
    if (t % 10 == 0) watcher.ObserveMemory(t, int64_t{1000000} * (10 + t));  // +1 MB/s
  }
  SummaryRequest request;
  request.max_goroutines = 1401;          // 401 now, 1,000 to go
  request.max_memory_bytes = 60'000'000;  // 30 MB now
  WatchSummary summary = watcher.Summarize(request);
  ASSERT_TRUE(summary.seconds_to_max_goroutines.has_value());
  EXPECT_NEAR(*summary.seconds_to_max_goroutines, 50, 1e-6);
  ASSERT_TRUE(summary.seconds_to_max_memory.has_value());
  EXPECT_NEAR(*summary.seconds_to_max_memory, 30, 1e-6);
  EXPECT_EQ(summary.memory_series.size(), 3u);
}

TEST(CountStacksTest, SumsGroupsOfOneSignature) {
  profile::Group a, b, c;
  a.signature = b.signature = "main.f";
  a.count = 2;
  b.count = 5;
  c.signature = "main.g";
  c.count = 1;
  std::vector<profile::Group> groups = {a, b, c};
  std::vector<StackCount> stacks = CountStacks(groups);
  ASSERT_EQ(stacks.size(), 2u);
  EXPECT_EQ(stacks[0].signature, "main.f");
  EXPECT_EQ(stacks[0].count, 7);
  EXPECT_EQ(stacks[1].count, 1);
}

}  // namespace
}  // namespace leakrig::watch
