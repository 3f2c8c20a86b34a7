// A sweep's result as a console table, CSV and JSON. Pure: strings in,
// strings out; the caller prints and writes them. Output is deterministic
// for a given result: fixed column order, sorted JSON keys, fixed precision.
#ifndef LEAKRIG_SWEEP_REPORT_H_
#define LEAKRIG_SWEEP_REPORT_H_

#include <string>

#include "sweep/sweep.h"

namespace leakrig::sweep {

// The machine, warnings, the table of rows, the claims and the sampling cost.
std::string FormatReport(const SweepResult& result);

// One line per row; seconds with 6 decimals. http columns are empty for the
// other workloads.
std::string FormatCsv(const SweepResult& result);

// sweep.json: machine, options, rows, claims, sampling_cost, runs, warnings
// and errors.
std::string FormatJson(const SweepResult& result);

}  // namespace leakrig::sweep

#endif  // LEAKRIG_SWEEP_REPORT_H_
