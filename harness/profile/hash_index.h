// A small open-addressing index used to intern strings, frames and stacks
// while parsing. It maps a 64-bit hash to a dense id and leaves key storage
// and equality to the caller, so one index type serves every interned kind.

#ifndef LEAKRIG_PROFILE_HASH_INDEX_H_
#define LEAKRIG_PROFILE_HASH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace leakrig::profile {

__extension__ typedef unsigned __int128 HashWide;

// Folds the 128-bit product of a and b: the core step of wyhash-style hashes.
inline uint64_t HashMix(uint64_t a, uint64_t b) {
  const HashWide product = static_cast<HashWide>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

// Hashes bytes eight at a time; a dump hashes every frame line, so this runs
// at memory speed rather than byte-at-a-time like FNV.
inline uint64_t HashBytes(std::string_view bytes, uint64_t seed) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t h = seed ^ (bytes.size() * kMul);
  const char* p = bytes.data();
  size_t n = bytes.size();
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = HashMix(h ^ word, kMul);
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  if (n > 0) std::memcpy(&tail, p, n);
  return HashMix(h ^ tail, 0xBF58476D1CE4E5B9ULL);
}

inline uint64_t HashInt(uint64_t value, uint64_t seed) { return HashMix(value ^ seed, 0x94D049BB133111EBULL); }

// Maps hashes to dense ids (0, 1, 2, ...) made by the caller. Invariant: the
// table is at most half full, so a probe ends at an empty slot within a few
// steps.
class HashIndex {
 public:
  HashIndex() : slots_(kInitialSlots) {}

  // Returns the id of an entry with this hash for which `equal(id)` holds;
  // otherwise stores and returns `make()`.
  template <typename Equal, typename Make>
  uint32_t FindOrInsert(uint64_t hash, Equal&& equal, Make&& make) {
    const uint32_t tag = static_cast<uint32_t>(hash >> 32);
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id_plus_one == 0) {
        const uint32_t id = make();
        slot = Slot{tag, id + 1};
        if (hashes_.size() <= id) hashes_.resize(id + 1);
        hashes_[id] = hash;
        if (++size_ * 2 > slots_.size()) Grow();
        return id;
      }
      if (slot.tag == tag && equal(slot.id_plus_one - 1)) {
        return slot.id_plus_one - 1;
      }
    }
  }

 private:
  struct Slot {
    uint32_t tag = 0;
    uint32_t id_plus_one = 0;
  };
  static constexpr size_t kInitialSlots = 1024;

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.id_plus_one == 0) continue;
      const uint64_t hash = hashes_[slot.id_plus_one - 1];
      size_t i = hash & mask;
      while (slots_[i].id_plus_one != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::vector<uint64_t> hashes_;  // by id, to re-place entries on Grow
  size_t size_ = 0;
};

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_HASH_INDEX_H_
