// Where leakrig finds its data (the catalog, the fixtures' Go module and the
// report scripts) and where it writes by default. Everything is found relative
// to the running binary, never through a path compiled into it: a checkout may
// move, and an installed copy works from any folder.
#ifndef LEAKRIG_EDGE_DATA_LOCATION_H_
#define LEAKRIG_EDGE_DATA_LOCATION_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace leakrig::edge {

// The two places a leakrig binary sits in.
enum class Layout {
  // <repo>/<build>/leakrig: the data is the checkout itself; fixtures are
  // built into <build>/fixtures and results go to <repo>/results.
  kCheckout,
  // <prefix>/bin/leakrig with its data in <prefix>/share/leakrig, which may be
  // read-only: fixtures are built into the user's cache and results go to the
  // current folder. Also the choice for a binary whose data was not found,
  // since it writes nowhere near an unknown binary.
  kInstalled,
};

// Where the installed data lies, relative to the prefix.
inline constexpr std::string_view kInstalledDataDir = "share/leakrig";

// The user's folders, from the environment (CurrentUserFolders) or a test.
struct UserFolders {
  std::string xdg_cache_home;  // $XDG_CACHE_HOME; used only when absolute, as the XDG spec says
  std::string home;            // $HOME, else the passwd entry's home
};

struct DataLocation {
  Layout layout = Layout::kInstalled;
  // Holds scenarios/, go-fixtures/go.mod and scripts/report; empty when not
  // found, and then `error` says where leakrig looked and what to do.
  std::filesystem::path data_dir;
  std::string error;
  // Where fixture and service builds go: <build>/fixtures for a checkout,
  // $XDG_CACHE_HOME/leakrig/fixtures or ~/.cache/leakrig/fixtures otherwise.
  std::filesystem::path fixture_cache;
};

// Looks for the data of the binary at `executable` (an absolute path): first
// the installed layout, then a checkout whose build folder holds the binary.
DataLocation LocateData(const std::filesystem::path& executable, const UserFolders& user);

UserFolders CurrentUserFolders();

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_DATA_LOCATION_H_
