// Where goroutine profiles come from: a service's pprof endpoints over HTTP
// in `run`, `suite` and `watch`, or files and fakes in tests.
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

// Reads <pprof_base><what>, e.g. base "http://127.0.0.1:6060/debug/pprof/".
// A debug=2 dump of tens of thousands of goroutines stops the world for
// seconds: it gets 60 s, every other profile 10 s.
class HttpProfileSource final : public ProfileSource {
 public:
  explicit HttpProfileSource(std::string pprof_base) : pprof_base_(std::move(pprof_base)) {}
  FetchResult Fetch(const std::string& what) override;

 private:
  std::string pprof_base_;
};

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_PROFILE_SOURCE_H_
