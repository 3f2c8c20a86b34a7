#include "edge/load_driver.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <thread>

namespace leakrig::edge {
namespace {

using Clock = std::chrono::steady_clock;

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

// What the threads of one load share: requests started (for the `requests`
// bound) and completed (for progress).
struct SharedCounts {
  std::atomic<int64_t> started{0};
  std::atomic<int64_t> completed{0};
};

// One connection's worth of state: an easy handle that is re-added to the
// multi handle after each response so that libcurl reuses its connection.
struct Slot {
  CURL* easy = nullptr;
  Clock::time_point started;
  Clock::time_point due;  // the schedule's time for this request; `started` when unpaced
};

class LoadRun {
 public:
  LoadRun(const LoadConfig& config, SharedCounts* shared)
      : config_(config), shared_(shared), multi_(curl_multi_init()) {
    // A blank Expect keeps a large body from waiting for 100-continue.
    headers_ = curl_slist_append(headers_, "Expect:");
    for (const std::string& header : config.headers) headers_ = curl_slist_append(headers_, header.c_str());
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
    curl_slist_free_all(headers_);
  }

  LoadReport Run();

 private:
  CURL* MakeEasy(Slot* slot) const;
  bool ShouldStartMore(Clock::time_point now) const;
  bool ClaimRequest();
  void Start(Slot* slot, Clock::time_point now);
  bool CollectFinished(Clock::time_point now);  // true when a transfer failed
  void ReportProgress(Clock::time_point now);

  const LoadConfig& config_;
  SharedCounts* shared_;
  CURLM* multi_;
  curl_slist* headers_ = nullptr;  // shared by every easy handle; freed last
  std::vector<Slot> slots_;
  std::vector<Slot*> idle_;
  LoadReport report_;
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
  // Straight to the target: an http_proxy in the environment must not take
  // loopback load elsewhere (and looking it up costs CPU on every request).
  curl_easy_setopt(easy, CURLOPT_PROXY, "");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers_);
  if (!config_.body.empty()) {  // config_ outlives the handles: libcurl may point at its bytes
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(config_.body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, config_.body.data());
  }
  if (config_.method != "GET") curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, config_.method.c_str());
  return easy;
}

bool LoadRun::ShouldStartMore(Clock::time_point now) const {
  if (config_.cancel && config_.cancel->load()) return false;
  if (config_.requests > 0 && shared_->started.load(std::memory_order_relaxed) >= config_.requests) return false;
  if (config_.duration.count() > 0 && now - begin_ >= config_.duration) return false;
  return true;
}

// Counts one more request started; false once `requests` have been, by any thread.
bool LoadRun::ClaimRequest() {
  if (config_.requests <= 0) return true;
  int64_t started = shared_->started.load(std::memory_order_relaxed);
  while (started < config_.requests) {
    if (shared_->started.compare_exchange_weak(started, started + 1, std::memory_order_relaxed)) return true;
  }
  return false;
}

void LoadRun::Start(Slot* slot, Clock::time_point now) {
  slot->started = now;
  slot->due = now;
  curl_multi_add_handle(multi_, slot->easy);
  if (config_.rate > 0) {
    slot->due = next_start_;
    next_start_ += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / config_.rate));
  }
}

bool LoadRun::CollectFinished(Clock::time_point now) {
  bool failed = false;
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
      shared_->completed.fetch_add(1, std::memory_order_relaxed);
      if (status < 200 || status > 299) ++report_.non_2xx;
      ++report_.status_counts[status];
      report_.latency.Record(std::chrono::nanoseconds(now - slot->started).count());
      report_.latency_from_due.Record(std::chrono::nanoseconds(now - slot->due).count());
    } else {
      ++report_.errors;
      failed = true;
      if (report_.first_error.empty()) report_.first_error = curl_easy_strerror(rc);
    }
    idle_.push_back(slot);
  }
  return failed;
}

void LoadRun::ReportProgress(Clock::time_point now) {
  if (!config_.on_progress || now < next_progress_) return;
  next_progress_ = now + std::chrono::milliseconds(250);
  config_.on_progress(shared_->completed.load(std::memory_order_relaxed),
                      std::chrono::duration<double>(now - begin_).count());
}

LoadReport LoadRun::Run() {
  begin_ = next_start_ = next_progress_ = Clock::now();
  for (Slot& slot : slots_) idle_.push_back(&slot);
  int running = 0;
  do {
    auto now = Clock::now();
    while (!idle_.empty() && ShouldStartMore(now) && (config_.rate <= 0 || now >= next_start_) && ClaimRequest()) {
      Start(idle_.back(), now);
      idle_.pop_back();
    }
    curl_multi_perform(multi_, &running);
    // One clock read after the transfers serves every check below (perf:
    // clock reads, libcurl's and ours, took 5.6% of the driver's CPU).
    const auto performed = Clock::now();
    const bool failed = CollectFinished(performed);
    ReportProgress(performed);
    if (running == 0 && !ShouldStartMore(performed)) break;
    // A connection whose response just came starts its next request at once:
    // waiting here would leave it idle until another one has news, or for
    // 100 ms when none is in flight. After a transport error the wait stays,
    // so that a dead server is retried at a walk, not in a busy loop.
    if (!idle_.empty() && config_.rate <= 0 && !failed && ShouldStartMore(performed)) continue;
    int wait_ms = 100;
    if (config_.rate > 0 && !idle_.empty()) {
      auto until_next = std::chrono::duration_cast<std::chrono::milliseconds>(next_start_ - performed);
      wait_ms = static_cast<int>(std::clamp<int64_t>(until_next.count(), 0, 100));
    }
    if (running > 0 || wait_ms > 0) curl_multi_poll(multi_, nullptr, 0, wait_ms, nullptr);
  } while (true);
  report_.seconds = std::chrono::duration<double>(Clock::now() - begin_).count();
  report_.cancelled = config_.cancel && config_.cancel->load();
  return std::move(report_);
}

// Thread i drives connections [i * N / T, (i + 1) * N / T): every one of the
// N connections in exactly one thread, with its share of the rate.
std::vector<LoadConfig> SplitAcrossThreads(const LoadConfig& config, int threads) {
  const int concurrency = std::max(1, config.concurrency);
  std::vector<LoadConfig> configs(static_cast<size_t>(threads), config);
  for (int i = 0; i < threads; ++i) {
    LoadConfig& c = configs[static_cast<size_t>(i)];
    c.concurrency = (i + 1) * concurrency / threads - i * concurrency / threads;
    c.rate = config.rate * c.concurrency / concurrency;
    c.threads = 1;
    if (i > 0) c.on_progress = nullptr;  // progress comes from the calling thread only
  }
  return configs;
}

LoadReport Merge(std::vector<LoadReport>& reports) {
  LoadReport total;
  for (LoadReport& r : reports) {
    total.requests += r.requests;
    total.errors += r.errors;
    total.non_2xx += r.non_2xx;
    for (const auto& [status, count] : r.status_counts) total.status_counts[status] += count;
    total.latency.Add(r.latency);
    total.latency_from_due.Add(r.latency_from_due);
    if (total.first_error.empty()) total.first_error = std::move(r.first_error);
    total.cancelled = total.cancelled || r.cancelled;
  }
  return total;
}

}  // namespace

LoadReport RunLoad(const LoadConfig& config) {
  SharedCounts shared;
  const int threads = std::clamp(config.threads, 1, std::max(1, config.concurrency));
  if (threads == 1) return LoadRun(config, &shared).Run();

  const std::vector<LoadConfig> configs = SplitAcrossThreads(config, threads);
  std::vector<LoadReport> reports(configs.size());
  const auto begin = Clock::now();
  std::vector<std::thread> workers;
  for (size_t i = 1; i < configs.size(); ++i) {
    workers.emplace_back([&configs, &reports, &shared, i] { reports[i] = LoadRun(configs[i], &shared).Run(); });
  }
  reports[0] = LoadRun(configs[0], &shared).Run();
  for (std::thread& worker : workers) worker.join();
  LoadReport total = Merge(reports);
  total.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  return total;
}

}  // namespace leakrig::edge
