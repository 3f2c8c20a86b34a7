// Copyright leakrig authors.
//
// The Watcher's bookkeeping: stacks beyond its table, full-dump details,
// gauges, and summing groups by signature.

#include "watch/watcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace leakrig::watch {
namespace {

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

TEST(WatcherTest, FullDumpDetailsAttachToTrackedStacks) {
  Watcher watcher(WatchOptions{});
  watcher.Observe(Sample(0, {"main.leak\nmain.main"}, {3}));
  profile::Group g;
  g.signature = "main.leak\nmain.main";
  g.count = 3;
  g.wait_reason = "chan send";
  g.created_by = "main.main";
  g.location = "/src/main.go:10";
  g.leaked = 3;
  profile::Group unknown = g;
  unknown.signature = "main.other";
  watcher.AttachDetails({g, unknown});
  std::vector<SignatureSummary> stacks;
  WatchSummary summary = watcher.Summarize({});
  // Nothing grew, so nothing is reported; the gauges still name the stack.
  EXPECT_TRUE(summary.signatures.empty());
  EXPECT_EQ(watcher.Gauges(10).size(), 1u);
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
