"""Goroutines over time: the chart's geometry, computed apart from its SVG.

Phases are shaded from the sampler's own phase labels; the load band uses
the exact load_started / load_ended times when the verdict has them, since
samples fall up to one interval after the phase changed.
"""

from __future__ import annotations

import dataclasses
import math

from .model import Goroutines

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 14, 38
PHASES = ("baseline", "load", "drain", "final")


@dataclasses.dataclass(frozen=True)
class Point:
    x: float
    y: float
    seconds: float
    count: int
    phase: str


@dataclasses.dataclass(frozen=True)
class Band:
    phase: str
    x0: float
    x1: float


@dataclasses.dataclass(frozen=True)
class Tick:
    position: float  # x or y in px
    label: str


@dataclasses.dataclass(frozen=True)
class Chart:
    points: tuple[Point, ...]
    bands: tuple[Band, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    baseline_y: float | None  # the baseline count as a level line
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def plot_box(self) -> tuple[float, float, float, float]:
        return LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A step of 1, 2 or 5 times a power of ten giving about target_ticks."""
    if span <= 0:
        return 1.0
    raw = span / target_ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def compute_chart(g: Goroutines) -> Chart | None:
    if not g.series:
        return None
    t_max = max(max(t for t, _ in g.series), g.load_ended or 0.0) or 1.0
    y_step = nice_step(max(max(c for _, c in g.series), g.baseline, 1))
    y_max = math.ceil(max(max(c for _, c in g.series), 1) / y_step) * y_step
    x_of = _scale(0.0, t_max, LEFT, WIDTH - RIGHT)
    y_of = _scale(0.0, y_max, HEIGHT - BOTTOM, TOP)
    phases = list(g.phases) + [""] * (len(g.series) - len(g.phases))
    points = tuple(Point(x_of(t), y_of(c), t, c, p) for (t, c), p in zip(g.series, phases, strict=False))
    x_step = nice_step(t_max, 8)
    return Chart(
        points=points,
        bands=tuple(Band(p, x_of(a), x_of(b)) for p, a, b in phase_spans(g, t_max)),
        x_ticks=tuple(Tick(x_of(t), tick_label(t)) for t in ticks(0, t_max, x_step)),
        y_ticks=tuple(Tick(y_of(v), tick_label(v)) for v in ticks(0, y_max, y_step)),
        baseline_y=y_of(g.baseline) if g.baseline else None,
    )


def phase_spans(g: Goroutines, t_max: float) -> list[tuple[str, float, float]]:
    """(phase, start, end) seconds for each run of equal phase labels. A run
    ends where the next begins; load's edges snap to the recorded times."""
    starts: list[tuple[str, float]] = []
    for (t, _), phase in zip(g.series, g.phases, strict=False):
        if phase in PHASES and (not starts or starts[-1][0] != phase):
            starts.append((phase, t))
    edges = {"load": g.load_started, "drain": g.load_ended}
    starts = [(p, edges.get(p) if edges.get(p) is not None else t) for p, t in starts]
    spans = []
    for i, (phase, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else t_max
        if phase == "load" and g.load_ended is not None:
            end = g.load_ended
        spans.append((phase, start, max(start, end)))
    return spans


def _scale(lo: float, hi: float, out_lo: float, out_hi: float):
    span = (hi - lo) or 1.0
    return lambda v: round(out_lo + (v - lo) / span * (out_hi - out_lo), 2)


def tick_label(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value:.3g}"
