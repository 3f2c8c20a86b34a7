"""Flame graph layout: where each frame goes, in goroutine units.

Plain graphs are sized by the drawn profile's counts. Differential graphs are
sized by the union of both profiles, so that a stack which vanished still
shows (in blue) instead of collapsing to nothing: a frame's width is
max(self in base, self in profile) plus its children's widths. Tooltips give
the real counts.
"""

from __future__ import annotations

import dataclasses

from .folded import Node, is_wait_frame


@dataclasses.dataclass(frozen=True)
class Box:
    name: str
    depth: int  # 0 for the root
    start: int  # left edge, in width units
    width: int
    count: int
    base: int
    kind: str  # "root", "function" or "wait"
    waits: tuple[tuple[str, int], ...] = ()  # wait-reason children: (frame, count)


@dataclasses.dataclass(frozen=True)
class FlameLayout:
    title: str
    boxes: tuple[Box, ...]  # depth-first, children by name
    total_width: int
    depth: int  # frames in the deepest stack, root included
    diff: bool
    base_label: str = ""  # what `base` counts, e.g. "baseline"
    count_label: str = ""  # what `count` counts, e.g. "final"

    @property
    def max_abs_delta(self) -> int:
        return max((abs(b.count - b.base) for b in self.boxes), default=0)


def layout_flame(root: Node, title: str) -> FlameLayout:
    """A plain flame graph of the tree's counts (its bases are ignored)."""
    boxes = _place(root, _weights(root, diff=False), depth=0, start=0)
    return _finish(title, boxes, diff=False)


def layout_diff(root: Node, title: str, base_label: str, count_label: str) -> FlameLayout:
    """A differential graph of a tree built with a base profile."""
    boxes = _place(root, _weights(root, diff=True), depth=0, start=0)
    return _finish(title, boxes, diff=True, base_label=base_label, count_label=count_label)


def _weights(root: Node, diff: bool) -> dict[int, int]:
    """Width of every node, keyed by id(node). O(nodes)."""
    weights: dict[int, int] = {}

    def visit(node: Node) -> int:
        own = max(node.self_count, node.self_base) if diff else node.self_count
        weights[id(node)] = max(own, 0) + sum(visit(c) for c in node.children.values())
        return weights[id(node)]

    visit(root)
    return weights


def _place(node: Node, weights: dict[int, int], depth: int, start: int) -> list[Box]:
    width = weights[id(node)]
    if width == 0:
        return []
    kind = "root" if depth == 0 else "wait" if is_wait_frame(node.name) else "function"
    waits = tuple((c.name, c.count) for c in node.sorted_children() if is_wait_frame(c.name))
    boxes = [Box(node.name, depth, start, width, node.count, node.base, kind, waits)]
    offset = start
    for child in node.sorted_children():
        boxes.extend(_place(child, weights, depth + 1, offset))
        offset += weights[id(child)]
    return boxes


def _finish(title: str, boxes: list[Box], diff: bool, **labels: str) -> FlameLayout:
    total = boxes[0].width if boxes else 0
    depth = max((b.depth for b in boxes), default=-1) + 1
    return FlameLayout(title, tuple(boxes), total, depth, diff, **labels)
