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

constexpr char kWithDependencies[] = R"(
name = "sql"
pattern = "rows never closed"
fixture = "sql"
env = { DB = "{dep.postgres.addr}", FEED = "127.0.0.1:{dep.feed.port}" }
[[dependency]]
name = "postgres"
command_dirs = ["/usr/lib/postgresql/*/bin"]
user = "postgres"
setup = [["initdb", "-D", "{data_dir}"]]
command = ["postgres"]
args = ["-D", "{data_dir}", "-p", "{port}"]
[[dependency]]
name = "feed"
package = "./cmd/grpc-feed"
args = ["-port", "{port}", "-debug-port", "{debug_port}", "-db", "{dep.postgres.addr}"]
pprof = "http://{debug_addr}/debug/pprof/"
[load]
request_timeout_seconds = 1.5
[variants.leaky]
expected = "leak"
flags = ["-variant=leaky", "-db={dep.postgres.addr}"]
)";

TEST(ParseManifestTest, ReadsDependenciesAndTheirTemplates) {
  ParsedManifest parsed = ParseManifest(kWithDependencies, "deps.toml");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].where << ": " << parsed.errors[0].message;
  const Scenario& s = *parsed.scenario;
  ASSERT_EQ(s.dependencies.size(), 2u);
  const ServiceProcess& postgres = s.dependencies[0];
  EXPECT_EQ(postgres.name, "postgres");
  EXPECT_EQ(postgres.command_dirs, std::vector<std::string>{"/usr/lib/postgresql/*/bin"});
  EXPECT_EQ(postgres.user, "postgres");
  ASSERT_EQ(postgres.setup.size(), 1u);
  EXPECT_EQ(postgres.setup[0], (std::vector<std::string>{"initdb", "-D", "{data_dir}"}));
  EXPECT_EQ(s.dependencies[1].package, "./cmd/grpc-feed");
  EXPECT_EQ(s.dependencies[1].pprof, "http://{debug_addr}/debug/pprof/");
  EXPECT_EQ(s.env.at("DB"), "{dep.postgres.addr}");
  EXPECT_DOUBLE_EQ(s.load.request_timeout_seconds, 1.5);
}

// `text` with its first `from` replaced by `to`.
std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

TEST(ParseManifestTest, RefusesTemplatesThatNameNoDependencyAndBadProcessFields) {
  std::string text = Replaced(kWithDependencies, "DB = \"{dep.postgres.addr}\"", "DB = \"{dep.redis.addr}\"");
  text = Replaced(text, "-db={dep.postgres.addr}", "-db={addr}");
  text = Replaced(text, "user = \"postgres\"", "user = \"Not A User\"");
  text = Replaced(text, "[[\"initdb\"", "[[], [\"initdb\"");
  text = Replaced(text, "\"/usr/lib/postgresql/*/bin\"", "\"relative/bin\"");
  text = Replaced(text, "http://{debug_addr}", "http://10.0.0.1:80");
  text = Replaced(text, "command = [\"postgres\"]", "command = [\"postgres\"]\nready = \"/\"\nready_log = \"up\"");
  ParsedManifest parsed = ParseManifest(text, "deps.toml");
  EXPECT_FALSE(parsed.scenario.has_value());
  std::string all;
  for (const auto& e : parsed.errors) all += e.where + " " + e.message + "\n";
  EXPECT_NE(all.find("deps.toml: env.DB names {dep.redis.addr}"), std::string::npos) << all;
  EXPECT_NE(all.find("deps.toml: variants.leaky.flags names {addr}"), std::string::npos) << all;
  EXPECT_NE(all.find("dependency[0].user is not a user name"), std::string::npos) << all;
  EXPECT_NE(all.find("dependency[0].setup each command must be a non-empty array"), std::string::npos) << all;
  EXPECT_NE(all.find("dependency[0].command_dirs \"relative/bin\" is not an absolute folder"), std::string::npos)
      << all;
  EXPECT_NE(all.find("dependency[1].pprof is \"http://10.0.0.1:80"), std::string::npos) << all;
  EXPECT_NE(all.find("deps.toml: dependency[0] has both ready and ready_log"), std::string::npos) << all;
}

TEST(ParseManifestTest, ADependencyNamesOnlyThoseDeclaredBeforeIt) {
  std::string text = Replaced(kWithDependencies, "[[\"initdb\", \"-D\", \"{data_dir}\"]]",
                              "[[\"initdb\", \"-D\", \"{dep.feed.addr}\"]]");
  ParsedManifest parsed = ParseManifest(text, "deps.toml");
  ASSERT_FALSE(parsed.errors.empty());
  EXPECT_EQ(parsed.errors[0].where, "deps.toml: dependency[0]");
  EXPECT_NE(parsed.errors[0].message.find("names {dep.feed.addr}"), std::string::npos) << parsed.errors[0].message;
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
