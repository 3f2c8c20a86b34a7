#include "report/folded.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace leakrig::report {
namespace {

// ';' separates frames, so it may not appear inside one. Spaces may: the
// count is whatever follows the last space ("[chan send] 12").
std::string CleanFrame(std::string_view frame) {
  std::string out(frame);
  std::replace(out.begin(), out.end(), ';', ':');
  return out;
}

std::string FoldedLine(const profile::Group& group) {
  std::string line;
  for (auto it = group.stack.rbegin(); it != group.stack.rend(); ++it) {
    if (!line.empty()) line += ';';
    line += CleanFrame(*it);
  }
  if (!group.wait_reason.empty()) {
    if (!line.empty()) line += ';';
    line += CleanFrame("[" + group.wait_reason + "]");
  }
  return line.empty() ? "[no stack]" : line;
}

}  // namespace

std::string FoldStacks(const std::vector<profile::Group>& groups) {
  // Groups that differ only in labels fold to the same line: add them up.
  std::map<std::string, int64_t> counts;
  for (const profile::Group& g : groups) counts[FoldedLine(g)] += g.count;
  std::string out;
  for (const auto& [line, count] : counts) out += fmt::format("{} {}\n", line, count);
  return out;
}

}  // namespace leakrig::report
