// Writing results: atomically, so that a reader never sees half a file.
#ifndef LEAKRIG_EDGE_FILES_H_
#define LEAKRIG_EDGE_FILES_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace leakrig::edge {

// kDurable fsyncs the file before the rename, so that it also survives a
// crash of the machine. kAtomicOnly leaves the flush to the kernel: for files
// written on a timed path, such as the sampler's snapshots, where one fsync
// waited up to 1.5 s behind the other writes on the disk (measured in the suite).
enum class Durability { kDurable, kAtomicOnly };

// Writes `content` to a temporary file beside `path`, then renames it into
// place. Returns an error message, empty on success.
std::string WriteFileAtomic(const std::filesystem::path& path, std::string_view content,
                            Durability durability = Durability::kDurable);

// The running binary's path (/proc/self/exe); empty when it cannot be read.
std::filesystem::path RunningExecutable();

// Reads a whole file, or "-" for stdin. Returns false and sets *error on failure.
bool ReadFile(const std::string& path, std::string* content, std::string* error);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_FILES_H_
