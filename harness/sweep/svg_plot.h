// sweep.svg: wall time and runnable goroutines against GOMAXPROCS, one line
// per workload. A self-contained SVG string: no scripts, fonts or images
// fetched; the same rows always give the same bytes.
#ifndef LEAKRIG_SWEEP_SVG_PLOT_H_
#define LEAKRIG_SWEEP_SVG_PLOT_H_

#include <string>
#include <vector>

#include "sweep/aggregate.h"

namespace leakrig::sweep {

// Time is drawn on a log scale (sleep's 12 ms and cpu's 360 ms both stay
// readable), runnable goroutines on a linear one. GOMAXPROCS values are
// evenly spaced in the order given.
std::string PlotSvg(const std::vector<SweepRow>& rows, const std::vector<std::string>& workloads,
                    const std::vector<int>& procs);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_SVG_PLOT_H_
