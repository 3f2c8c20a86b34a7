// The field readers every manifest shares (the catalog's scenarios and a
// service's leakrig.toml): each wrong field becomes one ManifestError and the
// reading goes on, so that a file's every problem is reported at once.
#ifndef LEAKRIG_SCENARIO_TOML_READER_H_
#define LEAKRIG_SCENARIO_TOML_READER_H_

#include <fmt/format.h>
#include <toml++/toml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/manifest.h"

namespace leakrig::scenario {

// Parses TOML text; on a syntax error appends it, with its line and column,
// to *errors and returns nullopt.
std::optional<toml::table> ParseToml(std::string_view text, std::string_view origin,
                                     std::vector<ManifestError>* errors);

class ManifestReader {
 public:
  ManifestReader(std::string_view origin, std::vector<ManifestError>* errors) : origin_(origin), errors_(errors) {}

  // "origin: field": for a field that is missing.
  void Error(std::string_view field, std::string message);
  // "origin:LINE: field": for a field that is there but wrong.
  void ErrorAt(const toml::node& node, std::string_view field, std::string message);

  std::string String(const toml::table& t, std::string_view key, std::string_view field, bool required);
  std::vector<std::string> Strings(const toml::table& t, std::string_view key, std::string_view field);
  // A table of strings, `env = { K = "v" }`.
  std::map<std::string, std::string> StringMap(const toml::table& t, std::string_view key, std::string_view field);
  const toml::table* Table(const toml::table& t, std::string_view key, std::string_view field);

  template <typename T>
  void Number(const toml::table& t, std::string_view key, std::string_view field, T min, T* out) {
    const toml::node* node = t.get(key);
    if (!node) return;
    auto v = node->value<double>();  // accepts integers too
    if (!v) return ErrorAt(*node, field, "must be a number");
    if (*v < static_cast<double>(min)) return ErrorAt(*node, field, fmt::format("must be at least {}", min));
    *out = static_cast<T>(*v);
  }

 private:
  std::string_view origin_;
  std::vector<ManifestError>* errors_;
};

// Parses `text` and reads its fields into a T with `read(reader, root, &t)`.
// The T is returned only when the file has no error at all; every error,
// syntax or field, is appended to *errors.
template <typename T, typename Read>
std::optional<T> ReadManifest(std::string_view text, std::string_view origin, Read read,
                              std::vector<ManifestError>* errors) {
  std::optional<toml::table> root = ParseToml(text, origin, errors);
  if (!root) return std::nullopt;
  ManifestReader reader(origin, errors);
  T value;
  read(reader, *root, &value);
  if (!errors->empty()) return std::nullopt;
  return value;
}

// [load]: concurrency, duration_seconds, requests, rate, request_timeout_seconds, accept_status.
void ReadLoad(ManifestReader& r, const toml::table& root, LoadSpec* load);
// [timing]: baseline, drain, interval and startup timeout, in seconds.
void ReadTiming(ManifestReader& r, const toml::table& root, Timing* timing);
// `judge = "goroutines"` or `"heap"` in table `t`.
void ReadJudge(ManifestReader& r, const toml::table& t, const std::string& field, Judge* judge);

}  // namespace leakrig::scenario

#endif  // LEAKRIG_SCENARIO_TOML_READER_H_
