// Time behind an interface, so that waits and sampling can be tested with a
// fake clock that advances instantly.
#ifndef LEAKRIG_EDGE_CLOCK_H_
#define LEAKRIG_EDGE_CLOCK_H_

#include <chrono>

namespace leakrig::edge {

class Clock {
 public:
  using Duration = std::chrono::steady_clock::duration;
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  virtual void SleepFor(Duration duration) = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
  void SleepFor(Duration duration) override;
};

double SecondsBetween(Clock::TimePoint from, Clock::TimePoint to);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_CLOCK_H_
