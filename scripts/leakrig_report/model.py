"""The run folder's records as Python types, read from parsed JSON.

Conversion is tolerant: a field that is missing or of the wrong type takes a
neutral default and is named in `problems`, so one odd verdict.json costs a
warning on the page instead of the whole report.
"""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class Suspect:
    top_function: str
    wait_reason: str
    created_by: str
    location: str
    count_baseline: int
    count_final: int
    pattern: str = ""  # the leak pattern the harness classified it as
    hint: str = ""  # the harness's one-line fix hint for that pattern

    @property
    def growth(self) -> int:
        return self.count_final - self.count_baseline


@dataclasses.dataclass(frozen=True)
class Goroutines:
    baseline: int = 0
    peak: int = 0
    final: int = 0
    series: tuple[tuple[float, int], ...] = ()
    phases: tuple[str, ...] = ()
    load_started: float | None = None
    load_ended: float | None = None


@dataclasses.dataclass(frozen=True)
class Load:
    requests: int = 0
    errors: int = 0
    non_2xx: int = 0
    seconds: float = 0.0
    rps: float = 0.0
    latency_ms: dict[str, float] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Heap:
    baseline_bytes: int
    final_bytes: int


@dataclasses.dataclass(frozen=True)
class RuntimeLeakProfile:
    """Go 1.26's goroutineleak profile, when the fixture was built with it."""

    leaked: int
    agrees: bool


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What a variant was expected to do and what it did: the part of its
    verdict.json that summary.json repeats, one row per variant."""

    scenario: str
    variant: str
    expected: str
    verdict: str
    passed: bool
    reason: str


@dataclasses.dataclass(frozen=True)
class Verdict(Outcome):
    detect_seconds: float | None
    goroutines: Goroutines
    suspects: tuple[Suspect, ...]
    suspect_matched: bool
    load: Load
    artifacts: dict[str, str]
    heap: Heap | None = None
    runtime_leak_profile: RuntimeLeakProfile | None = None
    go_version: str | None = None  # null for a watched service: its Go is not visible
    go_leak_profile: str | None = None  # how that Go offers the leak profile: "built in", ...


class _Reader:
    """Typed access to a JSON object that records what it had to default."""

    def __init__(self, data: Any, where: str, problems: list[str]):
        self.data = data if isinstance(data, dict) else {}
        self.where = where
        self.problems = problems
        if not isinstance(data, dict):
            problems.append(f"{where}: expected an object")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = self.data.get(key, default)
        if kind in (int, float, (int, float)) and isinstance(value, bool):
            value = None  # bool is an int in Python, never in the schema
        if value is default or isinstance(value, kind):
            return value
        self.problems.append(f"{self.where}: {key} is not {_kind_name(kind)}")
        return default

    def child(self, key: str) -> _Reader:
        """The object under key; an absent one reads as empty, silently."""
        return _Reader(self.data.get(key, {}), f"{self.where}.{key}", self.problems)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = [k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,))]
    return " or ".join(names)


NUMBER = (int, float)


def _outcome(r: _Reader) -> dict[str, Any]:
    """The Outcome fields, as keyword arguments."""
    return {
        "scenario": r.get("scenario", str, "?"),
        "variant": r.get("variant", str, "?"),
        "expected": r.get("expected", str, ""),
        "verdict": r.get("verdict", str, "error"),
        "passed": r.get("passed", bool, False),
        "reason": r.get("reason", str, ""),
    }


def verdict_from_json(data: Any, where: str, problems: list[str]) -> Verdict:
    r = _Reader(data, where, problems)
    return Verdict(
        **_outcome(r),
        detect_seconds=r.get("detect_seconds", NUMBER, None),
        goroutines=_goroutines(r.child("goroutines")),
        suspects=tuple(_suspect(_Reader(s, f"{where}.suspects", problems)) for s in r.get("suspects", list, [])),
        suspect_matched=r.get("suspect_matched", bool, False),
        load=_load(r.child("load")),
        artifacts={k: v for k, v in r.get("artifacts", dict, {}).items() if isinstance(v, str)},
        heap=_heap(r.child("heap")) if "heap" in r.data else None,
        runtime_leak_profile=_runtime_leak(r.child("runtime_leak_profile")),
        go_version=r.get("go_version", str, None),
        go_leak_profile=r.child("runtime_leak_profile").get("support", str, None),
    )


def _heap(r: _Reader) -> Heap:
    return Heap(r.get("baseline_bytes", int, 0), r.get("final_bytes", int, 0))


def _runtime_leak(r: _Reader) -> RuntimeLeakProfile | None:
    if not r.get("available", bool, False):
        return None
    return RuntimeLeakProfile(r.get("leaked", int, 0), r.get("agrees", bool, False))


def _goroutines(r: _Reader) -> Goroutines:
    series = []
    for point in r.get("series", list, []):
        if (
            isinstance(point, list)
            and len(point) == 2
            and all(isinstance(v, NUMBER) and not isinstance(v, bool) for v in point)
        ):
            series.append((float(point[0]), int(point[1])))
        else:
            r.problems.append(f"{r.where}.series: bad point {point!r:.40}")
    phases = [p if isinstance(p, str) else "" for p in r.get("phases", list, [])]
    return Goroutines(
        r.get("baseline", int, 0),
        r.get("peak", int, 0),
        r.get("final", int, 0),
        tuple(series),
        tuple(phases),
        r.get("load_started", NUMBER, None),
        r.get("load_ended", NUMBER, None),
    )


def _suspect(r: _Reader) -> Suspect:
    return Suspect(
        r.get("top_function", str, ""),
        r.get("wait_reason", str, ""),
        r.get("created_by", str, ""),
        r.get("location", str, ""),
        r.get("count_baseline", int, 0),
        r.get("count_final", int, 0),
        r.get("pattern", str, ""),
        r.get("hint", str, ""),
    )


def _load(r: _Reader) -> Load:
    latency = r.get("latency_ms", dict, {})
    return Load(
        r.get("requests", int, 0),
        r.get("errors", int, 0),
        r.get("non_2xx", int, 0),
        r.get("seconds", NUMBER, 0.0),
        r.get("rps", NUMBER, 0.0),
        {k: float(v) for k, v in latency.items() if isinstance(v, NUMBER) and not isinstance(v, bool)},
    )


@dataclasses.dataclass(frozen=True)
class SummaryRow(Outcome):
    verdict_file: str

    @classmethod
    def of(cls, outcome: Outcome, verdict_file: str) -> SummaryRow:
        fields = {f.name: getattr(outcome, f.name) for f in dataclasses.fields(Outcome)}
        return cls(**fields, verdict_file=verdict_file)


def summary_from_json(data: Any, problems: list[str]) -> tuple[bool, list[SummaryRow]]:
    r = _Reader(data, "summary.json", problems)
    rows = []
    for item in r.get("results", list, []):
        row = _Reader(item, "summary.json results", problems)
        outcome = _outcome(row)
        default_file = f"{outcome['scenario']}/{outcome['variant']}/verdict.json"
        rows.append(SummaryRow(**outcome, verdict_file=row.get("verdict_file", str, default_file)))
    return r.get("passed", bool, False), rows


@dataclasses.dataclass(frozen=True)
class SweepRow:
    """One (workload, GOMAXPROCS) case of a sweep: medians over its repeats."""

    workload: str
    gomaxprocs: int
    wall_seconds: float
    runnable_peak: float | None  # None: not measured (a service without runtime/metrics)


@dataclasses.dataclass(frozen=True)
class SweepResult:
    """What sweep.json says that the plot shows."""

    workloads: tuple[str, ...]  # as the sweep ran them, in order
    procs: tuple[int, ...]  # GOMAXPROCS values, in order
    rows: tuple[SweepRow, ...]


def _optional_number(value: Any) -> float | None:
    return None if value is None else float(value)


def sweep_from_json(data: Any, where: str, problems: list[str]) -> SweepResult:
    r = _Reader(data, where, problems)
    options = r.child("options")
    rows = []
    for item in r.get("rows", list, []):
        row = _Reader(item, f"{where} rows", problems)
        rows.append(
            SweepRow(
                row.get("workload", str, "?"),
                row.get("gomaxprocs", int, 0),
                float(row.child("wall_seconds").get("median", NUMBER, 0.0)),
                _optional_number(row.get("runnable_peak", (*NUMBER, type(None)), None)),
            )
        )
    # A service's sweep has one workload: the service, named as in its rows.
    service = options.child("service").get("name", str, "")
    workloads = [service] if service else options.get("workloads", list, [])
    return SweepResult(
        tuple(w for w in workloads if isinstance(w, str)),
        tuple(p for p in options.get("procs", list, []) if isinstance(p, int) and not isinstance(p, bool)),
        tuple(rows),
    )


@dataclasses.dataclass(frozen=True)
class CompareSide:
    variant: str  # "before" or "after": the results are in <scenario>/<variant>/
    revision: str  # as the user named it
    commit: str  # what git resolved it to
    passing: tuple[str, ...]  # the verdicts this side may come out with


@dataclasses.dataclass(frozen=True)
class CompareRecord:
    """compare.json: `leakrig compare` ran two revisions of one service."""

    scenario: str
    before: CompareSide
    after: CompareSide
    verified: bool
    flame_graph: str  # where the graph before -> after goes, relative to the run folder


def compare_from_json(data: Any, problems: list[str]) -> CompareRecord:
    r = _Reader(data, "compare.json", problems)
    scenario = r.get("scenario", str, "?")
    flame_graph = r.get("flame_graph", str, "")
    if not _is_plain_relative(flame_graph, ".svg"):
        problems.append(f"compare.json: flame_graph {flame_graph!r:.60} is not a relative .svg path inside the run")
        flame_graph = ""
    return CompareRecord(
        scenario,
        _compare_side(r.child("before"), "before"),
        _compare_side(r.child("after"), "after"),
        r.get("verified", bool, False),
        flame_graph,
    )


def _compare_side(r: _Reader, default_variant: str) -> CompareSide:
    passing = tuple(v for v in r.get("passing", list, []) if isinstance(v, str))
    variant = r.get("variant", str, default_variant)
    return CompareSide(variant, r.get("revision", str, "?"), r.get("commit", str, ""), passing)


def _is_plain_relative(path: str, suffix: str) -> bool:
    """Data names the file the report writes: never an absolute path or a way out."""
    parts = path.split("/")
    return path.endswith(suffix) and not path.startswith("/") and all(p not in ("", ".", "..") for p in parts)
