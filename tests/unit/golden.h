// Golden-file checks: compare a rendering with a checked-in expected file,
// print a line diff on mismatch, and rewrite the file instead when
// LEAKRIG_UPDATE_GOLDEN=1 is set. Shared by the unit tests of every library.

#ifndef LEAKRIG_TESTS_UNIT_GOLDEN_H_
#define LEAKRIG_TESTS_UNIT_GOLDEN_H_

#include <string>
#include <string_view>

namespace leakrig::golden {

// The whole file as bytes; "" (and a test failure) when unreadable.
std::string ReadFileOrFail(const std::string& path);

// A unified-style line diff of want and got, for failure messages.
std::string LineDiff(std::string_view want, std::string_view got);

// Checks `got` against the file at `path`, or rewrites it in update mode.
void ExpectMatchesGolden(const std::string& path, const std::string& got);

}  // namespace leakrig::golden

#endif  // LEAKRIG_TESTS_UNIT_GOLDEN_H_
