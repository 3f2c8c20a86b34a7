"""Renders a FlameLayout as a self-contained SVG: inline CSS and JS, no
external reference, a <title> tooltip on every frame, click to zoom.

The root is drawn at the top, as `go tool pprof`'s flame view does: on a
page the widest frames, where a leak shows, come right under the heading.
"""

from __future__ import annotations

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
# Frames narrower than this (px, unzoomed) are left out and counted in the
# note: a leak of thousands makes every other stack a sub-pixel sliver that
# nobody can see or click, and those stacks' depth would leave the graph
# mostly empty. Their goroutines still count in their parents' widths.
MIN_FRAME_WIDTH = 0.5


def visible_boxes(layout: FlameLayout) -> list[Box]:
    scale = _scale(layout)
    return [b for b in layout.boxes if b.width * scale >= MIN_FRAME_WIDTH]


def svg_height(layout: FlameLayout) -> int:
    depth = max((b.depth for b in visible_boxes(layout)), default=0) + 1
    return TOP + depth * FRAME_HEIGHT + BOTTOM


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
        *(_frame(layout, box) for box in visible_boxes(layout)),
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
        note = f"{layout.base_label} {root.base} \u2192 {layout.count_label} {root.count} goroutines"
    else:
        note = f"{root.count} goroutines"
    left_out = len(layout.boxes) - len(visible_boxes(layout))
    if left_out:
        note += f" \u00b7 {left_out} frames too narrow to draw"
    return note + " \u00b7 hover for counts, click to zoom"


def _legend(layout: FlameLayout) -> list[str]:
    if not layout.diff:
        return []
    items = [("grew", colors.growth_color(1, 1)), ("shrank", colors.growth_color(-1, 1)), ("same", colors.NEUTRAL)]
    out = []
    x = WIDTH - PAD - 3 * 70
    for label, rgb in items:
        out.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colors.css(rgb)}"/>')
        out.append(f'<text class="note" x="{x + 16}" y="18">{label}</text>')
        x += 70
    return out


def _scale(layout: FlameLayout) -> float:
    return (WIDTH - 2 * PAD) / layout.total_width if layout.total_width else 0.0


def _frame(layout: FlameLayout, box: Box) -> str:
    """One frame: a group holding its tooltip, rectangle and label. The group
    keeps the unzoomed x and width for the script."""
    scale = _scale(layout)
    x, w = PAD + box.start * scale, box.width * scale
    y = TOP + box.depth * FRAME_HEIGHT
    fill = _fill(layout, box)
    return (
        f'<g class="f {box.kind}" data-n="{esc(box.name)}" data-x="{number(x)}" data-w="{number(w)}" '
        f'data-d="{box.depth}"><title>{esc(_tooltip(layout, box))}</title>'
        f'<rect x="{number(x)}" y="{y}" width="{number(w)}" height="{FRAME_HEIGHT - 1}" rx="2" '
        f'fill="{colors.css(fill)}"/>'
        f'<text x="{number(x + 3)}" y="{y + 12}" fill="{colors.label_color(fill)}">'
        f"{esc(fit_label(box.name, w))}</text></g>"
    )


def _fill(layout: FlameLayout, box: Box) -> colors.Rgb:
    if layout.diff:
        return colors.growth_color(box.count - box.base, layout.max_abs_delta)
    if box.kind == "root":
        return colors.ROOT
    return colors.wait_color(box.name) if box.kind == "wait" else colors.function_color(box.name)


def _tooltip(layout: FlameLayout, box: Box) -> str:
    """Name, counts, and for a frame that goroutines wait in, their wait reasons."""
    name = {"root": "all goroutines", "wait": f"{box.name} (goroutine state)"}.get(box.kind, box.name)
    if layout.diff:
        counts = f"{layout.base_label} {box.base} \u2192 {layout.count_label} {box.count} ({box.count - box.base:+d})"
    else:
        root_count = layout.boxes[0].count
        share = 100 * box.count / root_count if root_count else 0
        counts = f"{box.count} goroutine{'' if box.count == 1 else 's'} ({share:.1f}%)"
    waits = ", ".join(f"{reason} {count}" for reason, count in box.waits)
    return f"{name}\n{counts}" + (f"\nwaiting here: {waits}" if waits else "")
