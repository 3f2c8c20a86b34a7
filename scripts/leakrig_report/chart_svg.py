"""Renders a Chart as inline SVG for index.html (styled by page.css)."""

from __future__ import annotations

from .chart import Chart
from .markup import esc, number

MAX_MARKERS = 600  # hover markers per chart; beyond that the line alone


def render_chart(chart: Chart, label: str) -> str:
    left, top, right, bottom = chart.plot_box
    parts = [
        f'<svg class="chart" viewBox="0 0 {chart.width} {chart.height}" role="img" aria-label="{esc(label)}">',
        f"<title>{esc(label)}</title>",
        *_bands(chart, top, bottom),
        *_y_axis(chart, left, right),
        *_x_axis(chart, bottom),
        f'<line class="axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>',
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"/>',
        *_baseline(chart, left, right),
        *_series(chart),
        "</svg>",
    ]
    return "\n".join(parts)


def _bands(chart: Chart, top: float, bottom: float) -> list[str]:
    out = []
    for band in chart.bands:
        width = number(band.x1 - band.x0)
        out.append(
            f'<rect class="band band-{esc(band.phase)}" x="{number(band.x0)}" y="{top}" '
            f'width="{width}" height="{number(bottom - top)}"><title>{esc(band.phase)}</title></rect>'
        )
        if band.x1 - band.x0 >= 7 * len(band.phase):
            out.append(
                f'<text class="band-label" x="{number((band.x0 + band.x1) / 2)}" y="{top + 12}" '
                f'text-anchor="middle">{esc(band.phase)}</text>'
            )
    return out


def _y_axis(chart: Chart, left: float, right: float) -> list[str]:
    out = []
    for tick in chart.y_ticks:
        y = number(tick.position)
        out.append(f'<line class="grid" x1="{left}" y1="{y}" x2="{right}" y2="{y}"/>')
        out.append(f'<text class="tick" x="{left - 6}" y="{y}" dy="4" text-anchor="end">{esc(tick.label)}</text>')
    return out


def _x_axis(chart: Chart, bottom: float) -> list[str]:
    out = [
        f'<text class="tick" x="{number(tick.position)}" y="{bottom + 15}" text-anchor="middle">'
        f"{esc(tick.label)}</text>"
        for tick in chart.x_ticks
    ]
    middle = number((chart.plot_box[0] + chart.plot_box[2]) / 2)
    out.append(
        f'<text class="axis-label" x="{middle}" y="{chart.height - 4}" '
        f'text-anchor="middle">seconds since the fixture started</text>'
    )
    return out


def _baseline(chart: Chart, left: float, right: float) -> list[str]:
    if chart.baseline_y is None:
        return []
    y = number(chart.baseline_y)
    return [
        f'<line class="baseline" x1="{left}" y1="{y}" x2="{right}" y2="{y}"/>',
        f'<text class="tick" x="{right - 4}" y="{y}" dy="-4" text-anchor="end">baseline</text>',
    ]


def _series(chart: Chart) -> list[str]:
    coordinates = " ".join(f"{number(p.x)},{number(p.y)}" for p in chart.points)
    out = [f'<polyline class="series" points="{coordinates}"/>']
    if len(chart.points) <= MAX_MARKERS:
        out.extend(
            f'<circle class="marker" cx="{number(p.x)}" cy="{number(p.y)}" r="3">'
            f"<title>{esc(f'{p.seconds:g} s: {p.count} goroutines ({p.phase})')}</title></circle>"
            for p in chart.points
        )
    return out
