#include "scenario/toml_reader.h"

#include <fmt/format.h>

namespace leakrig::scenario {

std::optional<toml::table> ParseToml(std::string_view text, std::string_view origin,
                                     std::vector<ManifestError>* errors) {
  try {  // the packaged toml++ is built with exceptions; they stop here
    return toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    errors->push_back({fmt::format("{}:{}:{}", origin, e.source().begin.line, e.source().begin.column),
                       std::string(e.description())});
    return std::nullopt;
  }
}

void ManifestReader::Error(std::string_view field, std::string message) {
  errors_->push_back({fmt::format("{}: {}", origin_, field), std::move(message)});
}

void ManifestReader::ErrorAt(const toml::node& node, std::string_view field, std::string message) {
  errors_->push_back({fmt::format("{}:{}: {}", origin_, node.source().begin.line, field), std::move(message)});
}

std::string ManifestReader::String(const toml::table& t, std::string_view key, std::string_view field, bool required) {
  const toml::node* node = t.get(key);
  if (!node) {
    if (required) Error(field, "is required");
    return "";
  }
  if (auto v = node->value<std::string>()) return *v;
  ErrorAt(*node, field, "must be a string");
  return "";
}

std::vector<std::string> ManifestReader::Strings(const toml::table& t, std::string_view key, std::string_view field) {
  std::vector<std::string> out;
  const toml::node* node = t.get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) {
    ErrorAt(*node, field, "must be an array of strings");
    return out;
  }
  for (const toml::node& item : *array) {
    if (auto v = item.value<std::string>())
      out.push_back(*v);
    else
      ErrorAt(item, field, "must contain only strings");
  }
  return out;
}

std::map<std::string, std::string> ManifestReader::StringMap(const toml::table& t, std::string_view key,
                                                             std::string_view field) {
  std::map<std::string, std::string> out;
  const toml::table* table = Table(t, key, field);
  if (!table) return out;
  for (const auto& [name, value] : *table) {
    if (auto s = value.value<std::string>())
      out[std::string(name.str())] = *s;
    else
      ErrorAt(value, fmt::format("{}.{}", field, name.str()), "must be a string");
  }
  return out;
}

const toml::table* ManifestReader::Table(const toml::table& t, std::string_view key, std::string_view field) {
  const toml::node* node = t.get(key);
  if (!node) return nullptr;
  if (!node->is_table()) ErrorAt(*node, field, "must be a table");
  return node->as_table();
}

void ReadLoad(ManifestReader& r, const toml::table& root, LoadSpec* load) {
  const toml::table* t = r.Table(root, "load", "load");
  if (!t) return;
  r.Number(*t, "concurrency", "load.concurrency", 1, &load->concurrency);
  r.Number(*t, "duration_seconds", "load.duration_seconds", 0.0, &load->duration_seconds);
  r.Number(*t, "requests", "load.requests", 0LL, &load->requests);
  r.Number(*t, "rate", "load.rate", 0.0, &load->rate);
  r.Number(*t, "request_timeout_seconds", "load.request_timeout_seconds", 0.1, &load->request_timeout_seconds);
  if (const toml::node* node = t->get("accept_status")) {
    const toml::array* statuses = node->as_array();
    if (!statuses) r.ErrorAt(*node, "load.accept_status", "must be an array of HTTP status codes");
    for (size_t i = 0; statuses && i < statuses->size(); ++i) {
      auto status = (*statuses)[i].value<int64_t>();
      if (status && *status >= 100 && *status <= 599)
        load->accept_status.push_back(static_cast<int>(*status));
      else
        r.ErrorAt(*node, "load.accept_status", "must contain HTTP status codes (100 to 599)");
    }
  }
  if (load->duration_seconds <= 0 && load->requests <= 0) {
    r.ErrorAt(*t, "load", "needs duration_seconds or requests above 0, or the load would never end");
  }
}

void ReadTiming(ManifestReader& r, const toml::table& root, Timing* timing) {
  const toml::table* t = r.Table(root, "timing", "timing");
  if (!t) return;
  r.Number(*t, "baseline_seconds", "timing.baseline_seconds", 0.0, &timing->baseline_seconds);
  r.Number(*t, "drain_seconds", "timing.drain_seconds", 0.0, &timing->drain_seconds);
  r.Number(*t, "interval_seconds", "timing.interval_seconds", 0.01, &timing->interval_seconds);
  r.Number(*t, "startup_timeout_seconds", "timing.startup_timeout_seconds", 0.1, &timing->startup_timeout_seconds);
}

void ReadJudge(ManifestReader& r, const toml::table& t, const std::string& field, Judge* judge) {
  std::string name = r.String(t, "judge", field, false);
  if (name == "heap")
    *judge = Judge::kHeap;
  else if (!name.empty() && name != "goroutines")
    r.ErrorAt(*t.get("judge"), field, "want goroutines or heap");
}

}  // namespace leakrig::scenario
