#include "scenario/manifest.h"

#include <gtest/gtest.h>

#include "manifest_errors.h"
#include "runner/catalog.h"

namespace leakrig::scenario {
namespace {

using testing::ExpectErrors;

constexpr char kValid[] = R"(
name = "unbuffered-send"
pattern = "send with no receiver"
fixture = "unbuffered-send"
source = "go-fixtures/patterns/unbufferedsend/unbufferedsend.go"
[load]
concurrency = 4
duration_seconds = 1.5
[timing]
drain_seconds = 3
[variants.fixed]
expected = "clean"
[variants.leaky]
expected = "leak"
suspect_function = "LeakyHandler"
suspect_wait = ["chan send"]
env = { GODEBUG = "asynctimerchan=1" }
)";

TEST(ParseManifestTest, ReadsEveryField) {
  ParsedManifest parsed = ParseManifest(kValid, "x.toml");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].where << ": " << parsed.errors[0].message;
  const Scenario& s = *parsed.scenario;
  EXPECT_EQ(s.name, "unbuffered-send");
  EXPECT_EQ(s.path, "/work");
  EXPECT_EQ(s.load.concurrency, 4);
  EXPECT_DOUBLE_EQ(s.load.duration_seconds, 1.5);
  EXPECT_DOUBLE_EQ(s.timing.drain_seconds, 3);
  ASSERT_EQ(s.variants.size(), 2u);
  EXPECT_EQ(s.variants[0].name, "leaky");  // leaky sorts first
  EXPECT_EQ(s.variants[0].expected, verdict::Verdict::kLeak);
  EXPECT_EQ(s.variants[0].flags, std::vector<std::string>{"-variant=leaky"});
  EXPECT_EQ(s.variants[0].env.at("GODEBUG"), "asynctimerchan=1");
  EXPECT_EQ(s.variants[0].suspect.wait_reasons, std::vector<std::string>{"chan send"});
  EXPECT_EQ(s.variants[1].name, "fixed");
}

TEST(ParseManifestTest, ReportsEveryProblemWithItsField) {
  ParsedManifest parsed = ParseManifest(R"(
name = "../etc"
fixture = 3
[load]
concurrency = 0
[variants.leaky]
expected = "leaks"
suspect_function = "("
[variants.other]
expected = "skipped"
)",
                                        "bad.toml");
  EXPECT_FALSE(parsed.scenario.has_value());
  ExpectErrors(parsed.errors, {"bad.toml: pattern is required", "bad.toml:3: fixture must be a string",
                               "bad.toml: name must match", "load.concurrency must be at least 1",
                               "variants.leaky.expected is \"leaks\"", "variants.other.expected is \"skipped\"",
                               "variants.leaky.suspect_function is not a valid regular expression"});
}

TEST(ParseManifestTest, SyntaxErrorsCarryTheLine) {
  ParsedManifest parsed = ParseManifest("name = \"a\"\nfixture = \n", "broken.toml");
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].where.rfind("broken.toml:2:", 0), 0u) << parsed.errors[0].where;
}

TEST(ParseManifestTest, SourceMayNotLeaveTheRepository) {
  std::string text = std::string(kValid);
  text.replace(text.find("go-fixtures/patterns"), 20, "../../../../etc/pass");
  EXPECT_FALSE(ParseManifest(text, "x.toml").scenario.has_value());
}

TEST(IsSafeNameTest, AcceptsOnlyPlainNames) {
  EXPECT_TRUE(IsSafeName("unbuffered-send"));
  EXPECT_TRUE(IsSafeName("leaky_heap2"));
  for (const char* bad : {"", "..", "a/b", "/abs", "Caps", "-x", "a b"}) EXPECT_FALSE(IsSafeName(bad)) << bad;
}

TEST(CatalogTest, EveryCheckedInManifestLoads) {
  runner::Catalog catalog = runner::LoadCatalog(std::string(LEAKRIG_SOURCE_DIR) + "/scenarios");
  for (const auto& e : catalog.errors) ADD_FAILURE() << e.where << ": " << e.message;
  EXPECT_NE(catalog.Find("unbuffered-send"), nullptr);
}

TEST(GlobMatchTest, StarAndQuestionMark) {
  EXPECT_TRUE(runner::GlobMatch("*", "nil-channel"));
  EXPECT_TRUE(runner::GlobMatch("nil-*", "nil-channel"));
  EXPECT_TRUE(runner::GlobMatch("n?l-channel", "nil-channel"));
  EXPECT_FALSE(runner::GlobMatch("range-*", "nil-channel"));
}

}  // namespace
}  // namespace leakrig::scenario
