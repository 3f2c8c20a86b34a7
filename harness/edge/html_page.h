// A run folder's HTML page (index.html and the pictures it shows), rendered
// by the Python report, scripts/report, in a child process. run, suite,
// compare, watch and sweep all end with it.
#ifndef LEAKRIG_EDGE_HTML_PAGE_H_
#define LEAKRIG_EDGE_HTML_PAGE_H_

#include <filesystem>
#include <string>

namespace leakrig::edge {

struct HtmlPage {
  std::filesystem::path index;  // <run_dir>/index.html; empty on failure
  std::string error;            // why there is no page; the run itself stands
};

// Runs `python3 <scripts_dir>/report <run_dir>` (at most 120 s), with its
// output in <run_dir>/report.log.
HtmlPage RenderHtmlPage(const std::filesystem::path& scripts_dir, const std::filesystem::path& run_dir);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_HTML_PAGE_H_
