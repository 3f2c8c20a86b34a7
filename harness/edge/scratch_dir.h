// Data folders for the processes leakrig starts (a PostgreSQL's cluster), in
// the temporary folder ($TMPDIR, else /tmp) rather than the run folder: a
// dependency may run as another user, who can enter /tmp but perhaps not the
// folders above the run folder (a home folder is 0700).
//
// Each is named after the leakrig process that made it,
// "leakrig-data-<pid>-<name>-XXXXXX", so that one left by a leakrig that was
// killed (SIGKILL leaves no chance to remove it) is known as stale once that
// process is gone, and removed by the next run.
#ifndef LEAKRIG_EDGE_SCRATCH_DIR_H_
#define LEAKRIG_EDGE_SCRATCH_DIR_H_

#include <filesystem>
#include <string>
#include <vector>

namespace leakrig::edge {

// Makes a new, empty folder, mode 0700, for `name`. Returns an error, "" on success.
std::string MakeScratchDir(const std::string& name, std::filesystem::path* dir);

// Removes every scratch folder whose leakrig process is gone; returns them.
std::vector<std::filesystem::path> RemoveStaleScratchDirs();

// The pid in a scratch folder's name, or 0 when the name is not one.
int ScratchDirOwner(const std::string& folder_name);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_SCRATCH_DIR_H_
