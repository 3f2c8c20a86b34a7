// The watcher's memory stays bounded over a long watch: 100,000 intervals
// (28 hours at 1 s) of a target with a few hundred steady stacks, a leak,
// and a churn of stacks never seen twice. Global operator new is replaced
// (tests/bench/alloc_counter.cc) to measure the heap independently of the
// watcher's own accounting, so this test has an executable of its own.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "alloc_counter.h"
#include "watch/watcher.h"

namespace leakrig::watch {
namespace {

constexpr int kIntervals = 100'000;
constexpr int kSteadyStacks = 300;
constexpr int kNewStacksPerInterval = 5;  // e.g. stacks with goroutine-specific depth

std::string SteadyStack(int i) {
  return "main.worker" + std::to_string(i) + "\nmain.pool\nmain.main\n" + std::string(200, 'x');
}

class LongWatch {
 public:
  explicit LongWatch(const WatchOptions& options) : watcher_(options) {
    for (int i = 0; i < kSteadyStacks; ++i) steady_.push_back(SteadyStack(i));
  }
  void Run(int from, int to) {
    std::vector<std::string> churn(kNewStacksPerInterval);
    for (int i = from; i < to; ++i) {
      Observation o;
      o.seconds = i;
      for (int s = 0; s < kSteadyStacks; ++s) o.stacks.push_back({steady_[s], "main.worker", 1 + (i + s) % 3});
      o.stacks.push_back({"main.leak\nmain.main", "main.leak", i / 100});  // a slow leak
      for (int c = 0; c < kNewStacksPerInterval; ++c) {
        churn[c] = "main.oneoff" + std::to_string(i) + "_" + std::to_string(c) + "\nmain.main";
        o.stacks.push_back({churn[c], "main.oneoff", 1});
      }
      o.total = kSteadyStacks * 2 + i / 100 + kNewStacksPerInterval;
      watcher_.Observe(o);
    }
  }
  Watcher& watcher() { return watcher_; }

 private:
  Watcher watcher_;
  std::vector<std::string> steady_;
};

TEST(WatcherMemoryTest, StaysBoundedOverAHundredThousandIntervals) {
  WatchOptions options;
  options.max_signatures = 500;
  const size_t before = bench::LiveHeapBytes();
  auto watch = std::make_unique<LongWatch>(options);
  watch->Run(0, kIntervals / 2);
  const size_t half_heap = bench::LiveHeapBytes() - before;
  const size_t half_own = watch->watcher().ApproximateBytes();
  watch->Run(kIntervals / 2, kIntervals);
  const size_t full_heap = bench::LiveHeapBytes() - before;
  const size_t full_own = watch->watcher().ApproximateBytes();

  // Bound from the options: per track a window of 12 counts, a history of
  // 128 points of 24 bytes and its texts; the table's index; the total.
  const size_t per_track = 12 * 8 + 128 * 24 + 600;
  const size_t bound = options.max_signatures * per_track + (1 << 20);
  std::printf(
      "heap: %zu bytes at %d intervals, %zu at %d (bound %zu); own estimate %zu; tracked %zu, "
      "evicted %lld\n",
      half_heap, kIntervals / 2, full_heap, kIntervals, bound, full_own, watch->watcher().tracked(),
      static_cast<long long>(watch->watcher().evicted()));
  EXPECT_LE(full_heap, bound);
  EXPECT_LE(full_own, bound);
  EXPECT_LE(watch->watcher().tracked(), options.max_signatures);
  // Flat in the second half: nothing grows with the length of the watch.
  EXPECT_LE(full_heap, half_heap + half_heap / 10);
  EXPECT_LE(full_own, half_own + half_own / 10);

  WatchSummary summary = watch->watcher().Summarize({});
  ASSERT_FALSE(summary.signatures.empty());
  EXPECT_EQ(summary.signatures[0].top_function, "main.leak") << summary.reason;
  EXPECT_EQ(summary.verdict, verdict::Verdict::kLeak);
  EXPECT_LE(summary.total_series.size(), options.total_history_points + 1);
}

}  // namespace
}  // namespace leakrig::watch
