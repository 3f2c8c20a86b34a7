"""The sweep's plot: wall time and runnable goroutines against GOMAXPROCS,
one line per workload, in two panels. Geometry only, computed apart from its
SVG (sweep_plot_svg.py).

Time is drawn on a log scale, so sleep's 12 ms and cpu's 360 ms both stay
readable; runnable goroutines on a linear one, scaled like the goroutine
chart. GOMAXPROCS values are evenly spaced in the order the sweep ran them.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

from .chart import Tick, nice_step, tick_label, ticks
from .model import SweepResult, SweepRow

WIDTH, HEIGHT = 960, 400
PAD = 24  # between a panel's edge and its first and last GOMAXPROCS
LEGEND_Y, LEGEND_STEP = 372, 110
COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")


@dataclasses.dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclasses.dataclass(frozen=True)
class Point:
    x: float
    y: float
    gomaxprocs: int
    label: str  # the value, as its axis labels it


@dataclasses.dataclass(frozen=True)
class Line:
    workload: str
    color: str
    points: tuple[Point, ...]  # the GOMAXPROCS values measured, in order


@dataclasses.dataclass(frozen=True)
class Panel:
    title: str
    box: Box
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]


@dataclasses.dataclass(frozen=True)
class SweepPlot:
    panels: tuple[Panel, ...]
    legend: tuple[tuple[str, str, float], ...]  # (workload, colour, x)
    width: int = WIDTH
    height: int = HEIGHT


@dataclasses.dataclass(frozen=True)
class Axis:
    """A value axis: maps a value to y inside a box."""

    low: float
    high: float
    log: bool
    values: tuple[float, ...]  # where the ticks go
    label: Callable[[float], str]

    def y(self, box: Box, value: float) -> float:
        if self.log:
            share = (math.log10(max(value, self.low)) - math.log10(self.low)) / (
                math.log10(self.high) - math.log10(self.low)
            )
        else:
            share = (value - self.low) / (self.high - self.low)
        return round(box.y + box.height - min(max(share, 0.0), 1.0) * box.height, 2)


def time_axis(values: list[float]) -> Axis:
    """Whole decades from below the smallest time to above the largest,
    ticked at 1, 2 and 5 times each power of ten."""
    low_exp, high_exp = -3, 0
    if values:
        low_exp = math.floor(math.log10(max(min(values), 1e-6)))
        high_exp = max(math.ceil(math.log10(max(max(values), 1e-6))), low_exp + 1)
    high = 10.0**high_exp
    marks = [m * 10.0**e for e in range(low_exp, high_exp + 1) for m in (1, 2, 5) if m * 10.0**e <= high * 1.0001]
    return Axis(10.0**low_exp, high, True, tuple(marks), seconds_label)


def count_axis(values: list[float]) -> Axis:
    """0 to a round number, stepped like the goroutine chart's count axis."""
    top = max([1.0, *values])
    step = nice_step(top)
    high = math.ceil(top / step) * step
    return Axis(0.0, high, False, tuple(ticks(0, high, step)), tick_label)


def seconds_label(seconds: float) -> str:
    return f"{seconds * 1000:g} ms" if seconds < 1 else f"{seconds:g} s"


def x_of(box: Box, index: int, count: int) -> float:
    if count <= 1:
        return round(box.x + box.width / 2, 2)
    return round(box.x + PAD + (box.width - 2 * PAD) * index / (count - 1), 2)


def compute_sweep_plot(sweep: SweepResult) -> SweepPlot:
    panels = (
        _panel(sweep, Box(80, 50, 370, 260), "wall time (median, log scale)", time_axis, lambda r: r.wall_seconds),
        _panel(
            sweep, Box(560, 50, 370, 260), "runnable goroutines (peak, median)", count_axis, lambda r: r.runnable_peak
        ),
    )
    legend = tuple((w, _color(i), 80 + LEGEND_STEP * i) for i, w in enumerate(sweep.workloads))
    return SweepPlot(panels, legend)


def _panel(
    sweep: SweepResult,
    box: Box,
    title: str,
    make_axis: Callable[[list[float]], Axis],
    pick: Callable[[SweepRow], float | None],
) -> Panel:
    measured = _measured(sweep, pick)
    axis = make_axis([v for by_procs in measured.values() for v in by_procs.values()])
    count = len(sweep.procs)
    lines = tuple(
        Line(
            workload,
            _color(i),
            tuple(
                Point(x_of(box, j, count), axis.y(box, measured[workload][p]), p, axis.label(measured[workload][p]))
                for j, p in enumerate(sweep.procs)
                if p in measured[workload]
            ),
        )
        for i, workload in enumerate(sweep.workloads)
    )
    return Panel(
        title,
        box,
        tuple(Tick(axis.y(box, v), axis.label(v)) for v in axis.values),
        tuple(Tick(x_of(box, j, count), str(p)) for j, p in enumerate(sweep.procs)),
        lines,
    )


def _measured(sweep: SweepResult, pick: Callable[[SweepRow], float | None]) -> dict[str, dict[int, float]]:
    """{workload: {GOMAXPROCS: value}} for the workloads and GOMAXPROCS the
    sweep ran; rows of others, and figures not measured, are left out."""
    out: dict[str, dict[int, float]] = {w: {} for w in sweep.workloads}
    for row in sweep.rows:
        value = pick(row)
        if row.workload in out and row.gomaxprocs in sweep.procs and value is not None:
            out[row.workload][row.gomaxprocs] = value
    return out


def _color(index: int) -> str:
    return COLORS[index % len(COLORS)]
