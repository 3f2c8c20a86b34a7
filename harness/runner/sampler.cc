#include "runner/sampler.h"

#include <fmt/format.h>

#include "edge/files.h"

namespace leakrig::runner {

Sampler::Sampler(edge::ProfileSource& source, edge::Clock& clock, GoroutineCounter counter,
                 std::filesystem::path snapshot_dir, edge::Clock::Duration interval)
    : source_(source),
      clock_(clock),
      counter_(std::move(counter)),
      dir_(std::move(snapshot_dir)),
      interval_(interval),
      run_started_(clock.Now()) {}

Sampler::~Sampler() { Stop(); }

bool Sampler::SampleOnce() {
  verdict::Phase phase = phase_;
  edge::FetchResult fetched = source_.Fetch("goroutine?debug=1");
  double seconds = edge::SecondsBetween(run_started_, clock_.Now());
  std::optional<int64_t> count;
  if (fetched.ok()) count = counter_(fetched.body);
  std::lock_guard lock(mu_);
  if (!fetched.ok() || !count) {
    errors_.push_back(fmt::format("{:.3f}s: goroutine?debug=1: {}", seconds,
                                  fetched.ok() ? "no \"goroutine profile: total N\" line" : fetched.Describe()));
    return false;
  }
  std::string name = fmt::format("goroutine-{:04d}-{}.debug1.txt", series_.samples.size() + 1,
                                 verdict::PhaseName(phase));
  if (std::string error = edge::WriteFileAtomic(dir_ / name, fetched.body, edge::Durability::kAtomicOnly);
      !error.empty()) {
    errors_.push_back(error);
  } else {
    files_.push_back(name);
  }
  series_.samples.push_back({seconds, *count, phase});
  return true;
}

void Sampler::Start(edge::Clock::TimePoint run_started) {
  run_started_ = run_started;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Sampler::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void Sampler::Loop() {
  auto next = clock_.Now();
  while (!stop_) {
    SampleOnce();
    next += interval_;
    // Sleep in short steps so that Stop() is answered quickly.
    while (!stop_ && clock_.Now() < next) {
      clock_.SleepFor(std::min<edge::Clock::Duration>(next - clock_.Now(), std::chrono::milliseconds(20)));
    }
  }
}

verdict::Series Sampler::series() const {
  std::lock_guard lock(mu_);
  return series_;
}

std::vector<std::string> Sampler::errors() const {
  std::lock_guard lock(mu_);
  return errors_;
}

std::vector<std::string> Sampler::files() const {
  std::lock_guard lock(mu_);
  return files_;
}

}  // namespace leakrig::runner
