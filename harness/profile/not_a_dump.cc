#include "profile/not_a_dump.h"

#include <algorithm>
#include <cctype>

#include "text/text_scan.h"

namespace leakrig::profile {

using text::TrimSpace;

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A proxy's error page: "<!DOCTYPE html>…<title>502 Bad Gateway</title>".
std::string DescribeHtml(std::string_view head) {
  const std::string lower = Lower(head);
  const size_t open = lower.find("<title>");
  const size_t close = lower.find("</title>");
  if (open == std::string::npos || close == std::string::npos || close < open) {
    return "an HTML page";
  }
  const std::string_view title = TrimSpace(head.substr(open + 7, std::min<size_t>(close - open - 7, 80)));
  return "an HTML page titled \"" + std::string(title) + "\"";
}

std::string FirstLine(std::string_view text) {
  const std::string_view line = text.substr(0, text.find('\n'));
  return std::string(TrimSpace(line.substr(0, 60)));
}

std::string DescribeText(std::string_view data) {
  const size_t start = data.find_first_not_of(" \t\r\n");
  const std::string_view text = start == std::string_view::npos ? "" : data.substr(start);
  if (text.empty()) return "an empty file";
  const std::string head = Lower(text.substr(0, 1024));
  if (head.starts_with("<!doctype html") || head.find("<html") != std::string::npos) {
    return DescribeHtml(text.substr(0, 4096));
  }
  if (text.front() == '{' || text.front() == '[') {
    return "a JSON body starting \"" + FirstLine(text) + "\"";
  }
  return "text with no goroutine header, starting \"" + FirstLine(text) + "\"";
}

std::string FirstError(const Snapshot& snapshot) {
  if (snapshot.errors().empty()) return "no goroutine record";
  const ParseError& e = snapshot.errors().front();
  return e.line > 0 ? "line " + std::to_string(e.line) + ": " + e.message : e.message;
}

}  // namespace

std::string WhyNotADump(std::string_view data, const Snapshot& snapshot) {
  if (!snapshot.goroutines().empty()) return "";
  switch (snapshot.format()) {
    case DumpFormat::kUnknown:
      return DescribeText(data);
    case DumpFormat::kProtoDelta:  // an empty delta: nothing changed
      return "";
    case DumpFormat::kProto:
      // The proto reader's errors say what the bytes are (proto_parser.cc).
      return snapshot.errors().empty() ? "" : FirstError(snapshot);
    default:
      break;
  }
  return "a " + std::string(FormatName(snapshot.format())) + " dump with no whole goroutine record (" +
         FirstError(snapshot) + ")";
}

}  // namespace leakrig::profile
