"""Renders a SweepPlot as sweep.svg: a file of its own (the page shows it as
an image), so it carries its own size, font and white background. No script,
no link, nothing fetched; the same plot always gives the same bytes."""

from __future__ import annotations

from .markup import esc, number
from .sweep_plot import LEGEND_Y, Box, Line, Panel, SweepPlot


def render_sweep_plot(plot: SweepPlot) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{plot.width}" height="{plot.height}" '
        f'viewBox="0 0 {plot.width} {plot.height}" font-family="sans-serif">',
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    for panel in plot.panels:
        parts.extend(_axes(panel))
        for line in panel.lines:
            parts.extend(_line(line))
    for workload, color, x in plot.legend:
        parts.append(
            f'<line x1="{number(x)}" y1="{LEGEND_Y}" x2="{number(x + 24)}" y2="{LEGEND_Y}" stroke="{color}" '
            'stroke-width="3"/>'
        )
        parts.append(f'<text x="{number(x + 30)}" y="{LEGEND_Y + 4}" font-size="12">{esc(workload)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _axes(panel: Panel) -> list[str]:
    box: Box = panel.box
    right, bottom, middle = box.x + box.width, box.y + box.height, number(box.x + box.width / 2)
    out = [
        f'<text x="{middle}" y="{number(box.y - 12)}" text-anchor="middle" font-size="14">{esc(panel.title)}</text>',
        f'<rect x="{number(box.x)}" y="{number(box.y)}" width="{number(box.width)}" height="{number(box.height)}" '
        'fill="none" stroke="#888"/>',
    ]
    for tick in panel.y_ticks:
        y = number(tick.position)
        out.append(f'<line x1="{number(box.x)}" y1="{y}" x2="{number(right)}" y2="{y}" stroke="#ddd"/>')
        out.append(
            f'<text x="{number(box.x - 6)}" y="{number(tick.position + 4)}" text-anchor="end" font-size="11">'
            f"{esc(tick.label)}</text>"
        )
    out.extend(
        f'<text x="{number(tick.position)}" y="{number(bottom + 16)}" text-anchor="middle" font-size="11">'
        f"{esc(tick.label)}</text>"
        for tick in panel.x_ticks
    )
    out.append(f'<text x="{middle}" y="{number(bottom + 34)}" text-anchor="middle" font-size="12">GOMAXPROCS</text>')
    return out


def _line(line: Line) -> list[str]:
    coordinates = " ".join(f"{number(p.x)},{number(p.y)}" for p in line.points)
    out = [f'<polyline points="{coordinates}" fill="none" stroke="{line.color}" stroke-width="2"/>']
    out.extend(
        f'<circle cx="{number(p.x)}" cy="{number(p.y)}" r="3.5" fill="{line.color}">'
        f"<title>{esc(f'{line.workload} at GOMAXPROCS={p.gomaxprocs}: {p.label}')}</title></circle>"
        for p in line.points
    )
    return out
