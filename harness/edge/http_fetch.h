// One-shot HTTP GETs to the fixture's diagnostic endpoints (libcurl easy).
#ifndef LEAKRIG_EDGE_HTTP_FETCH_H_
#define LEAKRIG_EDGE_HTTP_FETCH_H_

#include <chrono>
#include <cstddef>
#include <string>

namespace leakrig::edge {

struct FetchResult {
  long status = 0;  // HTTP status; 0 when no response arrived
  std::string body;
  std::string error;       // transport error; empty on success
  bool truncated = false;  // the body exceeded max_bytes and was cut there
  double seconds = 0;      // total transfer time
  bool ok() const { return error.empty() && status == 200; }
  std::string Describe() const;  // "HTTP 500", "timeout after 2000 ms", ...
};

struct FetchOptions {
  std::chrono::milliseconds timeout{5000};
  std::chrono::milliseconds connect_timeout{1000};
  size_t max_bytes = 256u << 20;  // a goroutine dump is cut by Go at 64 MiB
};

// Thread-safe; each call uses its own easy handle. Call CurlGlobalInit() once
// in main before any thread starts.
FetchResult HttpGet(const std::string& url, const FetchOptions& options = {});

void CurlGlobalInit();

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_HTTP_FETCH_H_
