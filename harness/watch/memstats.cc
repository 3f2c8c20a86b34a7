#include "watch/memstats.h"

#include <charconv>

namespace leakrig::watch {
namespace {

// The number after "<key>" at the start of a line, e.g. key "\n# Stack = ".
std::optional<int64_t> NumberAfter(std::string_view text, std::string_view key) {
  const size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  const char* begin = text.data() + at + key.size();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || end == begin) return std::nullopt;
  return value;
}

}  // namespace

std::optional<MemStats> ParseMemStats(std::string_view heap_debug1) {
  auto heap = NumberAfter(heap_debug1, "\n# HeapInuse = ");
  auto stack = NumberAfter(heap_debug1, "\n# Stack = ");
  if (!heap || !stack) return std::nullopt;
  return MemStats{*heap, *stack};
}

}  // namespace leakrig::watch
