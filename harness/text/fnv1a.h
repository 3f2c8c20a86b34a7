// FNV-1a, 64 bit: a fingerprint of texts (the fixture cache key, a suite's
// catalog), not a security boundary. Header-only and pure, like text_scan.h.
#ifndef LEAKRIG_TEXT_FNV1A_H_
#define LEAKRIG_TEXT_FNV1A_H_

#include <cstdint>
#include <string_view>

namespace leakrig::text {

struct Fnv1a {
  uint64_t state = 0xcbf29ce484222325ull;
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      state ^= c;
      state *= 0x100000001b3ull;
    }
    state ^= 0xff;  // separator, so that ("ab","c") and ("a","bc") differ
    state *= 0x100000001b3ull;
  }
};

}  // namespace leakrig::text

#endif  // LEAKRIG_TEXT_FNV1A_H_
