#include "alloc_counter.h"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace leakrig::bench {
namespace {

std::atomic<size_t> g_live{0};
std::atomic<size_t> g_peak{0};

void* Allocate(size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  const size_t live = g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
  size_t peak = g_peak.load(std::memory_order_relaxed);
  while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
  }
  return p;
}

void Release(void* p) {
  if (p == nullptr) return;
  g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
  std::free(p);
}

}  // namespace

size_t LiveHeapBytes() { return g_live.load(); }
size_t PeakHeapBytes() { return g_peak.load(); }
void ResetPeakHeapBytes() { g_peak.store(g_live.load()); }

}  // namespace leakrig::bench

void* operator new(size_t size) { return leakrig::bench::Allocate(size); }
void* operator new[](size_t size) { return leakrig::bench::Allocate(size); }
void operator delete(void* p) noexcept { leakrig::bench::Release(p); }
void operator delete[](void* p) noexcept { leakrig::bench::Release(p); }
void operator delete(void* p, size_t) noexcept { leakrig::bench::Release(p); }
void operator delete[](void* p, size_t) noexcept { leakrig::bench::Release(p); }
// The nothrow forms too (std::stable_sort's temporary buffer uses them):
// every allocation must pair with the delete above, or a sanitizer's
// allocator would be handed memory it never gave out.
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  try {
    return leakrig::bench::Allocate(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p, const std::nothrow_t&) noexcept { leakrig::bench::Release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { leakrig::bench::Release(p); }
