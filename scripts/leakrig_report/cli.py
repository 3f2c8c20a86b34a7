"""`scripts/report RUN_DIR`: reads a run folder, writes its index.html, flame
graph SVGs and sweep plot into it, and prints the index's path."""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile

from .flame_svg import render_flame
from .page import render_page
from .run_folder import read_run
from .sweep_plot_svg import render_sweep_plot
from .view import build_view


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="report", description=__doc__)
    parser.add_argument("run_dir", type=pathlib.Path, help="a leakrig run folder (results/<run-id>)")
    args = parser.parse_args(argv)
    root = args.run_dir.resolve()
    if not root.is_dir():
        print(f"report: {args.run_dir} is not a directory", file=sys.stderr)
        return 2
    run = read_run(root)
    if not run.variants and run.sweep is None:
        print(f"report: {args.run_dir} has no summary.json, verdict.json or sweep results", file=sys.stderr)
        return 1
    view = build_view(run)
    for flame in view.flames:
        write_inside(root, flame.path, render_flame(flame.layout))
    if view.sweep_plot is not None:  # drawn only from a sweep.json that reads
        write_inside(root, run.sweep.plot, render_sweep_plot(view.sweep_plot))
    index = write_inside(root, "index.html", render_page(view))
    problems = len(run.problems) + sum(len(v.problems) for v in run.variants)
    if problems:
        print(f"report: {problems} problem(s) reading the run, listed in the report", file=sys.stderr)
    print(index)
    return 0


def write_inside(root: pathlib.Path, relative: str, text: str) -> pathlib.Path:
    """Writes to a temporary name and renames, like the harness: a file that
    exists is complete. Refuses paths that leave the run folder."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise ValueError(f"refusing to write outside the run folder: {relative}")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    return target
