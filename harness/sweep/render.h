// A sweep's result as the console text `leakrig sweep` prints: the machine,
// warnings, the table of rows, the claims and the sampling cost. Pure:
// strings in, strings out. Its files (sweep.json, sweep.csv) are written by
// report/.
#ifndef LEAKRIG_SWEEP_RENDER_H_
#define LEAKRIG_SWEEP_RENDER_H_

#include <string>

#include "sweep/sweep.h"

namespace leakrig::sweep {

std::string RenderSummaryText(const SweepResult& result);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_RENDER_H_
