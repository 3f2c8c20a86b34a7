// HTTP load with libcurl multi: N keep-alive connections to one URL, from
// one thread (or a few, each with its own multi handle and share of the
// connections), for a fixed time or number of requests, optionally paced.
#ifndef LEAKRIG_EDGE_LOAD_DRIVER_H_
#define LEAKRIG_EDGE_LOAD_DRIVER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "edge/latency_histogram.h"

namespace leakrig::edge {

struct LoadConfig {
  std::string url;
  std::string method = "GET";
  std::vector<std::string> headers;       // "Name: value"
  std::string body;                       // sent with every request when not empty
  int concurrency = 8;                    // connections, each with one request in flight
  std::chrono::milliseconds duration{0};  // 0: until `requests` are done
  int64_t requests = 0;                   // 0: until `duration` is over
  double rate = 0;                        // requests/s over all connections; 0: unpaced
  std::chrono::milliseconds request_timeout{5000};
  // Threads, each driving its own libcurl multi handle with an even share of
  // the connections (at most `concurrency`); the rate is shared out the same way.
  int threads = 1;
  const std::atomic<bool>* cancel = nullptr;  // set by a signal handler to stop early
  // Called about every 250 ms, on the calling thread, with the requests completed so far.
  std::function<void(int64_t requests, double seconds)> on_progress;
};

struct LoadReport {
  int64_t requests = 0;                   // completed with an HTTP response
  int64_t errors = 0;                     // transport failures: refused, reset, timed out
  int64_t non_2xx = 0;                    // responses whose status was not 2xx (also counted in requests)
  std::map<long, int64_t> status_counts;  // HTTP status -> responses
  double seconds = 0;                     // wall time of the whole load
  // Service time: from the moment a request was sent to its response.
  LatencyHistogram latency;
  // From the moment the request was due to its response (wrk2's correction
  // for coordinated omission): at a fixed `rate`, request k of a thread is due
  // at start + k / rate, whether or not a connection was free to send it then,
  // so a stalled server shows in these figures for every request it held
  // back, not only for the few in flight. Unpaced, a request is due when its
  // connection is free, which is when it is sent: both figures are the same.
  LatencyHistogram latency_from_due;
  std::string first_error;  // the first transport error, for the report
  bool cancelled = false;
};

LoadReport RunLoad(const LoadConfig& config);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_LOAD_DRIVER_H_
