#include "scenario/service_manifest.h"

#include <gtest/gtest.h>

#include "manifest_errors.h"

namespace leakrig::scenario {
namespace {

using testing::AllErrors;
using testing::ExpectErrors;
using testing::HasError;

constexpr char kComplete[] = R"(
name = "orders"
package = "./cmd/api"
build_flags = ["-tags", "leakrig"]
args = ["-listen", "{addr}", "-debug", "{debug_addr}", "-upstream", "http://{dep.upstream.addr}"]
env = { API_MODE = "test" }
pprof = "http://{debug_addr}/debug/pprof"
ready = "/healthz"
suspect_function = "api\\.handle"

[[dependency]]
name = "upstream"
command = ["bin/upstream"]
env = { PORT = "{port}" }

[load]
concurrency = 4
duration_seconds = 1.5
accept_status = [504]

[[load.request]]
method = "POST"
path = "/orders"
headers = { Content-Type = "application/json" }
body = "{}"

[timing]
drain_seconds = 2
)";

TEST(ServiceManifestTest, ReadsEveryField) {
  ParsedServiceManifest parsed = ParseServiceManifest(kComplete, "leakrig.toml");
  ASSERT_TRUE(parsed.errors.empty()) << AllErrors(parsed.errors);
  const ServiceManifest& m = *parsed.manifest;
  EXPECT_EQ(m.name, "orders");
  EXPECT_EQ(m.service.package, "./cmd/api");
  EXPECT_EQ(m.service.build_flags, (std::vector<std::string>{"-tags", "leakrig"}));
  EXPECT_EQ(m.service.env.at("API_MODE"), "test");
  EXPECT_EQ(m.pprof, "http://{debug_addr}/debug/pprof/");  // the slash is added
  EXPECT_EQ(m.service.ready, "/healthz");
  ASSERT_EQ(m.dependencies.size(), 1u);
  EXPECT_EQ(m.dependencies[0].name, "upstream");
  EXPECT_EQ(m.dependencies[0].command, std::vector<std::string>{"bin/upstream"});
  ASSERT_EQ(m.requests.size(), 1u);
  EXPECT_EQ(m.requests[0].method, "POST");
  EXPECT_EQ(m.requests[0].headers.at("Content-Type"), "application/json");
  EXPECT_EQ(m.requests[0].body, "{}");
  EXPECT_EQ(m.load.concurrency, 4);
  EXPECT_EQ(m.load.accept_status, std::vector<int>{504});
  EXPECT_DOUBLE_EQ(m.timing.drain_seconds, 2);
  EXPECT_DOUBLE_EQ(m.timing.baseline_seconds, Timing().baseline_seconds);  // the catalog's defaults
  EXPECT_EQ(m.suspect.function_regex, "api\\.handle");
}

TEST(ServiceManifestTest, DefaultsToTheMainAddressForPprof) {
  ParsedServiceManifest parsed = ParseServiceManifest(R"(
command = ["./api"]
env = { PORT = "{port}" }
[[load.request]]
path = "/"
)",
                                                      "leakrig.toml");
  ASSERT_TRUE(parsed.errors.empty()) << AllErrors(parsed.errors);
  EXPECT_EQ(parsed.manifest->pprof, "http://{addr}/debug/pprof/");
  EXPECT_EQ(parsed.manifest->requests[0].method, "GET");
}

TEST(ServiceManifestTest, ReportsEveryProblemWithFieldAndLine) {
  ParsedServiceManifest parsed = ParseServiceManifest(R"(
package = "../elsewhere"
addr = "0.0.0.0:8080"
args = ["-listen", "{adr}"]
pprof = "http://{debug_addr}/debug/pprof/"
[[dependency]]
name = "cache"
command = ["redis-server"]
[load]
concurrency = 0
[[load.request]]
path = "/a"
[[load.request]]
path = "b"
method = "get"
)",
                                                      "svc.toml");
  EXPECT_FALSE(parsed.manifest.has_value());
  ExpectErrors(parsed.errors,
               {"svc.toml:2: package must be a path inside the module",
                "svc.toml:3: addr is \"0.0.0.0:8080\"; it must be loopback", "service names {adr}",
                "pprof uses {debug_addr}, but neither", "dependency[0] neither args nor env uses {addr} or {port}",
                "svc.toml:10: load.concurrency must be at least 1", "load.request[1].path must start with /",
                "load.request[1].method is \"get\"", "load.request lists 2 requests"});
}

// A manifest with one problem, and the error that must name it.
struct BadManifest {
  const char* name;
  const char* toml;
  const char* error;
};

TEST(ServiceManifestTest, NamesTheProblemOfEachBadManifest) {
  const BadManifest cases[] = {
      {"an address template must be used", R"(
package = "./cmd/api"
args = ["-v"]
[[load.request]]
path = "/"
)",
       "service neither args nor env uses {addr} or {port}, and there is no fixed addr"},
      {"pprof must be on loopback", R"(
command = ["./api"]
addr = "127.0.0.1:8080"
pprof = "http://10.0.0.1:6060/debug/pprof/"
[[load.request]]
path = "/"
)",
       "pprof is \"http://10.0.0.1:6060/debug/pprof/\"; it must be an http:// URL on loopback"},
      {"a dependency can only name those before it", R"(
command = ["./api"]
args = ["{addr}"]
[[dependency]]
name = "a"
command = ["a"]
args = ["{addr}", "{dep.b.addr}"]
[[dependency]]
name = "b"
command = ["b"]
args = ["{addr}"]
[[load.request]]
path = "/"
)",
       "dependency[0] names {dep.b.addr}"},
  };
  for (const BadManifest& c : cases) {
    ParsedServiceManifest parsed = ParseServiceManifest(c.toml, "svc.toml");
    EXPECT_FALSE(parsed.manifest.has_value()) << c.name;
    EXPECT_TRUE(HasError(parsed.errors, c.error)) << c.name;
  }
}

TEST(FillTemplateTest, ReplacesEveryPlaceholder) {
  std::string error;
  TemplateValues values = {{"addr", "127.0.0.1:4000"}, {"dep.db.port", "5000"}};
  EXPECT_EQ(FillTemplate("-listen={addr} -db=:{dep.db.port}", values, &error), "-listen=127.0.0.1:4000 -db=:5000");
  EXPECT_EQ(error, "");
  EXPECT_EQ(FillTemplate("no braces", values, &error), "no braces");
}

TEST(FillTemplateTest, NamesAPlaceholderWithoutValue) {
  std::string error;
  EXPECT_EQ(FillTemplate("{debug_addr}", {}, &error), "");
  EXPECT_EQ(error, "\"{debug_addr}\" names {debug_addr}, which has no value");
}

TEST(PlaceholdersInTest, ListsTheNames) {
  EXPECT_EQ(PlaceholdersIn("http://{addr}/x/{port}"), (std::set<std::string>{"addr", "port"}));
}

TEST(IsLoopbackHostPortTest, AcceptsLoopbackOnly) {
  EXPECT_TRUE(IsLoopbackHostPort("127.0.0.1:8080"));
  EXPECT_TRUE(IsLoopbackHostPort("[::1]:8080"));
  EXPECT_FALSE(IsLoopbackHostPort("0.0.0.0:8080"));
  EXPECT_FALSE(IsLoopbackHostPort("127.0.0.1:0"));
  EXPECT_FALSE(IsLoopbackHostPort("localhost:80"));
  EXPECT_EQ(UrlHostPort("http://127.0.0.1:9/debug/pprof/"), "127.0.0.1:9");
  EXPECT_EQ(UrlHostPort("https://x/"), "");
}

}  // namespace
}  // namespace leakrig::scenario
