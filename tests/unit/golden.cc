#include "golden.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace leakrig::golden {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == text.npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool UpdateMode() {
  const char* value = std::getenv("LEAKRIG_UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

}  // namespace

std::string ReadFileOrFail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Longest-common-subsequence diff: O(n·m), fine for golden files of a few
// thousand lines; beyond that only the sizes are reported.
std::string LineDiff(std::string_view want, std::string_view got) {
  const auto a = SplitLines(want), b = SplitLines(got);
  if (a.size() * b.size() > 50'000'000) return "(files too large to diff)\n";
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0, j = 0;
  bool in_hunk = false;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i, ++j;
      in_hunk = false;
      continue;
    }
    if (!in_hunk) {
      out += "@@ expected line " + std::to_string(i + 1) + ", got line " + std::to_string(j + 1) + " @@\n";
      in_hunk = true;
    }
    if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += "+" + std::string(b[j++]) + "\n";
    } else {
      out += "-" + std::string(a[i++]) + "\n";
    }
  }
  return out;
}

void ExpectMatchesGolden(const std::string& path, const std::string& got) {
  if (UpdateMode()) {
    std::ofstream(path, std::ios::binary) << got;
    return;
  }
  const std::string want = ReadFileOrFail(path);
  EXPECT_TRUE(want == got) << path << " differs (- expected, + got); rerun with "
                           << "LEAKRIG_UPDATE_GOLDEN=1 to accept:\n"
                           << LineDiff(want, got);
}

}  // namespace leakrig::golden
