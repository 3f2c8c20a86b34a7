#include "profile/go_quote.h"

#include <algorithm>
#include <cstdint>

#include "text/text_scan.h"

namespace leakrig::profile {

using text::ConsumePrefix;
using text::TrimSpace;

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ConsumeHex(std::string_view* text, size_t digits, uint32_t* value) {
  if (text->size() < digits) return false;
  uint32_t v = 0;
  for (size_t i = 0; i < digits; ++i) {
    const int d = HexValue((*text)[i]);
    if (d < 0) return false;
    v = v * 16 + static_cast<uint32_t>(d);
  }
  text->remove_prefix(digits);
  *value = v;
  return true;
}

void AppendUtf8(uint32_t rune, std::string* out) {
  if (rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF)) rune = 0xFFFD;
  if (rune < 0x80) {
    out->push_back(static_cast<char>(rune));
  } else if (rune < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (rune >> 6)));
    out->push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  } else if (rune < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (rune >> 12)));
    out->push_back(static_cast<char>(0x80 | ((rune >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (rune >> 18)));
    out->push_back(static_cast<char>(0x80 | ((rune >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((rune >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (rune & 0x3F)));
  }
}

char SimpleEscape(char c) {
  switch (c) {
    case 'a':
      return '\a';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    case '\\':
      return '\\';
    case '"':
      return '"';
    case '\'':
      return '\'';
    default:
      return 0;
  }
}

// Consumes the escape after a backslash.
bool ConsumeEscape(std::string_view* text, std::string* out) {
  if (text->empty()) return false;
  const char c = text->front();
  text->remove_prefix(1);
  if (const char simple = SimpleEscape(c); simple != 0) {
    out->push_back(simple);
    return true;
  }
  uint32_t value = 0;
  switch (c) {
    case 'x':
      if (!ConsumeHex(text, 2, &value)) return false;
      out->push_back(static_cast<char>(value));
      return true;
    case 'u':
    case 'U':
      if (!ConsumeHex(text, c == 'u' ? 4 : 8, &value)) return false;
      AppendUtf8(value, out);
      return true;
    default:
      break;
  }
  if (c < '0' || c > '7' || text->size() < 2) return false;
  value = static_cast<uint32_t>(c - '0');
  for (int i = 0; i < 2; ++i) {
    const char d = text->front();
    if (d < '0' || d > '7') return false;
    value = value * 8 + static_cast<uint32_t>(d - '0');
    text->remove_prefix(1);
  }
  out->push_back(static_cast<char>(value & 0xFF));
  return true;
}

void SkipSpaces(std::string_view* text) {
  while (!text->empty() && text->front() == ' ') text->remove_prefix(1);
}

// The end of the quoted string that starts at text[open], or npos.
size_t ClosingQuote(std::string_view text, size_t open) {
  for (size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i;
    }
  }
  return text.npos;
}

// A bare key or value (Go 1.27): Go prints only [A-Za-z0-9./_] bare, but any
// byte that cannot end the token is accepted, for a Go that quotes less.
void ConsumeBare(std::string_view* text, std::string* out) {
  const size_t end = std::min(text->find_first_of(" \",:{}"), text->size());
  out->append(text->substr(0, end));
  text->remove_prefix(end);
}

bool ConsumeLabelToken(std::string_view* text, std::string* out) {
  if (text->starts_with('"')) return ConsumeGoQuoted(text, out);
  ConsumeBare(text, out);
  return true;
}

}  // namespace

bool ConsumeGoQuoted(std::string_view* text, std::string* out) {
  std::string_view rest = *text;
  if (!ConsumePrefix(&rest, "\"")) return false;
  while (!rest.empty()) {
    const char c = rest.front();
    rest.remove_prefix(1);
    if (c == '"') {
      *text = rest;
      return true;
    }
    if (c != '\\') {
      out->push_back(c);
    } else if (!ConsumeEscape(&rest, out)) {
      return false;
    }
  }
  return false;
}

bool ConsumeLabelSetText(std::string_view* text, std::string_view* set) {
  if (!text->starts_with('{')) return false;
  for (size_t i = 1; i < text->size(); ++i) {
    const char c = (*text)[i];
    if (c == '"') {
      i = ClosingQuote(*text, i);
      if (i == text->npos) return false;
    } else if (c == '}') {
      *set = text->substr(0, i + 1);
      text->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

bool ParseLabelSet(std::string_view text, LabelPairs* labels, std::string* error) {
  if (!ConsumePrefix(&text, "{")) {
    *error = "label set does not start with '{'";
    return false;
  }
  SkipSpaces(&text);
  if (ConsumePrefix(&text, "}")) return true;
  while (true) {
    std::string key, value;
    SkipSpaces(&text);
    if (!ConsumeLabelToken(&text, &key)) break;
    SkipSpaces(&text);
    if (!ConsumePrefix(&text, ":")) break;
    SkipSpaces(&text);
    if (!ConsumeLabelToken(&text, &value)) break;
    labels->emplace_back(std::move(key), std::move(value));
    SkipSpaces(&text);
    if (ConsumePrefix(&text, "}")) {
      if (TrimSpace(text).empty()) return true;
      break;
    }
    if (!ConsumePrefix(&text, ",")) break;
  }
  *error = "malformed label set near \"" + std::string(text.substr(0, 20)) + "\"";
  return false;
}

}  // namespace leakrig::profile
