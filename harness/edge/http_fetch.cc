#include "edge/http_fetch.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>

namespace leakrig::edge {
namespace {

struct Sink {
  std::string* body;
  size_t max_bytes;
  bool truncated = false;
};

size_t Collect(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  size_t room = sink->max_bytes - sink->body->size();
  if (n > room) {
    sink->body->append(data, room);
    sink->truncated = true;
    return 0;  // makes libcurl abort the transfer with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

}  // namespace

void CurlGlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }

std::string FetchResult::Describe() const {
  if (!error.empty()) return error;
  if (status != 200) return fmt::format("HTTP {}", status);
  return "ok";
}

FetchResult HttpGet(const std::string& url, const FetchOptions& options) {
  FetchResult result;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    result.error = "curl_easy_init failed";
    return result;
  }
  Sink sink{&result.body, options.max_bytes};
  char error_buffer[CURL_ERROR_SIZE] = "";
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_PROXY, "");  // profiles come straight from the target, never via http_proxy
  CURLcode rc = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &result.seconds);
  result.truncated = sink.truncated;
  if (sink.truncated) {
    result.error = fmt::format("response larger than {} bytes", options.max_bytes);
  } else if (rc != CURLE_OK) {
    result.error = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
  }
  return result;
}

}  // namespace leakrig::edge
