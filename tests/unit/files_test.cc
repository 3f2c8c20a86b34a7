#include "edge/files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace leakrig::edge {
namespace {

namespace fs = std::filesystem;

class FindScriptsDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = fs::temp_directory_path() / ("leakrig_files_test_" + std::to_string(::getpid()));
    fs::create_directories(repo_ / "build");
    ASSERT_EQ(WriteFileAtomic(repo_ / "build" / "leakrig", ""), "");
  }
  void TearDown() override { fs::remove_all(repo_); }

  fs::path repo_;
};

TEST_F(FindScriptsDirTest, TakesTheScriptsBesideTheBinarysBuildFolder) {
  fs::create_directories(repo_ / "scripts");
  ASSERT_EQ(WriteFileAtomic(repo_ / "scripts" / "report", ""), "");
  EXPECT_EQ(FindScriptsDir(repo_ / "build" / "leakrig", "/elsewhere"), repo_ / "scripts");
}

TEST_F(FindScriptsDirTest, FallsBackToTheRootWhenTheBinaryHasNoScriptsBeside) {
  EXPECT_EQ(FindScriptsDir(repo_ / "build" / "leakrig", "/elsewhere"), fs::path("/elsewhere/scripts"));
  EXPECT_EQ(FindScriptsDir("", "/elsewhere"), fs::path("/elsewhere/scripts"));
}

TEST(RunningExecutableTest, NamesThisTestBinary) { EXPECT_EQ(RunningExecutable().filename(), "harness_test"); }

}  // namespace
}  // namespace leakrig::edge
