#include "run_folder/suite_summary.h"

#include <fmt/format.h>

namespace leakrig::run_folder {
namespace {

using Json = nlohmann::json;

// Reads typed fields of one JSON object; the first problem is kept and named.
class FieldReader {
 public:
  FieldReader(const Json& object, std::string where, std::string* error)
      : object_(object), where_(std::move(where)), error_(error) {}

  const Json* Get(const char* key, Json::value_t type) {
    if (!error_->empty()) return nullptr;
    auto it = object_.find(key);
    const bool same = it != object_.end() &&
                      (it->type() == type || (type == Json::value_t::number_integer && it->is_number_integer()));
    if (!same) {
      *error_ = fmt::format("{}: \"{}\" is {}", where_, key, it == object_.end() ? "missing" : "of the wrong type");
      return nullptr;
    }
    return &*it;
  }
  std::string String(const char* key) {
    const Json* value = Get(key, Json::value_t::string);
    return value ? value->get<std::string>() : "";
  }
  // A string that may be null: what leakrig did not learn.
  std::string StringOrNull(const char* key) {
    auto it = object_.find(key);
    return it != object_.end() && it->is_null() ? "" : String(key);
  }
  bool Bool(const char* key) {
    const Json* value = Get(key, Json::value_t::boolean);
    return value && value->get<bool>();
  }
  int Int(const char* key) {
    const Json* value = Get(key, Json::value_t::number_integer);
    return value ? value->get<int>() : 0;
  }
  std::vector<std::string> Strings(const char* key) {
    std::vector<std::string> out;
    const Json* list = Get(key, Json::value_t::array);
    for (size_t i = 0; list && i < list->size() && error_->empty(); ++i) {
      if (!(*list)[i].is_string()) *error_ = fmt::format("{}: \"{}\"[{}] is not a string", where_, key, i);
      if (error_->empty()) out.push_back((*list)[i].get<std::string>());
    }
    return out;
  }
  verdict::Verdict Verdict(const char* key) {
    const std::string name = String(key);
    auto verdict = verdict::ParseVerdict(name);
    if (!verdict && error_->empty()) *error_ = fmt::format("{}: \"{}\" is not a verdict: \"{}\"", where_, key, name);
    return verdict.value_or(verdict::Verdict::kError);
  }

 private:
  const Json& object_;
  std::string where_;
  std::string* error_;
};

std::optional<Json> ParseObject(std::string_view text, std::string* error) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    *error = json.is_discarded() ? "not JSON" : "not a JSON object";
    return std::nullopt;
  }
  return json;
}

void ReadSelection(const Json& summary, std::string* error, RunSelection* selection) {
  if (!summary.contains("selection")) {
    *error = "it has no \"selection\" (a summary of `watch`, or of a leakrig older than `suite --shard`)";
    return;
  }
  FieldReader fields(summary, "summary.json", error);
  selection->variants = fields.Strings("selection");
  selection->catalog = fields.String("catalog");
  selection->catalog_errors = fields.Strings("catalog_errors");
  const Json* shard = fields.Get("shard", Json::value_t::object);
  if (!shard) return;
  FieldReader shard_fields(*shard, "summary.json: shard", error);
  selection->shard_index = shard_fields.Int("index");
  selection->shard_count = shard_fields.Int("count");
}

}  // namespace

void AddSelection(const RunSelection& selection, nlohmann::ordered_json* summary) {
  (*summary)["catalog"] = selection.catalog;
  (*summary)["catalog_errors"] = selection.catalog_errors;
  (*summary)["selection"] = selection.variants;
  (*summary)["shard"] = {{"index", selection.shard_index}, {"count", selection.shard_count}};
}

std::optional<SuiteSummary> ParseSuiteSummary(std::string_view json_text, std::string* error) {
  std::optional<Json> json = ParseObject(json_text, error);
  if (!json) return std::nullopt;
  SuiteSummary summary;
  ReadSelection(*json, error, &summary.selection);
  FieldReader fields(*json, "summary.json", error);
  summary.complete = fields.Bool("complete");
  summary.go = {fields.StringOrNull("go_version"), fields.StringOrNull("go_leak_profile")};
  const Json* rows = fields.Get("results", Json::value_t::array);
  for (size_t i = 0; rows && i < rows->size() && error->empty(); ++i) {
    const Json& row = (*rows)[i];
    if (!row.is_object()) *error = fmt::format("summary.json: results[{}] is not an object", i);
    if (!error->empty()) break;
    FieldReader row_fields(row, fmt::format("summary.json: results[{}]", i), error);
    verdict::VariantResult& r = summary.results.emplace_back();
    r.go = summary.go;
    r.scenario = row_fields.String("scenario");
    r.variant = row_fields.String("variant");
    r.expected = row_fields.Verdict("expected");
    r.verdict = row_fields.Verdict("verdict");
    r.passed = row_fields.Bool("passed");
    r.reason = row_fields.String("reason");
    summary.verdict_files.push_back(row_fields.String("verdict_file"));
  }
  if (!error->empty()) return std::nullopt;
  return summary;
}

std::string ReadVerdictSeries(std::string_view json_text, verdict::VariantResult* result) {
  std::string error;
  std::optional<Json> json = ParseObject(json_text, &error);
  if (!json) return error;
  FieldReader fields(*json, "verdict.json", &error);
  const std::string scenario = fields.String("scenario"), variant = fields.String("variant");
  const Json* goroutines = fields.Get("goroutines", Json::value_t::object);
  if (!error.empty()) return error;
  if (scenario != result->scenario || variant != result->variant) {
    return fmt::format("verdict.json is {}/{}'s, not {}/{}'s", scenario, variant, result->scenario, result->variant);
  }
  const Json* series = FieldReader(*goroutines, "verdict.json: goroutines", &error).Get("series", Json::value_t::array);
  for (size_t i = 0; series && i < series->size(); ++i) {
    const Json& point = (*series)[i];
    if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_number_integer()) {
      return fmt::format("verdict.json: goroutines.series[{}] is not [seconds, count]", i);
    }
    result->series.samples.push_back({point[0].get<double>(), point[1].get<int64_t>()});
  }
  return error;
}

}  // namespace leakrig::run_folder
