// The labels of tests/testdata/dumps/gen127's goroutines, read from every
// form Go 1.27 prints them in: header labels (debug=2, goroutineleak
// debug=2, a GOTRACEBACK=system panic), debug=1's "# labels:" lines and
// debug=0's proto labels. All must give the same label sets, exactly.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "golden.h"
#include "profile/analysis.h"

namespace leakrig::profile {
namespace {

using golden::ReadFileOrFail;
using LabelSet = std::vector<std::pair<std::string, std::string>>;

const std::string kDumps = LEAKRIG_TESTDATA_DIR;

// gen127's labelSets (main.go) and how many goroutines each leaks.
const std::map<LabelSet, int64_t>& WantLabelled() {
  static const auto* want = new std::map<LabelSet, int64_t>{
      {{{"handler", "/api/orders"}, {"tenant", "t1"}}, 12},
      {{{"handler", "/api/users"}, {"tenant", "t2"}}, 8},
      {{{"handler", "/api/search"}, {"query", R"(a b, c: {d} "e" ])"}}, 6},
      {{{"handler", "/api/export"}, {"note", "x}:"}, {"user id", "Zoë ☕"}}, 5},
      {{{"ctl", "tab\there\nnl"}, {"empty", ""}, {"handler", "/api/import"}}, 4},
      {{{"route", "/api/orders"}, {"t", "a b, c"}}, 5},
  };
  return *want;
}

std::map<LabelSet, int64_t> LabelledCounts(const std::vector<Group>& groups) {
  std::map<LabelSet, int64_t> counts;
  for (const Group& g : groups) {
    if (!g.labels.empty()) counts[g.labels] += g.count;
  }
  return counts;
}

class Go127LabelsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(Go127LabelsTest, CarriesEveryLabelIntoGroups) {
  const Snapshot s = ParseDump(ReadFileOrFail(kDumps + "/" + GetParam()));
  EXPECT_TRUE(s.errors().empty()) << s.errors()[0].message;
  EXPECT_TRUE(s.warnings().empty());
  EXPECT_EQ(LabelledCounts(Aggregate(s, Similarity::kFunctions)), WantLabelled());
}

INSTANTIATE_TEST_SUITE_P(Dumps, Go127LabelsTest,
                         ::testing::Values("go127_debug2.txt", "go127_debug1.txt", "go127_debug0.pb.gz",
                                           "go127_panic_system.txt", "go127_goroutineleak_debug2.txt",
                                           "go127_goroutineleak_debug1.txt", "go127_goroutineleak_debug0.pb.gz"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.find('.'));
                           return name;
                         });

TEST(Go127LabelsTest, SplitsSuspectsByHandler) {
  const Snapshot s = ParseDump(ReadFileOrFail(kDumps + "/go127_debug2.txt"));
  const LabelSplit split = SplitByLabel(Analyze(s, {}), "handler");
  std::vector<std::pair<std::string, int64_t>> counts;
  for (const LabelBucket& b : split.buckets) {
    counts.emplace_back(b.has_label ? b.value : "(none)", b.count);
    EXPECT_EQ(b.suspects.size(), b.has_label ? 1u : 2u) << b.value;
  }
  const int64_t unlabelled = s.total() - 35;  // route=, 2 plain, main
  EXPECT_EQ(counts, (std::vector<std::pair<std::string, int64_t>>{{"/api/orders", 12},
                                                                  {"/api/users", 8},
                                                                  {"/api/search", 6},
                                                                  {"/api/export", 5},
                                                                  {"/api/import", 4},
                                                                  {"(none)", unlabelled}}));
}

TEST(Go127LabelsTest, ReadsSynctestBubbleHeaders) {
  const Snapshot s = ParseDump(ReadFileOrFail(kDumps + "/go127_synctest.txt"));
  EXPECT_TRUE(s.errors().empty());
  int durable = 0, in_bubble = 0, labelled = 0;
  for (const Goroutine& g : s.goroutines()) {
    durable += (g.flags & kDurable) != 0;
    in_bubble += (g.flags & kInBubble) != 0;
    labelled += g.labels != kNoLabels;
  }
  EXPECT_EQ(durable, 7);
  EXPECT_EQ(in_bubble, 8);
  EXPECT_EQ(labelled, 1);
}

}  // namespace
}  // namespace leakrig::profile
