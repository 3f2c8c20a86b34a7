#include "runner/html_report.h"

#include <fmt/format.h>

#include "edge/process.h"

namespace leakrig::runner {

HtmlReport RenderHtmlReport(const std::filesystem::path& scripts_dir, const std::filesystem::path& run_dir) {
  HtmlReport report;
  auto python = edge::FindExecutable("python3");
  if (!python) {
    report.error = "python3 is not on PATH";
    return report;
  }
  edge::LaunchSpec spec;
  spec.executable = *python;
  spec.args = {(scripts_dir / "report").string(), run_dir.string()};
  spec.env = edge::InheritedEnvironment();
  spec.log_file = run_dir / "report.log";
  auto child = edge::ChildProcess::Launch(spec, &report.error);
  if (!child) return report;
  // The script prints the index path as its only line of stdout.
  std::optional<std::string> line = child->ReadLine(std::chrono::seconds(120));
  auto status = child->Wait(std::chrono::seconds(5));
  if (!status || !status->exited || status->code != 0 || !line) {
    if (!status) child->Stop();
    report.error = fmt::format("scripts/report failed ({}); see {}", status ? status->Describe() : "timed out",
                               spec.log_file.string());
    return report;
  }
  report.index = *line;
  return report;
}

}  // namespace leakrig::runner
