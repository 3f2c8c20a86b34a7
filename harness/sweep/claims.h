// The reference article's GOMAXPROCS table, next to what the sweep measured.
#ifndef LEAKRIG_SWEEP_CLAIMS_H_
#define LEAKRIG_SWEEP_CLAIMS_H_

#include <optional>
#include <string>
#include <vector>

#include "sweep/aggregate.h"

namespace leakrig::sweep {

// "N goroutines each sleeping 10 ms take `seconds` at GOMAXPROCS=p".
struct Claim {
  std::string workload;
  int goroutines = 0;
  int gomaxprocs = 0;
  double seconds = 0;
  std::string Text() const;  // "1000 × sleep(10ms) at GOMAXPROCS=1 take 10.2 s"
};

// The article's figures for 1,000 goroutines each sleeping 10 ms: 10.2 s at
// GOMAXPROCS=1, 2.6 s at 4, 1.4 s at 8.
std::vector<Claim> ArticleClaims();

// A claim holds when the measured median is within this fraction of it.
inline constexpr double kClaimTolerance = 0.25;

struct ClaimCheck {
  Claim claim;
  std::optional<double> measured_seconds;  // nullopt: the sweep did not run the case
  std::optional<bool> holds;               // nullopt when not measured
  std::string note;                        // why not measured
};

// Checks each claim against the row of its workload and GOMAXPROCS. A sweep
// run with another goroutine count leaves the claims unchecked.
std::vector<ClaimCheck> CheckClaims(const std::vector<Claim>& claims, const std::vector<SweepRow>& rows,
                                    int goroutines);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_CLAIMS_H_
