#include "edge/html_page.h"

#include <fmt/format.h>

#include "edge/process.h"

namespace leakrig::edge {

HtmlPage RenderHtmlPage(const std::filesystem::path& scripts_dir, const std::filesystem::path& run_dir) {
  HtmlPage page;
  auto python = FindExecutable("python3");
  if (!python) {
    page.error = "python3 is not on PATH";
    return page;
  }
  LaunchSpec spec;
  spec.executable = *python;
  spec.args = {(scripts_dir / "report").string(), run_dir.string()};
  spec.env = InheritedEnvironment();
  spec.log_file = run_dir / "report.log";
  auto child = ChildProcess::Launch(spec, &page.error);
  if (!child) return page;
  // The script prints the index path as its only line of stdout.
  std::optional<std::string> line = child->ReadLine(std::chrono::seconds(120));
  auto status = child->Wait(std::chrono::seconds(5));
  if (!status || !status->exited || status->code != 0 || !line) {
    if (!status) child->Stop();
    page.error = fmt::format("scripts/report failed ({}); see {}", status ? status->Describe() : "timed out",
                             spec.log_file.string());
    return page;
  }
  page.index = *line;
  return page;
}

}  // namespace leakrig::edge
