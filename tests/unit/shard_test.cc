// The suite's split over N machines (runner/shard.h), over the real catalog.
#include "runner/shard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "runner/catalog.h"
#include "runner/suite.h"

namespace leakrig::runner {
namespace {

// Every scenario of scenarios/, as `suite` chooses them without --filter.
std::vector<const scenario::Scenario*> RealScenarios() {
  static const Catalog catalog = LoadCatalog(std::filesystem::path(LEAKRIG_SOURCE_DIR) / "scenarios");
  EXPECT_TRUE(catalog.errors.empty());
  std::vector<const scenario::Scenario*> all;
  for (const auto& s : catalog.scenarios) all.push_back(&s);
  return all;
}

std::vector<PlannedVariant> RealCatalog() { return SelectedVariants(RealScenarios(), "both"); }

std::map<std::string, int> ShardByName(const std::vector<PlannedVariant>& variants, int count) {
  const std::vector<int> shard_of = AssignShards(variants, count);
  std::map<std::string, int> out;
  for (size_t i = 0; i < variants.size(); ++i) out[variants[i].name] = shard_of[i];
  return out;
}

TEST(ShardTest, ParsesIOfN) {
  std::string error;
  auto shard = ParseShard("2/3", &error);
  ASSERT_TRUE(shard) << error;
  EXPECT_EQ(shard->index, 2);
  EXPECT_EQ(shard->count, 3);
  EXPECT_EQ(shard->Name(), "2/3");
  EXPECT_TRUE(ParseShard("1/1", &error));
}

TEST(ShardTest, RefusesBadValuesWithOneMessage) {
  const std::map<std::string, std::string> bad = {
      {"0/3", "between 1 and 3"}, {"4/3", "between 1 and 3"}, {"1/0", "at least 1"},
      {"x/y", "expected I/N"},    {"3", "expected I/N"},      {"1/3/4", "expected I/N"},
      {"-1/3", "expected I/N"},   {"+1/3", "expected I/N"},   {" 1/3", "expected I/N"},
      {"1.0/3", "expected I/N"},  {"", "expected I/N"},       {"99999999999/3", "expected I/N"}};
  for (const auto& [text, message] : bad) {
    std::string error;
    EXPECT_FALSE(ParseShard(text, &error)) << text;
    EXPECT_NE(error.find(message), std::string::npos) << text << ": " << error;
  }
}

TEST(ShardTest, EveryVariantOfTheCatalogRunsInExactlyOneShard) {
  const std::vector<PlannedVariant> variants = RealCatalog();
  ASSERT_GE(variants.size(), 20u);
  for (int count = 1; count <= 5; ++count) {
    std::multiset<std::string> covered;
    for (int index = 1; index <= count; ++index) {
      std::vector<std::string> part = ShardVariants(RealScenarios(), "both", {index, count});
      EXPECT_FALSE(part.empty()) << index << "/" << count;
      covered.insert(part.begin(), part.end());
    }
    std::multiset<std::string> all;
    for (const auto& v : variants) all.insert(v.name);
    EXPECT_EQ(covered, all) << "N=" << count;
  }
}

TEST(ShardTest, SplitDependsOnNamesAndPlansNotOnOrder) {
  std::vector<PlannedVariant> variants = RealCatalog();
  std::mt19937 random(16);
  for (int count = 1; count <= 5; ++count) {
    const std::map<std::string, int> expected = ShardByName(variants, count);
    for (int round = 0; round < 10; ++round) {
      std::shuffle(variants.begin(), variants.end(), random);
      EXPECT_EQ(ShardByName(variants, count), expected) << "N=" << count;
    }
  }
}

TEST(ShardTest, ShardsPlanSimilarTimes) {
  const std::vector<PlannedVariant> variants = RealCatalog();
  int64_t longest = 0;
  for (const auto& v : variants) longest = std::max(longest, v.planned_ms);
  for (int count = 2; count <= 5; ++count) {
    std::vector<int64_t> planned(count, 0);
    const std::vector<int> shard_of = AssignShards(variants, count);
    for (size_t i = 0; i < variants.size(); ++i) planned[shard_of[i] - 1] += variants[i].planned_ms;
    auto [least, most] = std::minmax_element(planned.begin(), planned.end());
    // Longest first onto the least loaded shard: no shard exceeds another by more than one variant.
    EXPECT_LE(*most - *least, longest) << "N=" << count;
  }
}

TEST(ShardTest, GreedyRuleOnAKnownList) {
  // 5 s, 3 s, 3 s, 2 s over 2 shards: 5 -> 1; 3 (a) -> 2; 3 (b) -> 2 (3 < 5); 2 -> 1 (5 < 6).
  const std::vector<PlannedVariant> variants = {{"d", 2000}, {"b", 3000}, {"a", 3000}, {"c", 5000}};
  EXPECT_EQ(AssignShards(variants, 2), (std::vector<int>{1, 2, 2, 1}));
  EXPECT_EQ(LongestFirst(variants), (std::vector<size_t>{3, 2, 1, 0}));
}

}  // namespace
}  // namespace leakrig::runner
