#include "scenario/manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <toml++/toml.h>

namespace leakrig::scenario {
namespace {

class Reader {
 public:
  Reader(std::string_view origin, std::vector<ManifestError>* errors) : origin_(origin), errors_(errors) {}

  void Error(std::string_view field, std::string message) {
    errors_->push_back({fmt::format("{}: {}", origin_, field), std::move(message)});
  }

  std::string String(const toml::table& t, std::string_view key, std::string_view field, bool required) {
    const toml::node* node = t.get(key);
    if (!node) {
      if (required) Error(field, "is required");
      return "";
    }
    if (auto v = node->value<std::string>()) return *v;
    Error(field, "must be a string");
    return "";
  }

  template <typename T>
  void Number(const toml::table& t, std::string_view key, std::string_view field, T min, T* out) {
    const toml::node* node = t.get(key);
    if (!node) return;
    auto v = node->value<double>();  // accepts integers too
    if (!v) return Error(field, "must be a number");
    if (*v < static_cast<double>(min)) return Error(field, fmt::format("must be at least {}", min));
    *out = static_cast<T>(*v);
  }

  std::vector<std::string> Strings(const toml::table& t, std::string_view key, std::string_view field) {
    std::vector<std::string> out;
    const toml::node* node = t.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) {
      Error(field, "must be an array of strings");
      return out;
    }
    for (const toml::node& item : *array) {
      if (auto v = item.value<std::string>()) out.push_back(*v);
      else Error(field, "must contain only strings");
    }
    return out;
  }

  const toml::table* Table(const toml::table& t, std::string_view key, std::string_view field) {
    const toml::node* node = t.get(key);
    if (!node) return nullptr;
    if (!node->is_table()) Error(field, "must be a table");
    return node->as_table();
  }

 private:
  std::string_view origin_;
  std::vector<ManifestError>* errors_;
};

void ReadLoad(Reader& r, const toml::table& root, LoadSpec* load) {
  const toml::table* t = r.Table(root, "load", "load");
  if (!t) return;
  r.Number(*t, "concurrency", "load.concurrency", 1, &load->concurrency);
  r.Number(*t, "duration_seconds", "load.duration_seconds", 0.0, &load->duration_seconds);
  r.Number(*t, "requests", "load.requests", 0LL, &load->requests);
  r.Number(*t, "rate", "load.rate", 0.0, &load->rate);
  if (const toml::node* node = t->get("accept_status")) {
    const toml::array* statuses = node->as_array();
    if (!statuses) r.Error("load.accept_status", "must be an array of HTTP status codes");
    for (size_t i = 0; statuses && i < statuses->size(); ++i) {
      auto status = (*statuses)[i].value<int64_t>();
      if (status && *status >= 100 && *status <= 599) load->accept_status.push_back(static_cast<int>(*status));
      else r.Error("load.accept_status", "must contain HTTP status codes (100 to 599)");
    }
  }
  if (load->duration_seconds <= 0 && load->requests <= 0) {
    r.Error("load", "needs duration_seconds or requests above 0, or the load would never end");
  }
}

void ReadTiming(Reader& r, const toml::table& root, Timing* timing) {
  const toml::table* t = r.Table(root, "timing", "timing");
  if (!t) return;
  r.Number(*t, "baseline_seconds", "timing.baseline_seconds", 0.0, &timing->baseline_seconds);
  r.Number(*t, "drain_seconds", "timing.drain_seconds", 0.0, &timing->drain_seconds);
  r.Number(*t, "interval_seconds", "timing.interval_seconds", 0.01, &timing->interval_seconds);
  r.Number(*t, "startup_timeout_seconds", "timing.startup_timeout_seconds", 0.1, &timing->startup_timeout_seconds);
}

void ReadSuspect(Reader& r, const toml::table& t, const std::string& field, verdict::ExpectedSuspect* suspect) {
  suspect->function_regex = r.String(t, "suspect_function", field + ".suspect_function", false);
  suspect->wait_reasons = r.Strings(t, "suspect_wait", field + ".suspect_wait");
  try {
    std::regex check(suspect->function_regex);
  } catch (const std::regex_error& e) {
    r.Error(field + ".suspect_function", fmt::format("is not a valid regular expression: {}", e.what()));
  }
}

VariantSpec ReadVariant(Reader& r, std::string name, const toml::table& t) {
  std::string field = "variants." + name;
  VariantSpec v;
  v.name = std::move(name);
  if (!IsSafeName(v.name)) r.Error(field, "variant names must match [a-z0-9][a-z0-9_-]*");
  std::string expected = r.String(t, "expected", field + ".expected", true);
  if (auto parsed = verdict::ParseVerdict(expected);
      parsed && *parsed != verdict::Verdict::kError && *parsed != verdict::Verdict::kSkipped) {
    v.expected = *parsed;
  } else if (!expected.empty()) {
    r.Error(field + ".expected", fmt::format("is \"{}\"; want leak, lingering or clean", expected));
  }
  v.flags = r.Strings(t, "flags", field + ".flags");
  if (!t.contains("flags")) v.flags = {"-variant=" + v.name};
  std::string judge = r.String(t, "judge", field + ".judge", false);
  if (judge == "heap") v.judge = Judge::kHeap;
  else if (!judge.empty() && judge != "goroutines") r.Error(field + ".judge", "want goroutines or heap");
  if (const toml::table* env = r.Table(t, "env", field + ".env")) {
    for (const auto& [key, value] : *env) {
      if (auto s = value.value<std::string>()) v.env[std::string(key.str())] = *s;
      else r.Error(fmt::format("{}.env.{}", field, key.str()), "must be a string");
    }
  }
  ReadSuspect(r, t, field, &v.suspect);
  return v;
}

// leaky first, then fixed, then any others by name: the order runs are shown in.
int VariantRank(const std::string& name) { return name == "leaky" ? 0 : name == "fixed" ? 1 : 2; }

void ReadVariants(Reader& r, const toml::table& root, std::vector<VariantSpec>* variants) {
  const toml::table* t = r.Table(root, "variants", "variants");
  if (!t || t->empty()) return r.Error("variants", "at least one [variants.NAME] table is required");
  for (const auto& [key, node] : *t) {
    std::string name(key.str());
    if (const toml::table* vt = node.as_table()) variants->push_back(ReadVariant(r, name, *vt));
    else r.Error("variants." + name, "must be a table");
  }
  std::stable_sort(variants->begin(), variants->end(), [](const VariantSpec& a, const VariantSpec& b) {
    return std::pair(VariantRank(a.name), a.name) < std::pair(VariantRank(b.name), b.name);
  });
}

void ReadTopLevel(Reader& r, const toml::table& root, Scenario* s) {
  s->name = r.String(root, "name", "name", true);
  s->pattern = r.String(root, "pattern", "pattern", true);
  s->fixture = r.String(root, "fixture", "fixture", true);
  s->source = r.String(root, "source", "source", false);
  s->upstream = r.String(root, "upstream", "upstream", false);
  if (root.contains("path")) s->path = r.String(root, "path", "path", true);
  if (!s->name.empty() && !IsSafeName(s->name)) r.Error("name", "must match [a-z0-9][a-z0-9_-]*");
  if (!s->fixture.empty() && !IsSafeName(s->fixture)) r.Error("fixture", "must match [a-z0-9][a-z0-9_-]*");
  if (!s->upstream.empty() && !IsSafeName(s->upstream)) r.Error("upstream", "must match [a-z0-9][a-z0-9_-]*");
  if (s->path.empty() || s->path[0] != '/') r.Error("path", "must start with /");
  if (s->source.find("..") != std::string::npos || (!s->source.empty() && s->source[0] == '/')) {
    r.Error("source", "must be a path inside the repository");
  }
}

}  // namespace

bool IsSafeName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  auto plain = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!plain(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return plain(c) || c == '-' || c == '_'; });
}

const VariantSpec* Scenario::FindVariant(std::string_view wanted) const {
  for (const VariantSpec& v : variants) {
    if (v.name == wanted) return &v;
  }
  return nullptr;
}

ParsedManifest ParseManifest(std::string_view toml_text, std::string_view origin) {
  ParsedManifest out;
  toml::table root;
  try {  // the packaged toml++ is built with exceptions; they stop here
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    out.errors.push_back({fmt::format("{}:{}:{}", origin, e.source().begin.line, e.source().begin.column),
                          std::string(e.description())});
    return out;
  }
  Reader r(origin, &out.errors);
  Scenario s;
  ReadTopLevel(r, root, &s);
  ReadLoad(r, root, &s.load);
  ReadTiming(r, root, &s.timing);
  ReadVariants(r, root, &s.variants);
  if (out.errors.empty()) out.scenario = std::move(s);
  return out;
}

}  // namespace leakrig::scenario
