// The HTML report of a run folder, drawn by scripts/report (Python).
#ifndef LEAKRIG_RUNNER_HTML_REPORT_H_
#define LEAKRIG_RUNNER_HTML_REPORT_H_

#include <filesystem>
#include <string>

namespace leakrig::runner {

struct HtmlReport {
  std::filesystem::path index;  // <run_dir>/index.html; empty on failure
  std::string error;            // why there is no report; the run itself stands
};

// Runs `python3 <scripts_dir>/report <run_dir>` (at most 120 s), with its
// output in <run_dir>/report.log.
HtmlReport RenderHtmlReport(const std::filesystem::path& scripts_dir, const std::filesystem::path& run_dir);

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_HTML_REPORT_H_
