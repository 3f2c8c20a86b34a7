"""Renders a PageView as index.html: one offline page, no script of its own,
a Content-Security-Policy that forbids any fetch but local files, and
every data-derived string escaped."""

from __future__ import annotations

import importlib.resources

from . import colors
from .chart_svg import render_chart
from .flame_svg import WIDTH as FLAME_WIDTH
from .flame_svg import svg_height
from .markup import esc, href, number
from .model import Suspect
from .pprof import Command
from .run_folder import SweepRecord, VariantRecord
from .view import (
    CompareView,
    FlameFile,
    PageView,
    RevisionRow,
    ScenarioView,
    VariantView,
    go_versions,
    revision_name,
)

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file:; "
    "frame-src 'self' file:; base-uri 'none'; form-action 'none'"
)
FILE_LINKS = (
    ("verdict", "verdict.json"),
    ("log", "fixture log"),
    ("baseline_dump", "baseline dump"),
    ("peak_dump", "dump after the load"),
    ("final_dump", "final dump"),
    ("baseline_folded", "baseline folded"),
    ("peak_folded", "folded after the load"),
    ("final_folded", "final folded"),
    ("states", "states.json"),
    ("runtime_leak_profile", "Go leak profile"),
)


def render_page(page: PageView) -> str:
    title = f"leakrig report: {page.run.root.name}"
    css = importlib.resources.files(__package__).joinpath("page.css").read_text(encoding="utf-8")
    body = [
        _header(page, title),
        _how_to_read(page),
        _verdict_table(page),
        _problems(page.run.problems),
        *(_scenario(s) for s in page.scenarios),
        _sweep(page.run.sweep),
    ]
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en">',
                "<head>",
                '<meta charset="utf-8">',
                f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{esc(title)}</title>",
                f"<style>\n{css}</style>",
                "</head>",
                "<body><main>",
                *[part for part in body if part],
                "</main></body>",
                "</html>",
            ]
        )
        + "\n"
    )


def _header(page: PageView, title: str) -> str:
    rows = [v.record.row for s in page.scenarios for v in s.variants]
    met = sum(r.passed for r in rows)
    ok = bool(rows) and page.run.passed and met == len(rows)
    banner = f"{'PASS' if ok else 'FAIL'}: {met} of {len(rows)} variants met their expectation"
    if page.run.compare is not None:  # compare passes on its own rule: before leaks, after is clean
        ok = page.run.compare.verified
        banner = "FIX VERIFIED" if ok else "FIX NOT VERIFIED"
        banner += f": {page.run.compare.scenario}, before \u2192 after"
    return (
        f"<h1>{esc(title)}</h1>\n"
        f'<p class="muted mono">{esc(page.run.root)}</p>\n'
        f"{_go_line(page)}"
        f'<div class="banner {"pass" if ok else "fail"}">{esc(banner)}</div>'
    )


def _go_line(page: PageView) -> str:
    versions = go_versions(page)
    return f'<p class="go">Go: {esc(", ".join(versions))}</p>\n' if versions else ""


def _how_to_read(page: PageView) -> str:
    grew, shrank = colors.css(colors.growth_color(1, 1)), colors.css(colors.growth_color(-1, 1))
    if page.run.compare is not None:
        what = (
            "<code>leakrig compare</code> ran two revisions of one service under the same load; by default "
            "<b>before</b> should come out <b>leak</b> (or <b>lingering</b>), <b>after</b> <b>clean</b>."
        )
    else:
        what = (
            "Each scenario runs a <b>leaky</b> and a <b>fixed</b> variant of one "
            "leak pattern under the same load. A leaky variant should come out <b>leak</b> (or "
            "<b>lingering</b>), a fixed one <b>clean</b>."
        )
    return (
        f'<p class="legend">{what} In differential flame graphs '
        f'<span class="swatch" style="background:{grew}"></span>red stacks grew'
        f'<span class="swatch" style="background:{shrank}"></span>blue ones shrank; '
        "hover a frame for its counts, click it to zoom.</p>"
    )


def _verdict_table(page: PageView) -> str:
    head = (
        "<tr><th>Scenario</th><th>Variant</th><th>Expected</th><th>Verdict</th><th>Result</th>"
        '<th class="num">Goroutines<br>baseline \u2192 peak \u2192 final</th><th>Top suspect</th>'
        "<th>Reason</th></tr>"
    )
    rows = [_verdict_row(v) for s in page.scenarios for v in s.variants]
    if not rows:
        return "<h2>Verdicts</h2>\n<p>This run folder has no scenario results.</p>"
    return f'<h2>Verdicts</h2>\n<table class="verdicts">\n{head}\n' + "\n".join(rows) + "\n</table>"


def _verdict_row(view: VariantView) -> str:
    row, v = view.record.row, view.record.verdict
    counts = f"{v.goroutines.baseline:,} \u2192 {v.goroutines.peak:,} \u2192 {v.goroutines.final:,}" if v else "\u2013"
    leaked = row.verdict in ("leak", "lingering")
    suspect = _short_function(view.suspects[0].top_function) if view.suspects and leaked else ""
    return (
        f'<tr><td class="nowrap"><a href="#{view.anchor}">{esc(row.scenario)}</a></td>'
        f"<td>{esc(row.variant)}</td><td>{esc(row.expected)}</td><td>{_verdict(row.verdict)}</td>"
        f'<td>{_badge(row.passed)}</td><td class="num">{counts}</td>'
        f'<td class="mono">{esc(suspect)}</td><td>{esc(row.reason)}</td></tr>'
    )


def _short_function(name: str) -> str:
    """ "leakrig/fixtures/patterns/x.F.func1" -> "x.F.func1": the package path
    is in the suspect table; the verdict table needs the name."""
    return name.rsplit("/", 1)[-1]


def _verdict(name: str) -> str:
    css_class = name if name in ("leak", "lingering", "clean", "error") else "error"
    return f'<span class="verdict-{css_class}">{esc(name)}</span>'


def _badge(passed: bool) -> str:
    return '<span class="badge pass">pass</span>' if passed else '<span class="badge fail">fail</span>'


def _problems(problems: list[str]) -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{esc(p)}</li>" for p in problems)
    return f'<div class="problems"><b>Problems while reading the run</b><ul>{items}</ul></div>'


def _scenario(view: ScenarioView) -> str:
    """A compare run's two revisions come first: they are its answer. A
    catalog scenario's leaky-against-fixed graphs follow its variants."""
    parts = [f'<h2 id="{view.anchor}">{esc(view.name)}</h2>']
    if view.compare is not None:
        parts.append(_comparison("Before against after", view, _revisions(view.compare)))
    parts.extend(_variant(v) for v in view.variants)
    if view.compare is None and (view.comparisons or view.commands):
        parts.append(_comparison("Leaky against fixed", view, ""))
    return "\n".join(parts)


def _comparison(heading: str, view: ScenarioView, table: str) -> str:
    opening = f'<section class="card"><h3>{esc(heading)}</h3>{table}'
    return "\n".join([opening, *(_figure(f) for f in view.comparisons), _commands(view.commands), "</section>"])


def _revisions(view: CompareView) -> str:
    """The two revisions side by side, and the rule that verifies the fix."""
    head = (
        "<tr><th></th><th>Revision</th><th>Passing verdicts</th><th>Verdict</th>"
        '<th class="num">Goroutines<br>baseline \u2192 peak \u2192 final</th><th>Top suspect</th></tr>'
    )
    rows = "".join(_revision_row(name, row) for name, row in (("before", view.before), ("after", view.after)))
    outcome = "fix verified" if view.verified else "NOT verified"
    return (
        f'<table class="verdicts">{head}{rows}</table>'
        f"<p>{_badge(view.verified)} {esc(outcome)}: before must come out "
        f"{esc(' or '.join(view.before.side.passing))}, after {esc(' or '.join(view.after.side.passing))}.</p>"
    )


def _revision_row(name: str, row: RevisionRow) -> str:
    cells = '<td>\u2013</td><td class="num">\u2013</td><td></td>'
    if row.record is not None and row.record.verdict is not None:
        v = row.record.verdict
        counts = f"{v.goroutines.baseline:,} \u2192 {v.goroutines.peak:,} \u2192 {v.goroutines.final:,}"
        leaked = v.verdict in ("leak", "lingering") and v.suspects
        suspect = _short_function(v.suspects[0].top_function) if leaked else ""
        cells = f'<td>{_verdict(v.verdict)}</td><td class="num">{counts}</td><td class="mono">{esc(suspect)}</td>'
    return (
        f'<tr><td><b>{esc(name)}</b></td><td class="mono">{esc(revision_name(row.side))}</td>'
        f"<td>{esc(', '.join(row.side.passing))}</td>{cells}</tr>"
    )


def _variant(view: VariantView) -> str:
    record = view.record
    row = record.row
    parts = [
        f'<section class="card variant" id="{view.anchor}">',
        f"<h3>{esc(row.scenario)} / {esc(row.variant)} {_badge(row.passed)}</h3>",
        f"<p>Expected {_verdict(row.expected)}, measured {_verdict(row.verdict)}: {esc(row.reason)}</p>",
    ]
    if record.verdict is not None:
        parts.append(_facts(record))
        parts.append(_chart_and_states(view))
        parts.append(_suspects(view.suspects, record.verdict.verdict))
    if view.flames:
        parts.append("<h4>Flame graphs</h4>")
        parts.extend(_figure(f) for f in view.flames)
    parts.append(_commands(view.commands))
    parts.append(_files(record))
    parts.append(_problems(record.problems))
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _facts(record: VariantRecord) -> str:
    v = record.verdict
    g, load = v.goroutines, v.load
    latency = load.latency_ms
    facts = [
        ("baseline", f"{g.baseline:,}"),
        ("peak", f"{g.peak:,}"),
        ("final", f"{g.final:,}"),
        ("growth", f"{g.final - g.baseline:+,}"),
    ]
    if v.detect_seconds is not None:
        facts.append(("above the tolerance after", f"{number(v.detect_seconds)} s"))
    facts += [
        ("requests", f"{load.requests:,}"),
        ("rate", f"{number(load.rps, 1)}/s"),
        ("errors", f"{load.errors:,}"),
        ("non-2xx", f"{load.non_2xx:,}"),
    ]
    if "p50" in latency and "p99" in latency:
        facts.append(("latency p50 / p99", f"{number(latency['p50'])} / {number(latency['p99'])} ms"))
    if v.heap is not None:
        facts.append(("live heap", f"{_mib(v.heap.baseline_bytes)} \u2192 {_mib(v.heap.final_bytes)} MiB"))
    if v.runtime_leak_profile is not None:
        agrees = "agrees" if v.runtime_leak_profile.agrees else "disagrees"
        facts.append(("Go leak profile", f"{v.runtime_leak_profile.leaked:,} leaked ({agrees})"))
    items = "".join(f"<span>{esc(k)} <b>{esc(val)}</b></span>" for k, val in facts)
    return f'<div class="facts">{items}</div>'


def _mib(size: int) -> str:
    return number(size / (1 << 20), 1)


def _chart_and_states(view: VariantView) -> str:
    row = view.record.row
    if view.chart is not None:
        chart = render_chart(view.chart, f"Goroutines over time for {row.scenario}/{row.variant}")
    else:
        chart = '<p class="muted">No samples were recorded.</p>'
    legend = "".join(f'<span class="swatch band-{p}"></span>{p}' for p in ("baseline", "load", "drain", "final"))
    chart += f'<p class="legend">{legend}<span class="dash"></span>baseline level</p>'
    return (
        f'<div class="row"><div><h4>Goroutines over time</h4>{chart}</div>'
        f"<div><h4>Goroutine states at the end</h4>{_states(view)}</div></div>"
    )


def _states(view: VariantView) -> str:
    if not view.states:
        return '<p class="muted">No states.json for this variant.</p>'
    rows = "".join(
        f'<tr><td class="mono nowrap">{esc(s.name)}</td><td class="num">{s.count:,}</td>'
        f'<td class="num">{percent(s.share)}</td>'
        f'<td style="width:45%"><span class="bar" style="width:{number(100 * s.share, 1)}%"></span></td></tr>'
        for s in view.states
    )
    return (
        '<table class="states"><tr><th>State</th><th class="num">Goroutines</th>'
        f'<th class="num">Share</th><th></th></tr>{rows}</table>'
    )


def percent(share: float) -> str:
    """One decimal, but never "0.0%" for some or "100.0%" for not all."""
    if 0 < share < 0.0005:
        return "&lt;0.1%"
    if 0.9995 <= share < 1:
        return "&gt;99.9%"
    return f"{100 * share:.1f}%"


def _suspects(suspects: list[Suspect], verdict: str) -> str:
    """A lingering variant's suspects come from the dump right after the load."""
    if not suspects:
        return '<h4>Top suspects</h4><p class="muted">No stack grew between the baseline and the final snapshot.</p>'
    if verdict in ("leak", "lingering"):
        heading, fix = "Top suspects", "<th>How to fix</th>"
    else:
        heading, fix = "Stacks that grew a little (within the tolerance: not a leak)", ""
    later = "after the load" if verdict == "lingering" else "final"
    rows = "".join(_suspect_row(s, bool(fix)) for s in suspects)
    return (
        f'<h4>{heading}</h4><table class="suspects"><tr><th>Where the goroutines wait</th>'
        f'<th>Wait reason</th><th class="num">baseline \u2192 {later}</th>{fix}</tr>'
        f"{rows}</table>"
    )


def _suspect_row(s: Suspect, with_hint: bool) -> str:
    created = f"<br>created by <code>{esc(s.created_by)}</code>" if s.created_by else ""
    location = f'<br><code class="muted">{esc(s.location)}</code>' if s.location else ""
    return (
        f"<tr><td><code>{esc(s.top_function)}</code>{location}{created}</td>"
        f'<td class="nowrap"><code>{esc(s.wait_reason)}</code></td>'
        f'<td class="num">{s.count_baseline:,} \u2192 {s.count_final:,}<br><b>{s.growth:+,}</b></td>'
        + (f'<td class="hint">{esc(s.hint)}</td>' if with_hint else "")
        + "</tr>"
    )


def _figure(f: FlameFile) -> str:
    link = href(f.path)
    height = svg_height(f.layout)
    return (
        f"<figure>"
        f'<iframe class="flame" src="{link}" title="{esc(f.layout.title)}" sandbox="allow-scripts" '
        f'scrolling="no" style="aspect-ratio: {FLAME_WIDTH} / {height}"></iframe>'
        f'<figcaption>{esc(f.caption)} <a href="{link}">Open on its own</a></figcaption></figure>'
    )


def _commands(commands: list[Command]) -> str:
    if not commands:
        return ""
    items = "".join(f'<div class="muted">{esc(c.label)}</div><pre class="cmd">{esc(c.text)}</pre>' for c in commands)
    return f"<h4>Open the raw profiles with pprof</h4>{items}"


def _files(record: VariantRecord) -> str:
    files = dict(record.files, verdict=record.row.verdict_file) if record.verdict else record.files
    links = [f'<a href="{href(files[key])}">{esc(label)}</a>' for key, label in FILE_LINKS if key in files]
    return f'<p class="files">Files: {"".join(links)}</p>' if links else ""


def _sweep(sweep: SweepRecord | None) -> str:
    if sweep is None:
        return ""
    parts = ['<h2 id="sweep">GOMAXPROCS sweep</h2>']
    if sweep.plot:
        parts.append(f'<img class="sweep" src="{href(sweep.plot)}" alt="GOMAXPROCS sweep plot">')
    links = "".join(f'<a href="{href(p)}">{esc(p)}</a>' for p in [*([sweep.plot] if sweep.plot else []), *sweep.data])
    parts.append(f'<p class="files">Files: {links}</p>')
    return "\n".join(parts)
