#include "edge/go_toolchain.h"

#include <gtest/gtest.h>

#include "edge/fixture_builder.h"

namespace leakrig::edge {
namespace {

TEST(ParseGoVersionTest, ReadsReleasesAndPrereleases) {
  struct Case {
    const char* give;
    GoVersion want;
  };
  for (const Case& c : {Case{"go1.27.3", {1, 27, 3}}, Case{"1.26.8", {1, 26, 8}}, Case{"1.27", {1, 27, 0}},
                        Case{"go1.28rc1", {1, 28, 0}}, Case{"go1.27beta2", {1, 27, 0}}}) {
    auto got = ParseGoVersion(c.give);
    ASSERT_TRUE(got) << c.give;
    EXPECT_EQ(*got, c.want) << c.give;
  }
}

TEST(ParseGoVersionTest, RejectsWhatIsNotAVersion) {
  for (const char* bad : {"", "go", "latest", "1", "1.", "1.27.", "1.27.3 ", "1.27.3;rm", "go1.27.3-x", "1.27rc",
                          "local", "auto", "go1.27.3+auto"}) {
    EXPECT_FALSE(ParseGoVersion(bad)) << bad;
  }
}

TEST(ParseGoVersionTest, OrdersByLineThenPatch) {
  EXPECT_LT(*ParseGoVersion("1.26.8"), *ParseGoVersion("1.27.0"));
  EXPECT_LT(*ParseGoVersion("1.26.0"), *ParseGoVersion("1.26.8"));
  EXPECT_LT(*ParseGoVersion("1.9.0"), *ParseGoVersion("1.10.0"));
}

TEST(ParseGoModGoLineTest, FindsTheGoDirective) {
  EXPECT_EQ(ParseGoModGoLine("module x\n\ngo 1.26.0\n\nrequire y v1\n"), (GoVersion{1, 26, 0}));
  EXPECT_EQ(ParseGoModGoLine("module x\r\ngo 1.27\r\n"), (GoVersion{1, 27, 0}));
  EXPECT_FALSE(ParseGoModGoLine("module x\ntoolchain go1.27.3\n"));
  EXPECT_FALSE(ParseGoModGoLine(""));
}

TEST(GoToolchainTest, SetsTheExperimentOnlyWhereTheToolchainTakesIt) {
  GoToolchain go126{"go1.26.8", "", LeakProfile::kExperiment};
  GoToolchain go127{"go1.27.3", "go1.27.3", LeakProfile::kBuiltIn};
  GoToolchain go125{"go1.25.4", "", LeakProfile::kNone};
  EXPECT_EQ(go126.GoExperiment(), "goroutineleakprofile");
  EXPECT_EQ(go127.GoExperiment(), "");
  EXPECT_EQ(go125.GoExperiment(), "");
  EXPECT_EQ(LeakProfileName(go125.leak_profile), "not available");
  EXPECT_TRUE(go126.Env().empty());  // the user's own GOTOOLCHAIN, if any, stays
  EXPECT_EQ(go127.Env().at("GOTOOLCHAIN"), "go1.27.3");
}

TEST(CachedBinaryNameTest, HoldsTheGoVersion) {
  GoToolchain go126{"go1.26.8", "", LeakProfile::kExperiment};
  GoToolchain go127{"go1.27.3", "go1.27.3", LeakProfile::kBuiltIn};
  EXPECT_EQ(CachedBinaryName("nil-channel", "00ff", go126), "nil-channel-00ff-go1.26.8-goroutineleakprofile");
  EXPECT_EQ(CachedBinaryName("nil-channel", "00ff", go127), "nil-channel-00ff-go1.27.3");
  EXPECT_NE(CachedBinaryName("x", "1", go126), CachedBinaryName("x", "1", go127));
}

}  // namespace
}  // namespace leakrig::edge
