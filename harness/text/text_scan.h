// Line splitting and small string_view helpers shared by the text parsers
// (goroutine dumps in profile/, schedtrace and /proc lines in sweep/).
// Line ends are found 64 bytes at a time with SSE2 (memchr elsewhere).
#ifndef LEAKRIG_TEXT_TEXT_SCAN_H_
#define LEAKRIG_TEXT_TEXT_SCAN_H_

#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leakrig::text {

struct Line {
  std::string_view text;   // without the '\n' (and a '\r' before it)
  int64_t number = 0;      // 1-based
  bool terminated = true;  // false for a last line with no '\n': a cut dump
};

// Finds each '\n' in turn. A dump's lines average under 50 bytes, where a
// memchr call per line costs more than its scan: this keeps a bit mask of
// the newlines in a 64-byte block and takes them one by one.
class NewlineFinder {
 public:
  explicit NewlineFinder(std::string_view data) : data_(data) {}

  // The offset of the first '\n' at or after `from`, data.size() if none;
  // `from` must not decrease from call to call.
  size_t Next(size_t from) {
#if defined(__SSE2__)
    while (true) {
      while (mask_ != 0) {
        const size_t at = block_ + static_cast<size_t>(__builtin_ctzll(mask_));
        mask_ &= mask_ - 1;
        if (at >= from) return at;
      }
      if (block_ + 64 >= data_.size()) return data_.size();
      block_ += 64;
      mask_ = BlockMask(block_);
    }
#else
    const void* found = std::memchr(data_.data() + from, '\n', data_.size() - from);
    return found == nullptr ? data_.size() : static_cast<size_t>(static_cast<const char*>(found) - data_.data());
#endif
  }

 private:
#if defined(__SSE2__)
  // Bit i set: byte block+i is a '\n'. A last block shorter than 64 bytes
  // is copied out first, never read past the data.
  uint64_t BlockMask(size_t block) const {
    const char* p = data_.data() + block;
    alignas(16) char tail[64];
    if (data_.size() - block < 64) {
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, p, data_.size() - block);
      p = tail;
    }
    const __m128i newline = _mm_set1_epi8('\n');
    uint64_t mask = 0;
    for (int i = 0; i < 4; ++i) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      mask |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline))))
              << (16 * i);
    }
    return mask;
  }

  // The block whose newlines mask_ holds; it starts one block before the
  // data so that the first call loads block 0.
  size_t block_ = static_cast<size_t>(-64);
  uint64_t mask_ = 0;
#endif
  std::string_view data_;
};

class LineReader {
 public:
  // `lines_before`: the lines that came before `data` in its file, so that
  // a piece of a dump parsed apart still numbers its lines as the whole.
  explicit LineReader(std::string_view data, int64_t lines_before = 0)
      : data_(data), newlines_(data), number_(lines_before) {}

  bool Next(Line* line) {
    if (pos_ >= data_.size()) return false;
    const char* begin = data_.data() + pos_;
    const size_t end = newlines_.Next(pos_);
    size_t length = end - pos_;
    line->terminated = end < data_.size();
    pos_ = end + 1;
    if (length > 0 && begin[length - 1] == '\r') --length;
    line->text = std::string_view(begin, length);
    line->number = ++number_;
    return true;
  }

 private:
  std::string_view data_;
  NewlineFinder newlines_;
  size_t pos_ = 0;
  int64_t number_ = 0;
};

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses a whole non-negative decimal; false on empty, junk or overflow.
inline bool ParseDecimal(std::string_view text, int64_t* value) {
  if (text.empty() || text.size() > 18) return false;
  int64_t v = 0;
  for (char c : text) {
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return true;
}

// Consumes leading decimal digits from *text into *value.
inline bool ConsumeDecimal(std::string_view* text, int64_t* value) {
  size_t n = 0;
  while (n < text->size() && IsDigit((*text)[n])) ++n;
  if (!ParseDecimal(text->substr(0, n), value)) return false;
  text->remove_prefix(n);
  return true;
}

inline bool ConsumePrefix(std::string_view* text, std::string_view prefix) {
  if (!text->starts_with(prefix)) return false;
  text->remove_prefix(prefix.size());
  return true;
}

inline bool ConsumeSuffix(std::string_view* text, std::string_view suffix) {
  if (!text->ends_with(suffix)) return false;
  text->remove_suffix(suffix.size());
  return true;
}

inline std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace leakrig::text

#endif  // LEAKRIG_TEXT_TEXT_SCAN_H_
