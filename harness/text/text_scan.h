// Line splitting and small string_view helpers shared by the text parsers
// (goroutine dumps in profile/, schedtrace and /proc lines in sweep/).
// Lines are found with memchr, the fastest scan the standard library offers.
#ifndef LEAKRIG_TEXT_TEXT_SCAN_H_
#define LEAKRIG_TEXT_TEXT_SCAN_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace leakrig::text {

struct Line {
  std::string_view text;   // without the '\n' (and a '\r' before it)
  int64_t number = 0;      // 1-based
  bool terminated = true;  // false for a last line with no '\n': a cut dump
};

class LineReader {
 public:
  // `lines_before`: the lines that came before `data` in its file, so that
  // a piece of a dump parsed apart still numbers its lines as the whole.
  explicit LineReader(std::string_view data, int64_t lines_before = 0) : data_(data), number_(lines_before) {}

  bool Next(Line* line) {
    if (pos_ >= data_.size()) return false;
    const char* begin = data_.data() + pos_;
    const size_t left = data_.size() - pos_;
    const void* newline = std::memchr(begin, '\n', left);
    size_t length = left;
    line->terminated = newline != nullptr;
    if (newline != nullptr) length = static_cast<const char*>(newline) - begin;
    pos_ += length + 1;
    if (length > 0 && begin[length - 1] == '\r') --length;
    line->text = std::string_view(begin, length);
    line->number = ++number_;
    return true;
  }

 private:
  std::string_view data_;
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
