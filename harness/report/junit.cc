#include "report/junit.h"

#include <fmt/format.h>

#include <string>

namespace leakrig::report {
namespace {

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most control characters, even escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
    }
  }
  return out;
}

}  // namespace

void WriteJunit(const std::vector<verdict::VariantResult>& results, const verdict::GoInfo& go, std::ostream& out) {
  int failures = 0, errors = 0, skipped = 0;
  double seconds = 0;
  for (const auto& r : results) {
    if (r.verdict == verdict::Verdict::kError)
      ++errors;
    else if (r.verdict == verdict::Verdict::kSkipped)
      ++skipped;
    else if (!r.passed)
      ++failures;
    seconds += r.series.samples.empty() ? 0 : r.series.samples.back().seconds;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format(
      "<testsuite name=\"leakrig\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
      results.size(), failures, errors, skipped, seconds);
  out << "  <properties>\n";
  out << fmt::format("    <property name=\"go_version\" value=\"{}\"/>\n", XmlEscape(go.version));
  out << fmt::format("    <property name=\"go_leak_profile\" value=\"{}\"/>\n", XmlEscape(go.leak_profile));
  out << "  </properties>\n";
  for (const auto& r : results) {
    double time = r.series.samples.empty() ? 0 : r.series.samples.back().seconds;
    out << fmt::format("  <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\">\n", XmlEscape(r.scenario),
                       XmlEscape(r.variant), time);
    std::string message = fmt::format("expected {}, got {}: {}", verdict::VerdictName(r.expected),
                                      verdict::VerdictName(r.verdict), r.reason);
    if (r.verdict == verdict::Verdict::kSkipped) {
      out << fmt::format("    <skipped message=\"{}\"/>\n", XmlEscape(r.reason));
    } else if (r.verdict == verdict::Verdict::kError) {
      out << fmt::format("    <error message=\"{}\"/>\n", XmlEscape(message));
    } else if (!r.passed) {
      out << fmt::format("    <failure message=\"{}\"/>\n", XmlEscape(message));
    }
    out << "  </testcase>\n";
  }
  out << "</testsuite>\n";
}

}  // namespace leakrig::report
