// A sweep's files: sweep.json, every figure of the sweep, and sweep.csv, one
// line per row for spreadsheets and plotting tools. Deterministic for a given
// result: sorted JSON keys, fixed column order, times rounded to microseconds.
#ifndef LEAKRIG_REPORT_SWEEP_FILES_H_
#define LEAKRIG_REPORT_SWEEP_FILES_H_

#include <string>

#include "sweep/sweep.h"

namespace leakrig::report {

// sweep.json: machine, options, rows, claims, sampling_cost, runs, warnings
// and errors. Ends with a newline.
std::string SweepJson(const sweep::SweepResult& result);

// sweep.csv: a header line, then one line per row; seconds with 6 decimals.
// The http columns are empty for the other workloads.
std::string SweepCsv(const sweep::SweepResult& result);

}  // namespace leakrig::report

#endif  // LEAKRIG_REPORT_SWEEP_FILES_H_
