#include "watch/target_url.h"

#include <cctype>

namespace leakrig::watch {
namespace {

constexpr std::string_view kPprofPath = "/debug/pprof/";

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::string_view Scheme(std::string_view url) {
  for (std::string_view s : {"http://", "https://"}) {
    if (StartsWithNoCase(url, s)) return s;
  }
  return {};
}

}  // namespace

std::string CheckHttpUrl(std::string_view url) {
  if (!Scheme(url).empty()) return "";
  return "the URL must start with http:// or https:// (got \"" + std::string(url) + "\")";
}

PprofTarget ParsePprofTarget(std::string_view url) {
  PprofTarget target;
  const std::string_view scheme = Scheme(url);
  if (scheme.empty()) {
    target.error = CheckHttpUrl(url);
    return target;
  }
  if (url.find_first_of("?#") != std::string_view::npos) {
    target.error = "give the base URL of the pprof endpoints, without a query or fragment";
    return target;
  }
  std::string_view rest = url.substr(scheme.size());
  const size_t slash = rest.find('/');
  target.host_port = std::string(rest.substr(0, slash));
  if (target.host_port.empty() || target.host_port.find_first_of(" \t@") != std::string::npos) {
    target.error = "the URL names no usable host: \"" + std::string(url) + "\"";
    return target;
  }
  std::string path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (path.back() != '/') path += '/';
  if (path == "/") path = kPprofPath;
  target.pprof_base = std::string(scheme) + target.host_port + path;
  return target;
}

std::string FolderName(std::string_view host_port) {
  std::string name;
  for (char c : host_port) {
    const bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    name += safe ? c : '-';
  }
  return name.empty() ? "target" : name;
}

}  // namespace leakrig::watch
