// Go-quoted strings and the label sets built from them. The dump forms:
//   debug=1:             # labels: {"tenant":"a b", "worker":"w1"}
//   traceback, Go 1.26:  [select labels:{"tenant": "a b", "worker": "w1"}]:
//   traceback, Go 1.27:  [select] {tenant: "a b", worker: w1}:
// Go 1.27 quotes a key or value only when it holds a byte outside
// [A-Za-z0-9./_] (runtime.tracebackStringNeedsQuoting), so an empty one is
// printed as nothing: `{empty: , k: v}`.

#ifndef LEAKRIG_PROFILE_GO_QUOTE_H_
#define LEAKRIG_PROFILE_GO_QUOTE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leakrig::profile {

using LabelPairs = std::vector<std::pair<std::string, std::string>>;

// Consumes one double-quoted Go string literal from the front of *text and
// appends its value to *out. Understands strconv.Quote's escapes and the
// runtime's (\n \r \t \\ \" \xNN \uNNNN \UNNNNNNNN, plus \a \b \f \v, octal).
bool ConsumeGoQuoted(std::string_view* text, std::string* out);

// Splits the label set at the front of *text (from '{' to its closing '}',
// braces inside quoted strings skipped) into *set, without decoding it. False
// when the set is not closed. Allocates nothing; linear in the set's length.
bool ConsumeLabelSetText(std::string_view* text, std::string_view* set);

// Parses `{"k": "v", ...}` where each key and value is Go-quoted or bare
// (Go 1.27), possibly empty. On failure returns false and says why in *error.
bool ParseLabelSet(std::string_view text, LabelPairs* labels, std::string* error);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_GO_QUOTE_H_
