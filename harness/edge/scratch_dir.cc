#include "edge/scratch_dir.h"

#include <fmt/format.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace leakrig::edge {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPrefix = "leakrig-data-";

fs::path TempDir() {
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  return ec ? fs::path("/tmp") : dir;
}

}  // namespace

std::string MakeScratchDir(const std::string& name, fs::path* dir) {
  std::string pattern = (TempDir() / fmt::format("{}{}-{}-XXXXXX", kPrefix, ::getpid(), name)).string();
  if (!::mkdtemp(pattern.data())) return fmt::format("cannot create a folder {}: {}", pattern, std::strerror(errno));
  *dir = pattern;
  return "";
}

int ScratchDirOwner(const std::string& folder_name) {
  if (folder_name.rfind(kPrefix, 0) != 0) return 0;
  const char* begin = folder_name.data() + kPrefix.size();
  const char* end = folder_name.data() + folder_name.size();
  int pid = 0;
  auto [stop, ec] = std::from_chars(begin, end, pid);
  return ec == std::errc() && stop != begin && stop < end && *stop == '-' && pid > 0 ? pid : 0;
}

std::vector<fs::path> RemoveStaleScratchDirs() {
  std::vector<fs::path> removed;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(TempDir(), ec)) {
    const int pid = ScratchDirOwner(entry.path().filename().string());
    // ESRCH: no such process. A pid taken by another process since keeps its
    // folder until that one ends too: never remove what may be in use.
    if (pid == 0 || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    if (fs::remove_all(entry.path(), ignored) > 0) removed.push_back(entry.path());
  }
  return removed;
}

}  // namespace leakrig::edge
