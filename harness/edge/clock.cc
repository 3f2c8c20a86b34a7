#include "edge/clock.h"

#include <thread>

namespace leakrig::edge {

Clock::TimePoint SystemClock::Now() const { return std::chrono::steady_clock::now(); }

void SystemClock::SleepFor(Duration duration) { std::this_thread::sleep_for(duration); }

double SecondsBetween(Clock::TimePoint from, Clock::TimePoint to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace leakrig::edge
