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

inline uint64_t Load64(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

inline uint64_t Load32(const char* p) {
  uint32_t word;
  std::memcpy(&word, p, 4);
  return word;
}

// The last 1-8 bytes of the `n` (> 0) at `p` as one word, read whole:
// copying them byte by byte into a word stalls the load that follows (no
// store forwarding), which cost a third of interning a frame. `total` bytes
// end at p + n, so with 8 or more the word overlaps bytes already hashed.
inline uint64_t LoadTail(const char* p, size_t n, size_t total) {
  if (total >= 8) return Load64(p + n - 8);
  if (n >= 4) return Load32(p) << 32 | Load32(p + n - 4);
  const auto byte = [&](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
  return byte(0) << 16 | byte(n / 2) << 8 | byte(n - 1);
}

// Hashes bytes eight at a time; a dump hashes every frame line, so this runs
// at memory speed rather than byte-at-a-time like FNV.
inline uint64_t HashBytes(std::string_view bytes, uint64_t seed) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t h = seed ^ (bytes.size() * kMul);
  const char* p = bytes.data();
  size_t n = bytes.size();
  while (n > 8) {
    h = HashMix(h ^ Load64(p), kMul);
    p += 8;
    n -= 8;
  }
  const uint64_t tail = n > 0 ? LoadTail(p, n, bytes.size()) : 0;
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
