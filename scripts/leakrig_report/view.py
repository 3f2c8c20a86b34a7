"""Computes what the page shows from a run record: which graphs to draw,
with what, and what each section holds. Nothing here reads or writes files; page.py
and flame_svg.py turn the result into text, cli.py writes it."""

from __future__ import annotations

import dataclasses
import re

from . import chart, flame, pprof, sweep_plot
from .folded import FoldedProfile, build_tree
from .model import CompareRecord, CompareSide, Suspect
from .run_folder import RunRecord, VariantRecord

MAX_SUSPECTS = 5
LEAKY_EXPECTATIONS = ("leak", "lingering")


@dataclasses.dataclass(frozen=True)
class FlameFile:
    path: str  # relative to the run folder, where the SVG is written
    layout: flame.FlameLayout
    caption: str


@dataclasses.dataclass(frozen=True)
class StateRow:
    name: str
    count: int
    share: float  # of all goroutines in the snapshot, 0..1


@dataclasses.dataclass
class VariantView:
    anchor: str
    record: VariantRecord
    chart: chart.Chart | None
    states: list[StateRow]
    suspects: list[Suspect]  # the top ones, with fix hints only where they apply
    flames: list[FlameFile]
    commands: list[pprof.Command]


@dataclasses.dataclass(frozen=True)
class RevisionRow:
    side: CompareSide
    record: VariantRecord | None  # None when the run folder lacks that side's results


@dataclasses.dataclass(frozen=True)
class CompareView:
    """`leakrig compare`: two revisions of one service under the same load."""

    verified: bool
    before: RevisionRow
    after: RevisionRow


@dataclasses.dataclass
class ScenarioView:
    name: str
    anchor: str
    variants: list[VariantView]
    comparisons: list[FlameFile]
    commands: list[pprof.Command]
    compare: CompareView | None = None  # set for the service that `leakrig compare` ran


@dataclasses.dataclass
class PageView:
    run: RunRecord
    scenarios: list[ScenarioView]
    sweep_plot: sweep_plot.SweepPlot | None = None  # drawn from sweep.json, to run.sweep.plot

    @property
    def flames(self) -> list[FlameFile]:
        out = []
        for s in self.scenarios:
            out.extend(f for v in s.variants for f in v.flames)
            out.extend(s.comparisons)
        return out


def go_versions(view: PageView) -> list[str]:
    """Each Go that ran the variants, with how it offers the leak profile:
    ["go1.27.3 (leak profile built in)"]. More than one means a mixed run folder."""
    seen = {
        (v.record.verdict.go_version, v.record.verdict.go_leak_profile)
        for s in view.scenarios
        for v in s.variants
        if v.record.verdict and v.record.verdict.go_version
    }
    return [f"{version} (leak profile {support or 'unknown'})" for version, support in sorted(seen)]


def build_view(run: RunRecord) -> PageView:
    anchors = _Anchors()
    by_scenario: dict[str, list[VariantRecord]] = {}
    for record in run.variants:
        by_scenario.setdefault(record.row.scenario, []).append(record)
    scenarios = []
    for name, records in by_scenario.items():
        variants = [_variant_view(run, r, anchors.make(f"{name}-{r.row.variant}")) for r in records]
        if run.compare is not None and run.compare.scenario == name:
            compare, comparisons, commands = _revisions(run, run.compare, records)
        else:
            compare, (comparisons, commands) = None, _comparisons(run, name, records)
        scenarios.append(ScenarioView(name, anchors.make(name), variants, comparisons, commands, compare))
    sweep = run.sweep.result if run.sweep else None
    return PageView(run, scenarios, sweep_plot.compute_sweep_plot(sweep) if sweep else None)


class _Anchors:
    """HTML ids from names: safe characters only, unique."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, name: str) -> str:
        base = "s-" + re.sub(r"[^A-Za-z0-9_-]+", "-", name)
        anchor, n = base, 1
        while anchor in self.used:
            n += 1
            anchor = f"{base}-{n}"
        self.used.add(anchor)
        return anchor


def _variant_view(run: RunRecord, record: VariantRecord, anchor: str) -> VariantView:
    v = record.verdict
    return VariantView(
        anchor=anchor,
        record=record,
        chart=chart.compute_chart(v.goroutines) if v else None,
        states=state_rows(record.states or {}),
        suspects=suspect_rows(record),
        flames=variant_flames(record),
        commands=pprof.variant_commands(run.root, record.files),
    )


def state_rows(states: dict[str, int]) -> list[StateRow]:
    """Most common state first; ties by name, so the order is stable."""
    total = sum(states.values())
    ordered = sorted(states.items(), key=lambda item: (-item[1], item[0]))
    return [StateRow(name, count, count / total if total else 0.0) for name, count in ordered]


def suspect_rows(record: VariantRecord) -> list[Suspect]:
    """The top suspects; fix hints (the harness classifies each suspect into
    a leak pattern with a hint) only where the verdict found a leak, since a
    clean variant's small growth is noise, not something to fix."""
    if record.verdict is None:
        return []
    leaked = record.verdict.verdict in LEAKY_EXPECTATIONS
    return [s if leaked else dataclasses.replace(s, hint="") for s in record.verdict.suspects[:MAX_SUSPECTS]]


def variant_flames(record: VariantRecord) -> list[FlameFile]:
    """The final snapshot, baseline against final, and for a lingering
    variant (back to its baseline by the end) baseline against the moment
    after the load, when the harness wrote that snapshot."""
    who, directory = f"{record.row.scenario}/{record.row.variant}", record.directory
    out = []
    if record.final is not None:
        layout = flame.layout_flame(build_tree(record.final), f"{who}: goroutines in the final snapshot")
        out.append(
            FlameFile(
                f"{directory}/flame-final.svg",
                layout,
                "Where the goroutines are after the drain. Widths are goroutine counts.",
            )
        )
    if record.final is not None and record.baseline is not None:
        out.append(
            _diff(
                f"{directory}/flame-diff-baseline-final.svg",
                record.baseline,
                record.final,
                f"{who}: baseline \u2192 final",
                ("baseline", "final"),
                "What changed between the idle fixture and the end of the run: red stacks grew, blue ones shrank.",
            )
        )
    if _is_lingering(record) and record.peak is not None and record.baseline is not None:
        out.append(
            _diff(
                f"{directory}/flame-diff-baseline-peak.svg",
                record.baseline,
                record.peak,
                f"{who}: baseline \u2192 after the load",
                ("baseline", "after the load"),
                "What lingered right after the load, before it drained away: red stacks grew.",
            )
        )
    return out


def _diff(
    path: str, base: FoldedProfile, after: FoldedProfile, title: str, labels: tuple[str, str], caption: str
) -> FlameFile:
    return FlameFile(path, flame.layout_diff(build_tree(after, base=base), title, *labels), caption)


def _is_lingering(record: VariantRecord) -> bool:
    return record.verdict is not None and record.verdict.verdict == "lingering"


def comparison_pairs(records: list[VariantRecord]) -> list[tuple[VariantRecord, VariantRecord]]:
    """(clean, leaky) pairs of one scenario, in summary order. A variant
    expected to leak meets its namesake ("leaky-heap" -> "fixed-heap"); if
    it has none, the scenario's only clean variant, or else "fixed"."""
    clean = {r.row.variant: r for r in records if r.row.expected == "clean"}
    pairs = []
    for leaky in (r for r in records if r.row.expected in LEAKY_EXPECTATIONS):
        namesake = leaky.row.variant.replace("leaky", "fixed")
        match = clean.get(namesake) or (next(iter(clean.values())) if len(clean) == 1 else clean.get("fixed"))
        if match is not None:
            pairs.append((match, leaky))
    return pairs


def _comparisons(run: RunRecord, scenario: str, records: list[VariantRecord]):
    """Leaky against fixed: graphs and pprof commands. Final snapshots, or
    for a lingering variant the snapshots right after the load, when both
    variants have one: by the end a lingering variant has nothing to show."""
    flames, commands = [], []
    for clean, leaky in comparison_pairs(records):
        names = f"{clean.row.variant} \u2192 {leaky.row.variant}"
        base, after, moment = _moment(clean, leaky, lingering=_is_lingering(leaky))
        if base is not None and after is not None:
            scenario_dir = clean.directory.rpartition("/")[0] or "."
            path = f"{scenario_dir}/flame-diff-{_file_part(clean.row.variant)}-{_file_part(leaky.row.variant)}.svg"
            flames.append(
                _diff(
                    path,
                    base,
                    after,
                    f"{scenario}: {names}, {moment}",
                    (clean.row.variant, leaky.row.variant),
                    f"The same load on both variants: red stacks are what {leaky.row.variant} "
                    f"keeps and {clean.row.variant} does not.",
                )
            )
        base_file, final_file = clean.files.get("final_profile"), leaky.files.get("final_profile")
        if base_file and final_file:
            commands.append(pprof.comparison_command(run.root, base_file, final_file, f"{names} (final profiles)"))
    return flames, commands


def _moment(
    base: VariantRecord, later: VariantRecord, lingering: bool
) -> tuple[FoldedProfile | None, FoldedProfile | None, str]:
    """The snapshots two variants are compared at: the final ones, or with
    `lingering` those right after the load when both have one, since by the
    end a lingering variant has nothing to show."""
    if lingering and base.peak is not None and later.peak is not None:
        return base.peak, later.peak, "after the load"
    return base.final, later.final, "final snapshots"


def _revisions(run: RunRecord, compare: CompareRecord, records: list[VariantRecord]):
    """`leakrig compare`: both revisions side by side, and the graph before ->
    after, in which blue stacks are what the fix removed and red ones grew
    after it. Drawn whatever the verdicts: it is the evidence either way."""
    by_variant = {r.row.variant: r for r in records}
    before, after = by_variant.get(compare.before.variant), by_variant.get(compare.after.variant)
    view = CompareView(compare.verified, RevisionRow(compare.before, before), RevisionRow(compare.after, after))
    if before is None or after is None:
        return view, [], []
    flames, commands = [], []
    base, later, moment = _moment(before, after, lingering=_is_lingering(before) or _is_lingering(after))
    if base is not None and later is not None and compare.flame_graph:
        # Commits only: the heading shares its line with the legend; the page names the revisions.
        short_before, short_after = _short_commit(compare.before), _short_commit(compare.after)
        title = f"{compare.scenario}: before {short_before} \u2192 after {short_after}, {moment}"
        caption = (
            "The same load on both revisions. Blue stacks are what the fix removed (the leak, when it is fixed); "
            "red ones grew after it."
        )
        flames.append(_diff(compare.flame_graph, base, later, title, ("before", "after"), caption))
    base_file, final_file = before.files.get("final_profile"), after.files.get("final_profile")
    if base_file and final_file:
        label = "before \u2192 after (final profiles): negative counts are what the fix removed"
        commands.append(pprof.comparison_command(run.root, base_file, final_file, label))
    return view, flames, commands


def revision_name(side: CompareSide) -> str:
    """ "v1.2 (0123abcd4567)", or the commit alone when that is what was named."""
    if not side.commit or side.commit.startswith(side.revision):
        return _short_commit(side)
    return f"{side.revision} ({_short_commit(side)})"


def _short_commit(side: CompareSide) -> str:
    return side.commit[:12] or side.revision


def _file_part(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name) or "variant"
