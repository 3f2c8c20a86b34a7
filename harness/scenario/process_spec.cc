#include "scenario/process_spec.h"

#include <fmt/format.h>

#include <charconv>

namespace leakrig::scenario {

std::vector<std::string> TemplatesOf(const ServiceProcess& p) {
  std::vector<std::string> out = p.args;
  for (const auto& [key, value] : p.env) out.push_back(value);
  for (const auto& command : p.setup) out.insert(out.end(), command.begin(), command.end());
  if (!p.pprof.empty()) out.push_back(p.pprof);
  return out;
}

std::set<std::string> PlaceholdersIn(std::string_view text) {
  std::set<std::string> names;
  for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace(text.substr(open + 1, close - open - 1));
  }
  return names;
}

std::set<std::string> PlaceholdersOf(const ServiceProcess& p) {
  std::set<std::string> names;
  for (const std::string& text : TemplatesOf(p)) names.merge(PlaceholdersIn(text));
  return names;
}

bool UsesEither(const std::set<std::string>& names, std::string_view a, std::string_view b) {
  return names.count(std::string(a)) > 0 || names.count(std::string(b)) > 0;
}

std::string FillTemplate(std::string_view text, const TemplateValues& values, std::string* error) {
  std::string out;
  size_t at = 0;
  for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', at)) {
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    auto value = values.find(std::string(text.substr(open + 1, close - open - 1)));
    if (value == values.end()) {
      *error = fmt::format("\"{}\" names {}, which has no value", text, text.substr(open, close - open + 1));
      return "";
    }
    out.append(text.substr(at, open - at)).append(value->second);
    at = close + 1;
  }
  return out.append(text.substr(at));
}

bool IsLoopbackHostPort(std::string_view host_port) {
  for (std::string_view host : {std::string_view("127.0.0.1:"), std::string_view("[::1]:")}) {
    if (host_port.substr(0, host.size()) != host) continue;
    std::string_view digits = host_port.substr(host.size());
    int port = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    return ec == std::errc() && end == digits.data() + digits.size() && port > 0 && port < 65536;
  }
  return false;
}

std::string UrlHostPort(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) return "";
  url.remove_prefix(kScheme.size());
  return std::string(url.substr(0, url.find('/')));
}

}  // namespace leakrig::scenario
