"""Frame colours. Deterministic: a function gets the same colour in every
graph and every run (md5, not Python's salted hash())."""

from __future__ import annotations

import hashlib

Rgb = tuple[int, int, int]

NEUTRAL: Rgb = (224, 224, 218)
ROOT: Rgb = (200, 200, 196)
_GROW_FAINT, _GROW_FULL = (250, 222, 214), (214, 39, 24)
_SHRINK_FAINT, _SHRINK_FULL = (218, 228, 250), (38, 92, 212)
_MIN_TINT = 0.18  # so that a change of one goroutine is still visible


def _unit_values(name: str) -> tuple[float, float, float]:
    digest = hashlib.md5(name.encode("utf-8")).digest()
    return digest[0] / 255, digest[1] / 255, digest[2] / 255


def function_color(name: str) -> Rgb:
    """Orange to yellow, keyed on the name: Brendan Gregg's warm palette
    without its deep reds, which in this report mean growth."""
    v1, v2, v3 = _unit_values(name)
    return 225 + round(30 * v3), 105 + round(125 * v1), 20 + round(60 * v2)


def wait_color(name: str) -> Rgb:
    """Wait-reason frames are cool (lilac to blue), apart from the code."""
    v1, v2, _ = _unit_values(name)
    return 150 + round(40 * v1), 150 + round(40 * v2), 235


def growth_color(delta: int, max_abs_delta: int) -> Rgb:
    """Red for growth, blue for shrinkage, darker the larger the change."""
    if delta == 0 or max_abs_delta <= 0:
        return NEUTRAL
    share = min(abs(delta) / max_abs_delta, 1.0)
    tint = _MIN_TINT + (1 - _MIN_TINT) * share
    faint, full = (_GROW_FAINT, _GROW_FULL) if delta > 0 else (_SHRINK_FAINT, _SHRINK_FULL)
    r, g, b = (round(lo + (hi - lo) * tint) for lo, hi in zip(faint, full, strict=True))
    return r, g, b


def css(rgb: Rgb) -> str:
    return "rgb({},{},{})".format(*rgb)


def label_color(fill: Rgb) -> str:
    """Black on light fills, white on dark ones (relative luminance)."""
    r, g, b = fill
    return "#000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 110 else "#fff"
