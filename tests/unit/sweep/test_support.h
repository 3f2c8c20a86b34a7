// Test helpers: checked-in logs, golden files, and a fake RunExecutor that
// answers like the sweep fixture would.
#ifndef LEAKRIG_TESTS_UNIT_SWEEP_TEST_SUPPORT_H_
#define LEAKRIG_TESTS_UNIT_SWEEP_TEST_SUPPORT_H_

#include <functional>
#include <string>

#include "sweep/sweep.h"

namespace leakrig::sweep::testing {

// The contents of tests/unit/sweep/testdata/<name>; fails the test if missing.
std::string ReadTestdata(const std::string& name);

// Compares `actual` with testdata/<name>. With LEAKRIG_UPDATE_GOLDEN=1 in
// the environment it rewrites the file instead.
void ExpectGolden(const std::string& name, const std::string& actual);

// A report line as the fixture prints it.
std::string ReportLine(const std::string& workload, int gomaxprocs, double wall_seconds, double cpu_seconds,
                       int runnable_peak, int threads_peak);

// Answers every run with a report whose timings follow the lesson: sleep
// takes 12 ms at any GOMAXPROCS, cpu 360 ms divided by min(GOMAXPROCS, 2),
// and so on; unsampled runs 1% faster. Each log holds two SCHED lines.
class FakeExecutor : public RunExecutor {
 public:
  RunOutput Execute(const RunSpec& spec) override;
  std::function<bool(const RunSpec&)> fail_when = [](const RunSpec&) { return false; };
  std::vector<RunSpec> executed;
};

// Answers like the service executor for a service named "orders": 2 s of
// load, CPU per request that falls as GOMAXPROCS grows to 2, and runnable
// goroutines only at GOMAXPROCS 1 and 2 (as if metrics reads failed above).
class FakeServiceExecutor : public RunExecutor {
 public:
  RunOutput Execute(const RunSpec& spec) override;
};

// A sweep of that service's options, normalized.
SweepOptions ServiceSweepOptions();

}  // namespace leakrig::sweep::testing

#endif  // LEAKRIG_TESTS_UNIT_SWEEP_TEST_SUPPORT_H_
