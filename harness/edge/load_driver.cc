#include "edge/load_driver.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace leakrig::edge {
namespace {

using Clock = std::chrono::steady_clock;

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

// One connection's worth of state: an easy handle that is re-added to the
// multi handle after each response so that libcurl reuses its connection.
struct Slot {
  CURL* easy = nullptr;
  Clock::time_point started;
};

class LoadRun {
 public:
  explicit LoadRun(const LoadConfig& config) : config_(config), multi_(curl_multi_init()) {
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(config.concurrency));
    slots_.resize(static_cast<size_t>(std::max(1, config.concurrency)));
    for (Slot& slot : slots_) slot.easy = MakeEasy(&slot);
  }
  ~LoadRun() {
    for (Slot& slot : slots_) {
      curl_multi_remove_handle(multi_, slot.easy);
      curl_easy_cleanup(slot.easy);
    }
    curl_multi_cleanup(multi_);  // closes every connection: the server sees them go
  }

  LoadReport Run();

 private:
  CURL* MakeEasy(Slot* slot) const;
  bool ShouldStartMore(Clock::time_point now) const;
  void Start(Slot* slot, Clock::time_point now);
  void CollectFinished();
  void ReportProgress(Clock::time_point now);

  const LoadConfig& config_;
  CURLM* multi_;
  std::vector<Slot> slots_;
  std::vector<Slot*> idle_;
  LoadReport report_;
  int64_t started_ = 0;
  Clock::time_point begin_, next_start_, next_progress_;
};

CURL* LoadRun::MakeEasy(Slot* slot) const {
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.request_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, slot);
  curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
  return easy;
}

bool LoadRun::ShouldStartMore(Clock::time_point now) const {
  if (config_.cancel && config_.cancel->load()) return false;
  if (config_.requests > 0 && started_ >= config_.requests) return false;
  if (config_.duration.count() > 0 && now - begin_ >= config_.duration) return false;
  return true;
}

void LoadRun::Start(Slot* slot, Clock::time_point now) {
  slot->started = now;
  curl_multi_add_handle(multi_, slot->easy);
  ++started_;
  if (config_.rate > 0) {
    next_start_ += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / config_.rate));
  }
}

void LoadRun::CollectFinished() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    Slot* slot = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &slot);
    CURLcode rc = msg->data.result;
    curl_multi_remove_handle(multi_, slot->easy);
    if (rc == CURLE_OK) {
      long status = 0;
      curl_easy_getinfo(slot->easy, CURLINFO_RESPONSE_CODE, &status);
      ++report_.requests;
      if (status < 200 || status > 299) ++report_.non_2xx;
      ++report_.status_counts[status];
      auto micros = std::chrono::duration<float, std::micro>(Clock::now() - slot->started).count();
      report_.latency_us.push_back(micros);
    } else {
      ++report_.errors;
      if (report_.first_error.empty()) report_.first_error = curl_easy_strerror(rc);
    }
    idle_.push_back(slot);
  }
}

void LoadRun::ReportProgress(Clock::time_point now) {
  if (!config_.on_progress || now < next_progress_) return;
  next_progress_ = now + std::chrono::milliseconds(250);
  config_.on_progress(report_.requests, std::chrono::duration<double>(now - begin_).count());
}

LoadReport LoadRun::Run() {
  begin_ = next_start_ = next_progress_ = Clock::now();
  for (Slot& slot : slots_) idle_.push_back(&slot);
  int running = 0;
  do {
    auto now = Clock::now();
    while (!idle_.empty() && ShouldStartMore(now) && (config_.rate <= 0 || now >= next_start_)) {
      Start(idle_.back(), now);
      idle_.pop_back();
    }
    curl_multi_perform(multi_, &running);
    CollectFinished();
    ReportProgress(now);
    if (running == 0 && !ShouldStartMore(Clock::now())) break;
    // A connection that just finished starts its next request at once: waiting
    // here would leave it idle until another one has news, or for 100 ms.
    if (!idle_.empty() && config_.rate <= 0 && ShouldStartMore(Clock::now())) continue;
    int wait_ms = 100;
    if (config_.rate > 0 && !idle_.empty()) {
      auto until_next = std::chrono::duration_cast<std::chrono::milliseconds>(next_start_ - Clock::now());
      wait_ms = static_cast<int>(std::clamp<int64_t>(until_next.count(), 0, 100));
    }
    if (running > 0 || wait_ms > 0) curl_multi_poll(multi_, nullptr, 0, wait_ms, nullptr);
  } while (true);
  report_.seconds = std::chrono::duration<double>(Clock::now() - begin_).count();
  report_.cancelled = config_.cancel && config_.cancel->load();
  return std::move(report_);
}

}  // namespace

LoadReport RunLoad(const LoadConfig& config) {
  LoadRun run(config);
  return run.Run();
}

}  // namespace leakrig::edge
