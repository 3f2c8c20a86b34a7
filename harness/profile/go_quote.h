// Copyright leakrig authors.
//
// Go-quoted strings and the label sets built from them. Both dump forms
// quote keys and values the way Go does:
//   debug=1:    # labels: {"tenant":"a b", "worker":"w1"}
//   traceback:  [select labels:{"tenant": "a b", "worker": "w1"}]:

#ifndef LEAKRIG_HARNESS_PROFILE_GO_QUOTE_H_
#define LEAKRIG_HARNESS_PROFILE_GO_QUOTE_H_

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

// Parses `{"k": "v", ...}`. On failure returns false and says why in *error.
bool ParseLabelSet(std::string_view text, LabelPairs* labels,
                   std::string* error);

}  // namespace leakrig::profile

#endif  // LEAKRIG_HARNESS_PROFILE_GO_QUOTE_H_
