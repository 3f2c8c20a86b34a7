#include "edge/profile_source.h"

namespace leakrig::edge {

FetchResult HttpProfileSource::Fetch(const std::string& what) {
  FetchOptions options;
  options.connect_timeout = std::chrono::milliseconds(1000);
  options.timeout = std::chrono::milliseconds(what.find("debug=2") != std::string::npos ? 60000 : 10000);
  return HttpGet(pprof_base_ + what, options);
}

}  // namespace leakrig::edge
