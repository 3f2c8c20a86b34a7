#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "run_folder/artifacts.h"
#include "run_folder/run_folder_writer.h"

namespace leakrig::run_folder {
namespace {

namespace fs = std::filesystem;

// The `FILES = {...}` table of scripts/leakrig_report/run_folder.py, one
// `"key": "name",` line per entry.
std::map<std::string, std::string> PythonFileTable() {
  std::ifstream in(fs::path(LEAKRIG_SOURCE_DIR) / "scripts/leakrig_report/run_folder.py");
  std::map<std::string, std::string> table;
  const std::regex entry(R"re(^\s*"([a-z_]+)":\s*"([^"]+)",?\s*$)re");
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("FILES = {")) {
      inside = true;
    } else if (inside && line.starts_with("}")) {
      break;
    } else if (std::smatch m; inside) {
      EXPECT_TRUE(std::regex_match(line, m, entry)) << "not a table entry: " << line;
      table[m[1].str()] = m[2].str();
    }
  }
  return table;
}

TEST(RunFolderTest, PythonReportReadsTheNamesTheHarnessWrites) {
  const std::map<std::string, std::string> python = PythonFileTable();
  ASSERT_GE(python.size(), 10u);
  std::map<std::string, std::string> cpp;
  for (const ArtifactName& name : ArtifactNames()) cpp[std::string(name.key)] = std::string(name.file);
  for (const auto& [key, file] : python) {
    ASSERT_TRUE(cpp.contains(key)) << "run_folder.py reads an artifact the harness never writes: " << key;
    EXPECT_EQ(cpp[key], file) << key;
  }
}

TEST(RunFolderTest, KeysAndNamesAreUnique) {
  std::map<std::string_view, int> keys, files;
  for (const ArtifactName& name : ArtifactNames()) {
    EXPECT_EQ(++keys[name.key], 1) << name.key;
    EXPECT_EQ(++files[name.file], 1) << name.file;
  }
}

TEST(RunFolderTest, RecordsWhatItWroteRelativeToTheRunFolder) {
  const fs::path run = fs::temp_directory_path() / ("leakrig_run_folder_test_" + std::to_string(getpid()));
  fs::remove_all(run);
  VariantFolder folder(run, "scenario", "leaky");
  ASSERT_EQ(folder.Create(), "");
  ASSERT_EQ(folder.Write(Artifact::kStates, "{}\n"), "");
  folder.Record(Artifact::kWatchJson);
  EXPECT_TRUE(fs::is_regular_file(run / "scenario/leaky/states.json"));
  const std::map<std::string, std::string> want = {{"states", "scenario/leaky/states.json"},
                                                   {"watch_report", "watch.json"}};
  EXPECT_EQ(folder.artifacts(), want);
  fs::remove_all(run);
}

TEST(RunFolderTest, FailedVerdictWriteTurnsTheResultIntoAnError) {
  verdict::VariantResult result;
  result.scenario = "s";
  result.variant = "v";
  result.verdict = verdict::Verdict::kClean;
  result.passed = true;
  const std::string error = WriteVerdict("/proc/leakrig-cannot-write-here", &result);
  EXPECT_NE(error, "");
  EXPECT_EQ(result.verdict, verdict::Verdict::kError);
  EXPECT_FALSE(result.passed);
}

}  // namespace
}  // namespace leakrig::run_folder
