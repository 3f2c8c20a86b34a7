#include <gtest/gtest.h>

#include <sstream>

#include "report/compare_json.h"
#include "report/junit.h"
#include "report/verdict_json.h"
#include "runner/fixture_session.h"

namespace leakrig::report {
namespace {

verdict::VariantResult SampleResult() {
  verdict::VariantResult r;
  r.scenario = "unbuffered-send";
  r.variant = "leaky";
  r.expected = verdict::Verdict::kLeak;
  r.verdict = verdict::Verdict::kLeak;
  r.passed = true;
  r.series.samples = {
      {0.0, 5, verdict::Phase::kBaseline}, {0.5004, 900, verdict::Phase::kLoad}, {1.0, 1200, verdict::Phase::kFinal}};
  r.counts = {5, 1200, 1200};
  r.suspects = {{"unbufferedsend.LeakyHandler.func1", "chan send", "unbufferedsend.LeakyHandler", "x.go:34", 0, 1195,
                 "send with no receiver", "give the channel a buffer of 1"}};
  r.load.requests = 1195;
  r.load.p50_ms = 2.12345;
  r.artifacts["log"] = "unbuffered-send/leaky/fixture.log";
  return r;
}

TEST(LoadToJsonTest, CarriesTheStatusCountsAndRoundedLatencies) {
  verdict::LoadSummary load;
  load.requests = 10;
  load.status_counts = {{200, 9}, {503, 1}};
  load.p50_ms = 1.23456;
  const nlohmann::ordered_json json = LoadToJson(load);
  EXPECT_EQ(json["status"]["503"], 1);
  EXPECT_EQ(json["latency_ms"]["p50"], 1.235);
  EXPECT_EQ(json.begin().key(), "requests");
}

TEST(VerdictToJsonTest, HasTheDocumentedFields) {
  auto json = VerdictToJson(SampleResult());
  for (const char* key :
       {"scenario", "variant", "expected", "verdict", "passed", "goroutines", "suspects", "load", "artifacts"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["verdict"], "leak");
  EXPECT_EQ(json["goroutines"]["final"], 1200);
  EXPECT_EQ(json["goroutines"]["series"][1][0], 0.5);  // rounded to milliseconds
  EXPECT_EQ(json["goroutines"]["series"][1][1], 900);
  EXPECT_EQ(json["suspects"][0]["wait_reason"], "chan send");
  EXPECT_EQ(json["suspects"][0]["count_final"], 1195);
  EXPECT_EQ(json["suspects"][0]["pattern"], "send with no receiver");
  EXPECT_EQ(json["load"]["latency_ms"]["p50"], 2.123);
}

TEST(SummaryToJsonTest, PassesOnlyWhenEveryRowPasses) {
  auto ok = SampleResult();
  auto bad = SampleResult();
  bad.variant = "fixed";
  bad.passed = false;
  EXPECT_TRUE(SummaryToJson({ok}, {})["passed"]);
  EXPECT_FALSE(SummaryToJson({ok, bad}, {})["passed"]);
  EXPECT_FALSE(SummaryToJson({}, {})["passed"]);
}

TEST(WriteJunitTest, CountsFailuresAndEscapes) {
  auto ok = SampleResult();
  auto bad = SampleResult();
  bad.variant = "fixed";
  bad.passed = false;
  bad.verdict = verdict::Verdict::kError;
  bad.reason = "the fixture's first line is \"<oops>\"";
  std::ostringstream out;
  WriteJunit({ok, bad}, {"go1.27.3", "built in"}, out);
  std::string xml = out.str();
  EXPECT_NE(xml.find("tests=\"2\" failures=\"0\" errors=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("&quot;&lt;oops&gt;&quot;"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("<oops>"), std::string::npos);
  EXPECT_NE(xml.find("<property name=\"go_version\" value=\"go1.27.3\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"go_leak_profile\" value=\"built in\"/>"), std::string::npos) << xml;
}

TEST(VerdictToJsonTest, NamesTheGoThatRanIt) {
  auto result = SampleResult();
  EXPECT_TRUE(VerdictToJson(result)["go_version"].is_null());  // watch: the target's Go is not visible
  result.go = {"go1.26.8", "GOEXPERIMENT=goroutineleakprofile"};
  auto json = VerdictToJson(result);
  EXPECT_EQ(json["go_version"], "go1.26.8");
  EXPECT_EQ(json["runtime_leak_profile"]["support"], "GOEXPERIMENT=goroutineleakprofile");
  auto summary = SummaryToJson({result}, result.go);
  EXPECT_EQ(summary["go_version"], "go1.26.8");
  EXPECT_EQ(summary["go_leak_profile"], "GOEXPERIMENT=goroutineleakprofile");
}

TEST(WriteJunitTest, MarksASkippedVariantSkipped) {
  auto skipped = SampleResult();
  skipped.verdict = verdict::Verdict::kSkipped;
  skipped.reason = "not possible on go1.27.3";
  std::ostringstream out;
  WriteJunit({SampleResult(), skipped}, {}, out);
  EXPECT_NE(out.str().find("failures=\"0\" errors=\"0\" skipped=\"1\""), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("<skipped message=\"not possible on go1.27.3\"/>"), std::string::npos) << out.str();
}

TEST(FindRemovedGodebugTest, ReadsTheRuntimesRefusal) {
  // Go 1.27.3's words, from a fixture started with GODEBUG=asynctimerchan=1.
  std::string log =
      "fatal error: removed GODEBUG \"asynctimerchan\" set to old value \"1\" in environment "
      "(https://go.dev/doc/godebug#go-127)\n\ngoroutine 1 [running, locked to thread]:\n";
  EXPECT_EQ(runner::FindRemovedGodebug(log), "asynctimerchan=1");
  EXPECT_FALSE(runner::FindRemovedGodebug("fatal error: all goroutines are asleep - deadlock!\n"));
  EXPECT_FALSE(runner::FindRemovedGodebug("fatal error: removed GODEBUG \"x"));
  EXPECT_FALSE(runner::FindRemovedGodebug(""));
}

TEST(IsLoopbackAddressTest, OnlyLoopbackWithAPort) {
  EXPECT_TRUE(runner::IsLoopbackAddress("127.0.0.1:8080"));
  for (const char* bad : {"0.0.0.0:80", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:80 ", "[::1]:80",
                          "listening on 127.0.0.1:80"}) {
    EXPECT_FALSE(runner::IsLoopbackAddress(bad)) << bad;
  }
}

TEST(CompareToJsonTest, NamesBothRevisionsTheirPassingVerdictsAndTheGraph) {
  CompareRecord record{"orders",
                       {"before", "v1.2", "0123abcd", {verdict::Verdict::kLeak, verdict::Verdict::kLingering}},
                       {"after", "main", "4567ef01", {verdict::Verdict::kClean}},
                       true,
                       "orders/flame-diff-before-after.svg"};
  const nlohmann::ordered_json json = CompareToJson(record);
  EXPECT_EQ(json["scenario"], "orders");
  EXPECT_EQ(json["before"]["revision"], "v1.2");
  EXPECT_EQ(json["before"]["commit"], "0123abcd");
  EXPECT_EQ(json["before"]["passing"], nlohmann::ordered_json({"leak", "lingering"}));
  EXPECT_EQ(json["after"]["variant"], "after");
  EXPECT_EQ(json["after"]["passing"], nlohmann::ordered_json({"clean"}));
  EXPECT_EQ(json["verified"], true);
  EXPECT_EQ(json["flame_graph"], "orders/flame-diff-before-after.svg");
}

}  // namespace
}  // namespace leakrig::report
