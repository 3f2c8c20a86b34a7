#include "sweep/svg_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace leakrig::sweep {
namespace {

constexpr double kWidth = 960, kHeight = 400;
constexpr const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"};

struct Box {
  double x, y, w, h;  // the plot area, inside the axes
};

struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  std::vector<double> ticks;
  std::function<std::string(double)> label;
};

// One line: the workload's value at each GOMAXPROCS, if measured.
struct Series {
  std::string name;
  std::vector<std::optional<double>> values;
};

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

double Y(const Axis& a, const Box& b, double v) {
  double t = a.log ? (std::log10(std::max(v, a.lo)) - std::log10(a.lo)) / (std::log10(a.hi) - std::log10(a.lo))
                   : (v - a.lo) / (a.hi - a.lo);
  return b.y + b.h - std::clamp(t, 0.0, 1.0) * b.h;
}

double X(const Box& b, size_t i, size_t n) {
  constexpr double kPad = 24;
  if (n <= 1) return b.x + b.w / 2;
  return b.x + kPad + (b.w - 2 * kPad) * static_cast<double>(i) / static_cast<double>(n - 1);
}

std::vector<Series> Collect(const std::vector<SweepRow>& rows, const std::vector<std::string>& workloads,
                            const std::vector<int>& procs,
                            const std::function<std::optional<double>(const SweepRow&)>& pick) {
  std::vector<Series> out;
  for (const auto& w : workloads) {
    Series s{w, std::vector<std::optional<double>>(procs.size())};
    for (const SweepRow& r : rows) {
      auto at = std::find(procs.begin(), procs.end(), r.gomaxprocs);
      if (r.workload != w || at == procs.end()) continue;
      s.values[at - procs.begin()] = pick(r);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<double> Present(const std::vector<Series>& series) {
  std::vector<double> out;
  for (const auto& s : series) {
    for (const auto& v : s.values) {
      if (v) out.push_back(*v);
    }
  }
  return out;
}

// Decades from below the smallest time to above the largest, ticked at 1, 2
// and 5 times each power of ten.
Axis TimeAxis(const std::vector<double>& values) {
  double lo = 1e-3, hi = 1;
  if (!values.empty()) {
    lo = std::pow(10, std::floor(std::log10(std::max(*std::min_element(values.begin(), values.end()), 1e-6))));
    hi = std::pow(10, std::ceil(std::log10(std::max(*std::max_element(values.begin(), values.end()), 1e-6))));
    if (hi <= lo) hi = lo * 10;
  }
  std::vector<double> ticks;
  for (double decade = lo; decade <= hi * 1.0001; decade *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (decade * m <= hi * 1.0001) ticks.push_back(decade * m);
    }
  }
  auto label = [](double s) { return s < 1 ? fmt::format("{:g} ms", s * 1000) : fmt::format("{:g} s", s); };
  return {lo, hi, /*log=*/true, ticks, label};
}

// 0 to a round number (1, 2 or 5 times a power of ten) in 5 steps.
Axis CountAxis(const std::vector<double>& values) {
  double top = values.empty() ? 1 : std::max(1.0, *std::max_element(values.begin(), values.end()));
  double magnitude = std::pow(10, std::floor(std::log10(top)));
  double hi = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    hi = m * magnitude;
    if (hi >= top) break;
  }
  std::vector<double> ticks;
  for (int i = 0; i <= 5; ++i) ticks.push_back(hi * i / 5);
  return {0, hi, /*log=*/false, ticks, [](double v) { return fmt::format("{:g}", v); }};
}

std::string DrawAxes(const Box& b, const Axis& a, const std::vector<int>& procs, const std::string& title) {
  std::string out = fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"14\">{}</text>\n"
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"#888\"/>\n",
      b.x + b.w / 2, b.y - 12, Escape(title), b.x, b.y, b.w, b.h);
  for (double t : a.ticks) {
    double y = Y(a, b, t);
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" font-size=\"11\">{}</text>\n",
        b.x, y, b.x + b.w, y, b.x - 6, y + 4, Escape(a.label(t)));
  }
  for (size_t i = 0; i < procs.size(); ++i) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"11\">{}</text>\n",
                       X(b, i, procs.size()), b.y + b.h + 16, procs[i]);
  }
  out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"12\">GOMAXPROCS</text>\n",
                     b.x + b.w / 2, b.y + b.h + 34);
  return out;
}

std::string DrawSeries(const Box& b, const Axis& a, const Series& s, const std::vector<int>& procs, const char* color) {
  std::string points, dots;
  for (size_t i = 0; i < s.values.size(); ++i) {
    if (!s.values[i]) continue;
    double x = X(b, i, s.values.size()), y = Y(a, b, *s.values[i]);
    points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x, y);
    dots += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\">"
        "<title>{} at GOMAXPROCS={}: {}</title></circle>\n",
        x, y, color, Escape(s.name), procs[i], Escape(a.label(*s.values[i])));
  }
  return fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n{}", points, color,
                     dots);
}

std::string DrawPanel(const Box& b, const Axis& a, const std::vector<Series>& series, const std::vector<int>& procs,
                      const std::string& title) {
  std::string out = DrawAxes(b, a, procs, title);
  for (size_t i = 0; i < series.size(); ++i) {
    out += DrawSeries(b, a, series[i], procs, kColors[i % std::size(kColors)]);
  }
  return out;
}

std::string DrawLegend(const std::vector<std::string>& workloads) {
  std::string out;
  for (size_t i = 0; i < workloads.size(); ++i) {
    double x = 80 + 110 * static_cast<double>(i);
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"372\" x2=\"{:.1f}\" y2=\"372\" stroke=\"{}\" stroke-width=\"3\"/>\n"
        "<text x=\"{:.1f}\" y=\"376\" font-size=\"12\">{}</text>\n",
        x, x + 24, kColors[i % std::size(kColors)], x + 30, Escape(workloads[i]));
  }
  return out;
}

}  // namespace

std::string PlotSvg(const std::vector<SweepRow>& rows, const std::vector<std::string>& workloads,
                    const std::vector<int>& procs) {
  auto times = Collect(rows, workloads, procs, [](const SweepRow& r) { return std::optional(r.wall_seconds.median); });
  auto runnable = Collect(rows, workloads, procs, [](const SweepRow& r) { return r.runnable_peak; });
  const Box left{80, 50, 370, 260}, right{560, 50, 370, 260};
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" viewBox=\"0 0 {0:.0f} {1:.0f}\" "
      "font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      kWidth, kHeight);
  out += DrawPanel(left, TimeAxis(Present(times)), times, procs, "wall time (median, log scale)");
  out += DrawPanel(right, CountAxis(Present(runnable)), runnable, procs, "runnable goroutines (peak, median)");
  out += DrawLegend(workloads);
  return out + "</svg>\n";
}

}  // namespace leakrig::sweep
