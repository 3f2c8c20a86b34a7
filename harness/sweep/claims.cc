#include "sweep/claims.h"

#include <fmt/format.h>

#include <cmath>

namespace leakrig::sweep {

std::string Claim::Text() const {
  return fmt::format("{} × {}(10ms) at GOMAXPROCS={} take {:.1f} s", goroutines, workload, gomaxprocs, seconds);
}

std::vector<Claim> ArticleClaims() {
  return {{"sleep", 1000, 1, 10.2}, {"sleep", 1000, 4, 2.6}, {"sleep", 1000, 8, 1.4}};
}

namespace {

ClaimCheck Check(const Claim& claim, const std::vector<SweepRow>& rows, int goroutines) {
  ClaimCheck check;
  check.claim = claim;
  if (goroutines != claim.goroutines) {
    check.note =
        fmt::format("not measured: the sweep ran {} goroutines, the claim is about {}", goroutines, claim.goroutines);
    return check;
  }
  for (const SweepRow& row : rows) {
    if (row.workload != claim.workload || row.gomaxprocs != claim.gomaxprocs) continue;
    check.measured_seconds = row.wall_seconds.median;
    check.holds = std::abs(row.wall_seconds.median - claim.seconds) <= kClaimTolerance * claim.seconds;
    return check;
  }
  check.note = fmt::format("not measured: the sweep did not run {} at GOMAXPROCS={}", claim.workload, claim.gomaxprocs);
  return check;
}

}  // namespace

std::vector<ClaimCheck> CheckClaims(const std::vector<Claim>& claims, const std::vector<SweepRow>& rows,
                                    int goroutines) {
  std::vector<ClaimCheck> checks;
  for (const Claim& claim : claims) checks.push_back(Check(claim, rows, goroutines));
  return checks;
}

}  // namespace leakrig::sweep
