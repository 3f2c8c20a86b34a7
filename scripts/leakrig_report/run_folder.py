"""Reads a run folder (layout: results/README.md). The only module that
reads files; everything it finds missing or malformed becomes a problem
string on the record instead of an exception."""

from __future__ import annotations

import dataclasses
import json
import pathlib
from typing import Any

from . import model
from .folded import FoldedProfile, parse_folded

# Artifact key in verdict.json, and the file name used when the key is absent.
FILES = {
    "baseline_folded": "goroutine-baseline.folded",
    "peak_folded": "goroutine-peak.folded",
    "final_folded": "goroutine-final.folded",
    "states": "states.json",
    "baseline_profile": "goroutine-baseline.pb.gz",
    "final_profile": "goroutine-final.pb.gz",
    "baseline_heap": "heap-baseline.pb.gz",
    "final_heap": "heap-final.pb.gz",
    "baseline_dump": "goroutine-baseline.debug2.txt",
    "peak_dump": "goroutine-peak.debug2.txt",
    "final_dump": "goroutine-final.debug2.txt",
    "runtime_leak_profile": "goroutineleak.debug1.txt",
    "log": "fixture.log",
}
OPTIONAL = {"peak_folded"}  # drawn when present; its absence is no problem
COMPARE_FILE = "compare.json"  # written by `leakrig compare` beside summary.json


@dataclasses.dataclass
class VariantRecord:
    row: model.SummaryRow
    directory: str  # relative to the run folder, "/"-separated
    verdict: model.Verdict | None = None
    baseline: FoldedProfile | None = None
    peak: FoldedProfile | None = None  # right after the load: where lingering shows
    final: FoldedProfile | None = None
    states: dict[str, int] | None = None
    files: dict[str, str] = dataclasses.field(default_factory=dict)  # key -> relative path
    problems: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class SweepRecord:
    directory: str  # relative to the run folder ("" or "sweep")
    # Relative path of sweep.svg: where the report draws it from sweep.json,
    # or a plot found without one; None when there is neither.
    plot: str | None
    data: list[str]  # relative paths of sweep.json / sweep.csv
    result: model.SweepResult | None = None  # sweep.json, when it reads


@dataclasses.dataclass
class RunRecord:
    root: pathlib.Path  # absolute
    passed: bool
    variants: list[VariantRecord]
    sweep: SweepRecord | None
    problems: list[str]
    compare: model.CompareRecord | None = None  # `leakrig compare`'s two revisions


def read_run(root: pathlib.Path) -> RunRecord:
    root = root.resolve()
    problems: list[str] = []
    passed, rows = _read_rows(root, problems)
    variants = [_read_variant(root, row) for row in rows]
    return RunRecord(root, passed, variants, _find_sweep(root, problems), problems, _read_compare(root, problems))


def _read_compare(root: pathlib.Path, problems: list[str]) -> model.CompareRecord | None:
    path = root / COMPARE_FILE
    if not path.is_file():
        return None
    return model.compare_from_json(_read_json(path, problems, COMPARE_FILE), problems)


def _read_rows(root: pathlib.Path, problems: list[str]) -> tuple[bool, list[model.SummaryRow]]:
    """The summary's rows; without a summary (an interrupted run), one row per
    verdict.json found, taken from the verdict itself."""
    summary = root / "summary.json"
    if summary.exists():
        data = _read_json(summary, problems, "summary.json")
        return model.summary_from_json(data, problems)
    rows = []
    for path in sorted(root.glob("*/*/verdict.json")):
        relative = path.relative_to(root).as_posix()
        v = model.verdict_from_json(_read_json(path, problems, relative), relative, problems)
        rows.append(model.SummaryRow.of(v, relative))
    if rows:
        problems.append("summary.json is missing: the run may have been interrupted")
    return bool(rows) and all(r.passed for r in rows), rows


def _read_variant(root: pathlib.Path, row: model.SummaryRow) -> VariantRecord:
    directory = pathlib.PurePosixPath(row.verdict_file).parent.as_posix()
    record = VariantRecord(row, directory)
    verdict_path = root / row.verdict_file
    if not _inside(root, verdict_path) or not verdict_path.exists():
        record.problems.append(f"{row.verdict_file} is missing")
        return record
    data = _read_json(verdict_path, record.problems, row.verdict_file)
    record.verdict = model.verdict_from_json(data, row.verdict_file, record.problems)
    record.files = _locate_files(root, directory, record.verdict.artifacts)
    record.baseline = _read_folded(root, record, "baseline_folded")
    record.peak = _read_folded(root, record, "peak_folded")
    record.final = _read_folded(root, record, "final_folded")
    record.states = _read_states(root, record)
    return record


def _locate_files(root: pathlib.Path, directory: str, artifacts: dict[str, str]) -> dict[str, str]:
    """Each file where verdict.json's artifacts say, else by its usual name."""
    found = {}
    for key, name in FILES.items():
        for relative in (artifacts.get(key), f"{directory}/{name}"):
            if relative and _inside(root, root / relative) and (root / relative).is_file():
                found[key] = pathlib.PurePosixPath(relative).as_posix()
                break
    return found


def _inside(root: pathlib.Path, path: pathlib.Path) -> bool:
    """Data names the files; never follow it out of the run folder."""
    return path.resolve().is_relative_to(root)


def _read_folded(root: pathlib.Path, record: VariantRecord, key: str) -> FoldedProfile | None:
    relative = record.files.get(key)
    if relative is None:
        if key not in OPTIONAL:
            record.problems.append(f"no {FILES[key]}: no flame graph for it")
        return None
    with open(root / relative, encoding="utf-8", errors="replace") as lines:
        profile = parse_folded(lines)
    record.problems.extend(f"{relative} {error}" for error in profile.errors)
    return profile


def _read_states(root: pathlib.Path, record: VariantRecord) -> dict[str, int] | None:
    relative = record.files.get("states")
    if relative is None:
        return None
    data = _read_json(root / relative, record.problems, relative)
    if not isinstance(data, dict):
        record.problems.append(f"{relative}: expected an object of counts")
        return None
    return {str(k): v for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)}


def _read_json(path: pathlib.Path, problems: list[str], name: str) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        problems.append(f"{name}: {e}")
        return None


def _find_sweep(root: pathlib.Path, problems: list[str]) -> SweepRecord | None:
    """A sweep run folder itself, or a sweep/ folder inside the run."""
    for directory in ("", "sweep"):
        folder = root / directory if directory else root
        prefix = f"{directory}/" if directory else ""
        data = [prefix + n for n in ("sweep.json", "sweep.csv") if (folder / n).is_file()]
        result = None
        if (folder / "sweep.json").is_file():
            parsed = _read_json(folder / "sweep.json", problems, f"{prefix}sweep.json")
            result = model.sweep_from_json(parsed, f"{prefix}sweep.json", problems) if parsed is not None else None
        if result is not None or (folder / "sweep.svg").is_file():
            return SweepRecord(directory, f"{prefix}sweep.svg", data, result)
        if data:
            return SweepRecord(directory, None, data)
    return None
