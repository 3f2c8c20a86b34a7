// Where goroutine profiles come from: a fixture's pprof endpoints over HTTP
// in a run, or files in tests.
#ifndef LEAKRIG_EDGE_PROFILE_SOURCE_H_
#define LEAKRIG_EDGE_PROFILE_SOURCE_H_

#include <string>

#include "edge/http_fetch.h"

namespace leakrig::edge {

class ProfileSource {
 public:
  virtual ~ProfileSource() = default;
  // `what` is a pprof path below the base with its query, e.g.
  // "goroutine?debug=1" or "heap?gc=1".
  virtual FetchResult Fetch(const std::string& what) = 0;
};

// Reads <base_url>/debug/pprof/<what>, e.g. base "http://127.0.0.1:4000".
class HttpProfileSource final : public ProfileSource {
 public:
  explicit HttpProfileSource(std::string base_url, FetchOptions options = {})
      : base_url_(std::move(base_url)), options_(options) {}
  FetchResult Fetch(const std::string& what) override {
    return HttpGet(base_url_ + "/debug/pprof/" + what, options_);
  }

 private:
  std::string base_url_;
  FetchOptions options_;
};

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_PROFILE_SOURCE_H_
