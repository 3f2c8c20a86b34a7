"""Renders a FlameLayout as a self-contained SVG: inline CSS and JS, no
external reference, a <title> tooltip on every frame, click to zoom."""

from __future__ import annotations

import dataclasses
import importlib.resources

from . import colors
from .flame import Box, FlameLayout
from .markup import esc, number

WIDTH = 1200
PAD = 10
FRAME_HEIGHT = 17  # 16 px of frame and 1 px of gap
TOP = 44  # heading, note and the zoom button
BOTTOM = 26  # the details line
CHAR_WIDTH = 7.2  # a 12 px monospace glyph
MIN_FRAME_WIDTH = 0.1  # px: narrower frames are left out, like flamegraph.pl


def svg_height(layout: FlameLayout) -> int:
    return TOP + max(layout.depth, 1) * FRAME_HEIGHT + BOTTOM


def fit_label(name: str, width: float) -> str:
    """The frame's label truncated to its width (the JS does the same)."""
    room = int((width - 6) // CHAR_WIDTH)
    if room < 3:
        return ""
    return name if len(name) <= room else name[: room - 2] + ".."


def render_flame(layout: FlameLayout) -> str:
    height = svg_height(layout)
    kind = "diff" if layout.diff else "plain"
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="flame {kind}" '
        f'viewBox="0 0 {WIDTH} {height}" data-width="{WIDTH}" data-pad="{PAD}" '
        f'data-char-width="{CHAR_WIDTH}">',
        f"<title>{esc(layout.title)}</title>",
        f"<style><![CDATA[\n{_asset('flame.css')}]]></style>",
        f'<rect class="background" x="0" y="0" width="{WIDTH}" height="{height}"/>',
        f'<text class="heading" x="{WIDTH // 2}" y="18" text-anchor="middle">{esc(layout.title)}</text>',
        f'<text class="note" x="{WIDTH // 2}" y="35" text-anchor="middle">{esc(_note(layout))}</text>',
        f'<text id="unzoom" class="button hide" x="{PAD}" y="18">Reset zoom</text>',
        *(_legend(layout)),
        '<g id="frames">',
        *(_frame(layout, box) for box in _visible(layout)),
        "</g>",
        f'<text id="details" x="{PAD}" y="{height - 9}">\u00a0</text>',
        f'<script type="text/ecmascript"><![CDATA[\n{_asset("flame.js")}]]></script>',
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _asset(name: str) -> str:
    """An inline stylesheet or script, placed in a CDATA section."""
    text = importlib.resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    if "]]>" in text:
        raise ValueError(f"{name} contains ']]>', which would end its CDATA section")
    return text


def _note(layout: FlameLayout) -> str:
    root = layout.boxes[0] if layout.boxes else None
    if root is None:
        return "no goroutines in this snapshot"
    if layout.diff:
        return (f"{layout.base_label} {root.base} \u2192 {layout.count_label} {root.count} goroutines"
                f" \u00b7 hover for counts, click to zoom")
    return f"{root.count} goroutines \u00b7 hover for counts, click to zoom"


def _legend(layout: FlameLayout) -> list[str]:
    if not layout.diff:
        return []
    items = [("grew", colors.growth_color(1, 1)), ("shrank", colors.growth_color(-1, 1)),
             ("same", colors.NEUTRAL)]
    out = []
    x = WIDTH - PAD - 3 * 70
    for label, rgb in items:
        out.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colors.css(rgb)}"/>')
        out.append(f'<text class="note" x="{x + 16}" y="18">{label}</text>')
        x += 70
    return out


def _visible(layout: FlameLayout) -> list[Box]:
    scale = _scale(layout)
    return [b for b in layout.boxes if b.width * scale >= MIN_FRAME_WIDTH]


def _scale(layout: FlameLayout) -> float:
    return (WIDTH - 2 * PAD) / layout.total_width if layout.total_width else 0.0


@dataclasses.dataclass(frozen=True)
class _Geometry:
    x: float
    y: float
    w: float


def _frame(layout: FlameLayout, box: Box) -> str:
    scale = _scale(layout)
    g = _Geometry(PAD + box.start * scale, TOP + (layout.depth - 1 - box.depth) * FRAME_HEIGHT,
                  box.width * scale)
    fill = _fill(layout, box)
    x, w = number(g.x), number(g.w)
    return (
        f'<g class="f {box.kind}" data-n="{esc(box.name)}" data-x="{x}" data-w="{w}" data-d="{box.depth}">'
        f"<title>{esc(_tooltip(layout, box))}</title>"
        f'<rect x="{x}" y="{g.y}" width="{w}" height="{FRAME_HEIGHT - 1}" rx="2" fill="{colors.css(fill)}"/>'
        f'<text x="{number(g.x + 3)}" y="{g.y + 12}" fill="{colors.label_color(fill)}">'
        f"{esc(fit_label(box.name, g.w))}</text></g>"
    )


def _fill(layout: FlameLayout, box: Box) -> colors.Rgb:
    if layout.diff:
        return colors.growth_color(box.count - box.base, layout.max_abs_delta)
    if box.kind == "root":
        return colors.ROOT
    return colors.wait_color(box.name) if box.kind == "wait" else colors.function_color(box.name)


def _tooltip(layout: FlameLayout, box: Box) -> str:
    name = {"root": "all goroutines", "wait": f"{box.name} (wait reason)"}.get(box.kind, box.name)
    if layout.diff:
        delta = box.count - box.base
        return (f"{name}\n{layout.base_label} {box.base} \u2192 {layout.count_label} {box.count}"
                f" ({delta:+d})")
    root_count = layout.boxes[0].count
    share = 100 * box.count / root_count if root_count else 0
    noun = "goroutine" if box.count == 1 else "goroutines"
    return f"{name}\n{box.count} {noun} ({share:.1f}%)"
