// A load that runs beside the sampling: the run starts it, polls it while it
// takes samples, and finishes it. `run`, `suite` and `watch` drive the same
// handle; tests pass a fake.
#ifndef LEAKRIG_EDGE_BACKGROUND_LOAD_H_
#define LEAKRIG_EDGE_BACKGROUND_LOAD_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <thread>

#include "edge/clock.h"
#include "edge/load_driver.h"

namespace leakrig::edge {

// Seconds are counted from the `run_started` given to Start().
struct LoadProgress {
  std::optional<double> started;
  std::optional<double> ended;  // every request answered, every connection closed
  int64_t requests = 0;         // completed so far
};

class LoadHandle {
 public:
  virtual ~LoadHandle() = default;
  virtual void Start(Clock::TimePoint run_started) = 0;
  virtual LoadProgress Progress() const = 0;
  // Stops the load if it still runs, waits for it, and returns its report.
  virtual LoadReport Finish() = 0;
};

// edge::RunLoad on a thread of its own. Its progress arrives every 250 ms.
class BackgroundLoad final : public LoadHandle {
 public:
  BackgroundLoad(LoadConfig config, const Clock& clock);
  ~BackgroundLoad() override;
  void Start(Clock::TimePoint run_started) override;
  LoadProgress Progress() const override;
  LoadReport Finish() override;

 private:
  double Since(Clock::TimePoint t) const;

  LoadConfig config_;
  const Clock& clock_;
  Clock::TimePoint run_started_{};
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> requests_{0};
  std::atomic<double> started_{-1};
  std::atomic<double> ended_{-1};
  std::thread thread_;
  LoadReport report_;
};

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_BACKGROUND_LOAD_H_
