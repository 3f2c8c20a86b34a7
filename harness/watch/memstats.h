// The memory figures at the end of /debug/pprof/heap?debug=1, which prints
// runtime.MemStats as comment lines:
//
//   # HeapInuse = 958464
//   # Stack = 557056 / 557056

#ifndef LEAKRIG_WATCH_MEMSTATS_H_
#define LEAKRIG_WATCH_MEMSTATS_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace leakrig::watch {

struct MemStats {
  int64_t heap_inuse = 0;
  int64_t stack_inuse = 0;
  int64_t in_use() const { return heap_inuse + stack_inuse; }
};

// Nullopt when either line is missing or malformed.
std::optional<MemStats> ParseMemStats(std::string_view heap_debug1);

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_MEMSTATS_H_
