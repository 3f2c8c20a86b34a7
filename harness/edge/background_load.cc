#include "edge/background_load.h"

namespace leakrig::edge {

BackgroundLoad::BackgroundLoad(LoadConfig config, const Clock& clock) : config_(std::move(config)), clock_(clock) {
  config_.cancel = &stop_;
  config_.on_progress = [this](int64_t requests, double) { requests_ = requests; };
}

BackgroundLoad::~BackgroundLoad() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

double BackgroundLoad::Since(Clock::TimePoint t) const { return SecondsBetween(run_started_, t); }

void BackgroundLoad::Start(Clock::TimePoint run_started) {
  run_started_ = run_started;
  started_ = Since(clock_.Now());
  thread_ = std::thread([this] {
    LoadReport report = RunLoad(config_);
    requests_ = report.requests;
    report_ = std::move(report);
    ended_ = Since(clock_.Now());
  });
}

LoadProgress BackgroundLoad::Progress() const {
  LoadProgress progress;
  if (const double s = started_; s >= 0) progress.started = s;
  if (const double e = ended_; e >= 0) progress.ended = e;
  progress.requests = requests_.load();
  return progress;
}

LoadReport BackgroundLoad::Finish() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  return report_;
}

}  // namespace leakrig::edge
