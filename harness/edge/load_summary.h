// A load driver's report as the run record's load figures.
#ifndef LEAKRIG_EDGE_LOAD_SUMMARY_H_
#define LEAKRIG_EDGE_LOAD_SUMMARY_H_

#include "edge/load_driver.h"
#include "verdict/result.h"

namespace leakrig::edge {

// Rate, latency percentiles and status counts of `report`.
verdict::LoadSummary Summarize(const LoadReport& report);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_LOAD_SUMMARY_H_
