#include "sweep/plan.h"

#include <gtest/gtest.h>

#include <functional>

namespace leakrig::sweep {
namespace {

TEST(NormalizeOptionsTest, SortsAndDeduplicates) {
  SweepOptions o;
  o.procs = {8, 1, 2, 1};
  o.workloads = {"http", "sleep", "http"};
  EXPECT_EQ(NormalizeOptions(&o), "");
  EXPECT_EQ(o.procs, (std::vector<int>{1, 2, 8}));
  EXPECT_EQ(o.workloads, (std::vector<std::string>{"sleep", "http"}));
}

TEST(NormalizeOptionsTest, RejectsWhatCannotRun) {
  struct Case {
    std::string name;
    std::function<void(SweepOptions*)> give;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"no procs", [](SweepOptions* o) { o->procs.clear(); }, "--procs"},
      {"zero procs", [](SweepOptions* o) { o->procs = {0}; }, "GOMAXPROCS 0"},
      {"unknown workload", [](SweepOptions* o) { o->workloads = {"disk"}; }, "unknown workload \"disk\""},
      {"no goroutines", [](SweepOptions* o) { o->goroutines = 0; }, "--goroutines"},
      {"no repeats", [](SweepOptions* o) { o->repeats = 0; }, "--repeat"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    SweepOptions o;
    c.give(&o);
    EXPECT_NE(NormalizeOptions(&o).find(c.want), std::string::npos);
  }
}

TEST(NormalizeOptionsTest, AServiceIsTheOneWorkloadWithNoControlRuns) {
  SweepOptions o;
  o.service = ServiceLoad{"orders", "leakrig.toml", "POST", "/orders", 4, 200, 1.5, 0};
  o.procs = {4, 1};
  o.repeats = 2;
  EXPECT_EQ(NormalizeOptions(&o), "");
  EXPECT_EQ(o.workloads, (std::vector<std::string>{"orders"}));
  EXPECT_FALSE(o.measure_sampling_cost);
  std::vector<std::string> names;
  for (const auto& r : PlanRuns(o)) names.push_back(r.Name());
  EXPECT_EQ(names, (std::vector<std::string>{"orders-p1-r1", "orders-p4-r1", "orders-p1-r2", "orders-p4-r2"}));
  o.procs = {0};
  EXPECT_NE(NormalizeOptions(&o).find("GOMAXPROCS 0"), std::string::npos);
  o.procs = {1};
  o.repeats = 0;
  EXPECT_NE(NormalizeOptions(&o).find("--repeat"), std::string::npos);
}

TEST(PlanRunsTest, RepeatByRepeatWithControlsAtTheLowestGomaxprocs) {
  SweepOptions o;
  o.procs = {1, 2};
  o.workloads = {"sleep", "cpu"};
  o.repeats = 2;
  std::vector<std::string> names;
  for (const auto& r : PlanRuns(o)) names.push_back(r.Name());
  EXPECT_EQ(names, (std::vector<std::string>{"sleep-p1-r1", "sleep-p1-r1-unsampled", "sleep-p2-r1", "cpu-p1-r1",
                                             "cpu-p1-r1-unsampled", "cpu-p2-r1", "sleep-p1-r2", "sleep-p1-r2-unsampled",
                                             "sleep-p2-r2", "cpu-p1-r2", "cpu-p1-r2-unsampled", "cpu-p2-r2"}));
  o.measure_sampling_cost = false;
  EXPECT_EQ(PlanRuns(o).size(), 8u);
}

TEST(PlanRunsTest, TheDefaultSweepHas125Runs) { EXPECT_EQ(PlanRuns(SweepOptions{}).size(), 4u * 5 * 5 + 5 * 5); }

}  // namespace
}  // namespace leakrig::sweep
