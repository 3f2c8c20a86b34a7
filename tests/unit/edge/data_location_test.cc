#include "edge/data_location.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace leakrig::edge {
namespace {

namespace fs = std::filesystem;

// A temporary folder in which each test lays out a checkout or an installed prefix.
class LocateDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    top_ = fs::temp_directory_path() / ("leakrig_data_location_test_" + std::to_string(::getpid()));
    fs::remove_all(top_);
  }
  void TearDown() override { fs::remove_all(top_); }

  static void Touch(const fs::path& file) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << "";
  }
  // scenarios/, go-fixtures/go.mod and scripts/report under `dir`.
  static void PutData(const fs::path& dir) {
    Touch(dir / "scenarios" / "a.toml");
    Touch(dir / "go-fixtures" / "go.mod");
    Touch(dir / "scripts" / "report");
  }

  fs::path top_;
  UserFolders user_{"/xdg-cache", "/home/u"};
};

TEST_F(LocateDataTest, AnInstalledCopyReadsItsShareFolderAndBuildsIntoTheUsersCache) {
  PutData(top_ / "prefix" / "share" / "leakrig");
  DataLocation data = LocateData(top_ / "prefix" / "bin" / "leakrig", user_);
  EXPECT_EQ(data.layout, Layout::kInstalled);
  EXPECT_EQ(data.data_dir, top_ / "prefix" / "share" / "leakrig");
  EXPECT_EQ(data.fixture_cache, fs::path("/xdg-cache/leakrig/fixtures"));
  EXPECT_EQ(data.error, "");
}

TEST_F(LocateDataTest, WithoutAnAbsoluteXdgCacheHomeTheCacheIsUnderHome) {
  PutData(top_ / "prefix" / "share" / "leakrig");
  user_.xdg_cache_home = "relative/cache";  // the XDG spec says to ignore it
  EXPECT_EQ(LocateData(top_ / "prefix" / "bin" / "leakrig", user_).fixture_cache,
            fs::path("/home/u/.cache/leakrig/fixtures"));
  user_ = {};
  EXPECT_EQ(LocateData(top_ / "prefix" / "bin" / "leakrig", user_).fixture_cache, fs::path());
}

TEST_F(LocateDataTest, ABuildFolderInACheckoutUsesTheCheckoutAndBuildsBesideItself) {
  PutData(top_ / "repo");
  DataLocation data = LocateData(top_ / "repo" / "build" / "leakrig", user_);
  EXPECT_EQ(data.layout, Layout::kCheckout);
  EXPECT_EQ(data.data_dir, top_ / "repo");
  EXPECT_EQ(data.fixture_cache, top_ / "repo" / "build" / "fixtures");
}

TEST_F(LocateDataTest, MissingDataNamesThePlacesLookedAtAndWhatToDo) {
  fs::create_directories(top_ / "prefix" / "bin");
  DataLocation data = LocateData(top_ / "prefix" / "bin" / "leakrig", user_);
  EXPECT_EQ(data.data_dir, fs::path());
  EXPECT_EQ(data.layout, Layout::kInstalled);  // so that nothing is written beside an unknown binary
  const std::string share = (top_ / "prefix" / "share" / "leakrig").string();
  EXPECT_NE(data.error.find("keeps it in " + share + ", which does not exist"), std::string::npos) << data.error;
  EXPECT_NE(data.error.find("--root DIR or LEAKRIG_ROOT=DIR"), std::string::npos) << data.error;
}

TEST_F(LocateDataTest, AnIncompleteShareFolderSaysWhatItLacks) {
  PutData(top_ / "prefix" / "share" / "leakrig");
  fs::remove(top_ / "prefix" / "share" / "leakrig" / "go-fixtures" / "go.mod");
  DataLocation data = LocateData(top_ / "prefix" / "bin" / "leakrig", user_);
  EXPECT_EQ(data.data_dir, fs::path());
  EXPECT_NE(data.error.find("which has no go-fixtures/go.mod"), std::string::npos) << data.error;
}

}  // namespace
}  // namespace leakrig::edge
