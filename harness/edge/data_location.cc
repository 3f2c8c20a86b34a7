#include "edge/data_location.h"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace leakrig::edge {
namespace fs = std::filesystem;
namespace {

// The first part of leakrig's data that `dir` lacks; empty when it has all.
std::string MissingPart(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "does not exist";
  if (!fs::is_directory(dir / "scenarios", ec)) return "has no scenarios/";
  if (!fs::is_regular_file(dir / "go-fixtures" / "go.mod", ec)) return "has no go-fixtures/go.mod";
  if (!fs::is_regular_file(dir / "scripts" / "report", ec)) return "has no scripts/report";
  return "";
}

fs::path UserCache(const UserFolders& user) {
  if (!user.xdg_cache_home.empty() && fs::path(user.xdg_cache_home).is_absolute()) {
    return fs::path(user.xdg_cache_home) / "leakrig" / "fixtures";
  }
  if (!user.home.empty()) return fs::path(user.home) / ".cache" / "leakrig" / "fixtures";
  return {};
}

}  // namespace

DataLocation LocateData(const fs::path& executable, const UserFolders& user) {
  DataLocation location;
  const fs::path bin = executable.parent_path();
  const fs::path installed = bin.parent_path() / kInstalledDataDir;
  const fs::path checkout = bin.parent_path();
  const std::string installed_missing = MissingPart(installed);
  if (installed_missing.empty()) {
    location.data_dir = installed;
  } else if (MissingPart(checkout).empty()) {
    location.layout = Layout::kCheckout;
    location.data_dir = checkout;
    location.fixture_cache = bin / "fixtures";
    return location;
  } else {
    location.error = fmt::format(
        "leakrig's data folder is missing: an installed copy keeps it in {}, which {}; nor is {} a checkout "
        "(with scenarios/, go-fixtures/ and scripts/report). Install again with `cmake --install BUILD --prefix {}`, "
        "or name a checkout with --root DIR or LEAKRIG_ROOT=DIR",
        installed.string(), installed_missing, checkout.string(), checkout.string());
  }
  location.fixture_cache = UserCache(user);
  return location;
}

UserFolders CurrentUserFolders() {
  UserFolders user;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME")) user.xdg_cache_home = xdg;
  if (const char* home = std::getenv("HOME")) user.home = home;
  if (user.home.empty()) {
    // A service account run without HOME still has a passwd entry.
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(::getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_dir) {
      user.home = found->pw_dir;
    }
  }
  return user;
}

}  // namespace leakrig::edge
