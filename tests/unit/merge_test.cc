// `merge`'s pure parts: summary.json's selection read back, and the shards
// of one suite put together (run_folder/suite_summary.h, run_folder/merge.h).
#include "run_folder/merge.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "report/verdict_json.h"
#include "runner/catalog.h"

namespace leakrig::run_folder {
namespace {

namespace fs = std::filesystem;

const verdict::GoInfo kGo = {"go1.26.8", "GOEXPERIMENT=goroutineleakprofile"};

verdict::VariantResult Result(const std::string& scenario, const std::string& variant, bool passed = true) {
  verdict::VariantResult r;
  r.scenario = scenario;
  r.variant = variant;
  r.go = kGo;
  r.expected = verdict::Verdict::kLeak;
  r.verdict = passed ? verdict::Verdict::kLeak : verdict::Verdict::kClean;
  r.passed = passed;
  r.reason = scenario + "/" + variant + " because";
  return r;
}

RunSelection Selection(int index, int count) {
  RunSelection s;
  s.variants = {"a/leaky", "a/fixed", "b/leaky", "b/fixed"};
  s.catalog = "0123456789abcdef";
  s.shard_index = index;
  s.shard_count = count;
  return s;
}

// What summary.json of a run with `results` says, read back as merge reads it.
SuiteSummary WrittenAndRead(const std::vector<verdict::VariantResult>& results, const RunSelection& selection,
                            bool complete = true) {
  nlohmann::ordered_json json = report::SummaryToJson(results, kGo, complete);
  AddSelection(selection, &json);
  std::string error;
  std::optional<SuiteSummary> summary = ParseSuiteSummary(json.dump(2), &error);
  EXPECT_TRUE(summary) << error;
  return summary.value_or(SuiteSummary{});
}

ShardRun Shard(const std::string& folder, const std::vector<verdict::VariantResult>& results, int index, int count,
               bool complete = true) {
  return {folder, WrittenAndRead(results, Selection(index, count), complete)};
}

std::vector<std::string> Names(const std::vector<verdict::VariantResult>& results) {
  std::vector<std::string> names;
  for (const auto& r : results) names.push_back(r.scenario + "/" + r.variant);
  return names;
}

TEST(SuiteSummaryTest, SelectionAndRowsSurviveTheRoundTrip) {
  RunSelection selection = Selection(2, 3);
  selection.catalog_errors = {"scenarios/x.toml: name: must equal the file name without .toml"};
  SuiteSummary read = WrittenAndRead({Result("a", "fixed", false)}, selection, false);
  EXPECT_EQ(read.selection.variants, selection.variants);
  EXPECT_EQ(read.selection.catalog, selection.catalog);
  EXPECT_EQ(read.selection.catalog_errors, selection.catalog_errors);
  EXPECT_EQ(read.selection.shard_index, 2);
  EXPECT_EQ(read.selection.shard_count, 3);
  EXPECT_FALSE(read.complete);
  EXPECT_EQ(read.go.version, kGo.version);
  EXPECT_EQ(read.go.leak_profile, kGo.leak_profile);
  ASSERT_EQ(read.results.size(), 1u);
  const verdict::VariantResult& r = read.results[0];
  EXPECT_EQ(Names(read.results), std::vector<std::string>{"a/fixed"});
  EXPECT_EQ(r.expected, verdict::Verdict::kLeak);
  EXPECT_EQ(r.verdict, verdict::Verdict::kClean);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.reason, "a/fixed because");
  EXPECT_EQ(read.verdict_files, std::vector<std::string>{"a/fixed/verdict.json"});
}

TEST(SuiteSummaryTest, RefusesWhatIsNotASuitesSummary) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "not JSON"},
      {"[1]", "not a JSON object"},
      {R"({"passed": true, "complete": true, "go_version": null, "results": []})", "no \"selection\""},
      {R"({"selection": "a/leaky", "catalog": "x", "catalog_errors": [], "shard": {"index": 1, "count": 1}})",
       "\"selection\" is of the wrong type"},
      {R"({"selection": [], "catalog": "x", "catalog_errors": [], "shard": {"index": 1}})", "\"count\" is missing"},
  };
  for (const auto& [text, message] : cases) {
    std::string error;
    EXPECT_FALSE(ParseSuiteSummary(text, &error)) << text;
    EXPECT_NE(error.find(message), std::string::npos) << text << " -> " << error;
  }
  nlohmann::ordered_json json = report::SummaryToJson({Result("a", "leaky")}, kGo);
  AddSelection(Selection(1, 1), &json);
  json["results"][0]["verdict"] = "probably";
  std::string error;
  EXPECT_FALSE(ParseSuiteSummary(json.dump(), &error));
  EXPECT_NE(error.find("not a verdict: \"probably\""), std::string::npos) << error;
}

TEST(SuiteSummaryTest, ReadsTheSeriesOfTheVariantsOwnVerdictFile) {
  verdict::VariantResult written = Result("a", "leaky");
  written.series.samples = {{0.0, 6}, {0.25, 7}, {4.5, 4006}};
  const std::string json = report::VerdictToJson(written).dump(2);
  verdict::VariantResult read = Result("a", "leaky");
  ASSERT_EQ(ReadVerdictSeries(json, &read), "");
  ASSERT_EQ(read.series.samples.size(), 3u);
  EXPECT_DOUBLE_EQ(read.series.samples.back().seconds, 4.5);
  EXPECT_EQ(read.series.samples.back().goroutines, 4006);
  verdict::VariantResult other = Result("a", "fixed");
  EXPECT_EQ(ReadVerdictSeries(json, &other), "verdict.json is a/leaky's, not a/fixed's");
  EXPECT_NE(ReadVerdictSeries("{}", &other), "");
}

TEST(MergeTest, ShardsMergeIntoTheWholeRunsOrder) {
  std::vector<ShardRun> shards = {Shard("s2", {Result("a", "fixed"), Result("b", "leaky")}, 2, 2),
                                  Shard("s1", {Result("a", "leaky"), Result("b", "fixed")}, 1, 2)};
  std::string error;
  std::optional<MergedRun> merged = MergeShards(shards, &error);
  ASSERT_TRUE(merged) << error;
  EXPECT_EQ(Names(merged->results), Selection(1, 1).variants);
  EXPECT_EQ(merged->shard_of, (std::vector<size_t>{1, 0, 0, 1}));
  EXPECT_TRUE(merged->complete);
  EXPECT_TRUE(merged->missing.empty());
  EXPECT_EQ(merged->selection.shard_index, 1);
  EXPECT_EQ(merged->selection.shard_count, 1);
  EXPECT_EQ(merged->go.version, kGo.version);
  EXPECT_TRUE(RunPassed(merged->results, merged->complete, merged->selection.catalog_errors));
}

TEST(MergeTest, AMissingShardLeavesTheRunIncomplete) {
  std::string error;
  std::optional<MergedRun> merged =
      MergeShards({Shard("s1", {Result("a", "leaky"), Result("b", "fixed")}, 1, 2)}, &error);
  ASSERT_TRUE(merged) << error;
  EXPECT_FALSE(merged->complete);
  EXPECT_EQ(merged->missing, (std::vector<std::string>{"a/fixed", "b/leaky"}));
  EXPECT_FALSE(RunPassed(merged->results, merged->complete, {}));
}

TEST(MergeTest, AnInterruptedOrFailedShardFailsTheMerge) {
  std::string error;
  auto interrupted = MergeShards({Shard("s1", {Result("a", "leaky"), Result("b", "fixed")}, 1, 2, false),
                                  Shard("s2", {Result("a", "fixed"), Result("b", "leaky")}, 2, 2)},
                                 &error);
  ASSERT_TRUE(interrupted) << error;
  EXPECT_FALSE(interrupted->complete);
  auto failed = MergeShards({Shard("s1", {Result("a", "leaky"), Result("b", "fixed", false)}, 1, 2),
                             Shard("s2", {Result("a", "fixed"), Result("b", "leaky")}, 2, 2)},
                            &error);
  ASSERT_TRUE(failed) << error;
  EXPECT_TRUE(failed->complete);
  EXPECT_FALSE(RunPassed(failed->results, failed->complete, failed->selection.catalog_errors));
}

TEST(MergeTest, RefusesShardsThatDoNotBelongTogether) {
  const ShardRun first = Shard("s1", {Result("a", "leaky"), Result("b", "fixed")}, 1, 2);
  ShardRun other_go = Shard("s2", {Result("a", "fixed")}, 2, 2);
  other_go.summary.go.version = "go1.27.3";
  ShardRun other_catalog = Shard("s2", {Result("a", "fixed")}, 2, 2);
  other_catalog.summary.selection.catalog = "fedcba9876543210";
  ShardRun other_count = Shard("s2", {Result("a", "fixed")}, 2, 3);
  ShardRun overlapping = Shard("s2", {Result("a", "fixed"), Result("b", "fixed")}, 2, 2);
  ShardRun stranger = Shard("s2", {Result("c", "leaky")}, 2, 2);
  const std::vector<std::pair<ShardRun, std::string>> cases = {
      {other_go, "s1 ran on go1.26.8"},
      {other_catalog, "ran different catalogs (fingerprints 0123456789abcdef and fedcba9876543210)"},
      {other_count, "split the suite differently"},
      {overlapping, "b/fixed is in both s1 (shard 1/2) and s2 (shard 2/2)"},
      {stranger, "ran c/leaky, which its own selection does not list"},
  };
  for (const auto& [second, message] : cases) {
    std::string error;
    EXPECT_FALSE(MergeShards({first, second}, &error)) << message;
    EXPECT_NE(error.find(message), std::string::npos) << error;
  }
  std::string error;
  EXPECT_FALSE(MergeShards({}, &error));
}

TEST(MergeTest, ABrokenManifestFailsTheMergedRunAsItFailsTheSuite) {
  ShardRun whole =
      Shard("s", {Result("a", "leaky"), Result("a", "fixed"), Result("b", "leaky"), Result("b", "fixed")}, 1, 1);
  whole.summary.selection.catalog_errors = {"scenarios/x.toml: bad"};
  std::string error;
  auto merged = MergeShards({whole}, &error);
  ASSERT_TRUE(merged) << error;
  EXPECT_TRUE(merged->complete);
  EXPECT_EQ(merged->selection.catalog_errors, whole.summary.selection.catalog_errors);
  EXPECT_FALSE(RunPassed(merged->results, merged->complete, merged->selection.catalog_errors));
  EXPECT_FALSE(RunPassed({}, true, {}));
}

TEST(CatalogFingerprintTest, ChangesWithTheManifestsTheFixturesAndTheFlags) {
  const fs::path root = fs::temp_directory_path() / ("leakrig_fingerprint_test_" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "scenarios");
  fs::create_directories(root / "go-fixtures");
  auto write = [&](const fs::path& path, const std::string& text) { std::ofstream(root / path) << text; };
  const std::string manifest =
      "name = \"a\"\npattern = \"p\"\nfixture = \"a\"\n[variants.leaky]\nexpected = \"leak\"\n";
  write("scenarios/a.toml", manifest);
  write("go-fixtures/main.go", "package main\n");
  auto fingerprint = [&](const std::string& settings) {
    runner::Catalog catalog = runner::LoadCatalog(root / "scenarios");
    EXPECT_TRUE(catalog.errors.empty());
    std::vector<const scenario::Scenario*> chosen = {&catalog.scenarios.at(0)};
    return runner::CatalogFingerprint(catalog, chosen, root / "go-fixtures", settings);
  };
  const std::string first = fingerprint("duration=-");
  EXPECT_EQ(first.size(), 16u);
  EXPECT_EQ(fingerprint("duration=-"), first);
  EXPECT_NE(fingerprint("duration=1"), first);
  write("scenarios/a.toml", manifest + "[timing]\ndrain_seconds = 3\n");
  const std::string other_manifest = fingerprint("duration=-");
  EXPECT_NE(other_manifest, first);
  write("go-fixtures/main.go", "package main // changed\n");
  EXPECT_NE(fingerprint("duration=-"), other_manifest);
  fs::remove_all(root);
}

}  // namespace
}  // namespace leakrig::run_folder
