// Probing the machine a sweep runs on: its files and one run of the fixture.
#ifndef LEAKRIG_SWEEP_MACHINE_PROBE_H_
#define LEAKRIG_SWEEP_MACHINE_PROBE_H_

#include <filesystem>

#include "sweep/machine.h"

namespace leakrig::sweep {

// Cores from sched_getaffinity, the cgroup CPU limit from cgroup v2's
// cpu.max or v1's cpu.cfs_quota_us, and the GOMAXPROCS the fixture gets when
// GOMAXPROCS is not set (one short run of the fixture, logged to log_file;
// without a binary it stays 0, unknown: a service cannot be asked).
Machine ProbeMachine(const std::filesystem::path& binary, const std::filesystem::path& log_file);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_MACHINE_PROBE_H_
