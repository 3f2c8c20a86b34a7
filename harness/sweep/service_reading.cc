#include "sweep/service_reading.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <vector>

namespace leakrig::sweep {
namespace {

using nlohmann::json;

// Fields after the command name, split on spaces: [0] is field 3, the state.
std::vector<std::string_view> FieldsAfterName(std::string_view text) {
  std::vector<std::string_view> fields;
  size_t close = text.rfind(')');
  if (close == std::string_view::npos) return fields;
  std::string_view rest = text.substr(close + 1);
  while (!rest.empty()) {
    size_t start = rest.find_first_not_of(" \n");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    size_t end = rest.find_first_of(" \n");
    fields.push_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  }
  return fields;
}

// Field `number` (1-based, as proc(5) counts) as an integer.
bool ReadField(const std::vector<std::string_view>& fields, int number, int64_t* out, std::string* error) {
  const size_t index = static_cast<size_t>(number - 3);
  if (index >= fields.size()) {
    *error = fmt::format("/proc/PID/stat has no field {}", number);
    return false;
  }
  std::string_view field = fields[index];
  auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), *out);
  if (ec != std::errc() || end != field.data() + field.size()) {
    *error = fmt::format("/proc/PID/stat field {} is \"{}\", not a number", number, field);
    return false;
  }
  return true;
}

std::optional<int64_t> IntegerAt(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return static_cast<int64_t>(it->get<double>());
}

// The metric at the top level, else in the first top-level object that has it.
std::optional<int64_t> Find(const json& metrics, const char* name) {
  if (auto value = IntegerAt(metrics, name)) return value;
  for (const auto& [key, value] : metrics.items()) {
    if (!value.is_object()) continue;
    if (auto nested = IntegerAt(value, name)) return nested;
  }
  return std::nullopt;
}

}  // namespace

std::optional<PidStat> ParsePidStat(std::string_view text, std::string* error) {
  std::vector<std::string_view> fields = FieldsAfterName(text);
  PidStat stat;
  if (ReadField(fields, 14, &stat.user_ticks, error) && ReadField(fields, 15, &stat.system_ticks, error) &&
      ReadField(fields, 20, &stat.threads, error)) {
    return stat;
  }
  return std::nullopt;
}

std::optional<SchedMetrics> ParseSchedMetrics(std::string_view body, std::string* error) {
  json metrics = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!metrics.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  return SchedMetrics{Find(metrics, kRunnableMetric), Find(metrics, kGomaxprocsMetric)};
}

std::string ExpvarUrl(std::string_view pprof_url) {
  const size_t host = pprof_url.find("://");
  const size_t path = pprof_url.find('/', host == std::string_view::npos ? 0 : host + 3);
  return std::string(pprof_url.substr(0, path)) + "/debug/vars";
}

}  // namespace leakrig::sweep
