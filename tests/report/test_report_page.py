"""What the page shows (computed) and how it is written (escaped, offline)."""

import html
import json
import pathlib
import re

import pytest
from leakrig_report.folded import parse_folded
from leakrig_report.markup import href, number
from leakrig_report.model import Goroutines, Load, SummaryRow, Suspect, Verdict
from leakrig_report.page import percent, render_page
from leakrig_report.pprof import pprof_command, variant_commands
from leakrig_report.run_folder import VariantRecord, read_run
from leakrig_report.view import build_view, comparison_pairs, state_rows, suspect_rows, variant_flames
from report_helpers import RUN, copy_run

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def page():
    return render_page(build_view(read_run(RUN)))


def test_state_rows_put_the_most_common_state_first():
    rows = state_rows({"select": 1, "chan send": 7412, "IO wait": 2, "running": 1})
    assert [(r.name, r.count) for r in rows] == [("chan send", 7412), ("IO wait", 2), ("running", 1), ("select", 1)]
    assert rows[0].share == pytest.approx(7412 / 7416)


def test_each_leaky_variant_is_compared_with_each_clean_one():
    run = read_run(RUN)
    pairs = comparison_pairs([v for v in run.variants if v.row.scenario == "unbuffered-send"])
    assert [(c.row.variant, lk.row.variant) for c, lk in pairs] == [("fixed", "leaky")]


def test_pprof_commands_are_exact_and_quoted():
    assert (
        pprof_command(pathlib.Path("/r/a/goroutine-final.pb.gz"))
        == "go tool pprof -http=127.0.0.1:0 /r/a/goroutine-final.pb.gz"
    )
    assert (
        pprof_command(pathlib.Path("/r/a/final.pb.gz"), base=pathlib.Path("/r/a/base.pb.gz"))
        == "go tool pprof -http=127.0.0.1:0 -diff_base=/r/a/base.pb.gz /r/a/final.pb.gz"
    )
    assert pprof_command(pathlib.Path("/my run/f.pb.gz")) == "go tool pprof -http=127.0.0.1:0 '/my run/f.pb.gz'"


def test_variant_commands_open_baseline_final_and_their_difference():
    files = {"baseline_profile": "s/v/goroutine-baseline.pb.gz", "final_profile": "s/v/goroutine-final.pb.gz"}
    commands = [c.text for c in variant_commands(pathlib.Path("/run"), files)]
    assert commands == [
        "go tool pprof -http=127.0.0.1:0 /run/s/v/goroutine-baseline.pb.gz",
        "go tool pprof -http=127.0.0.1:0 /run/s/v/goroutine-final.pb.gz",
        "go tool pprof -http=127.0.0.1:0 -diff_base=/run/s/v/goroutine-baseline.pb.gz /run/s/v/goroutine-final.pb.gz",
    ]
    assert variant_commands(pathlib.Path("/run"), {}) == []


def test_page_lists_every_variant_in_the_verdict_table(page):
    table = page[page.index('<table class="verdicts">') : page.index("</table>")]
    assert table.count("<tr>") == 5
    for name in ("unbuffered-send", "forgotten-unlock", "leaky", "fixed", "unbufferedsend.LeakyHandler.func1"):
        assert name in table
    assert "PASS: 4 of 4 variants met their expectation" in page


def test_page_shows_suspects_with_location_and_hint(page):
    assert "/work/main/go-fixtures/patterns/unbufferedsend/unbufferedsend.go:33" in page
    assert "defer mu.Unlock()" in page and "buffer of 1" in page


def test_page_prints_the_pprof_diff_base_command(page):
    root = RUN.resolve()
    want = (
        f"go tool pprof -http=127.0.0.1:0 -diff_base={root}/unbuffered-send/leaky/goroutine-baseline.pb.gz "
        f"{root}/unbuffered-send/leaky/goroutine-final.pb.gz"
    )
    assert want in page
    assert f"-diff_base={root}/unbuffered-send/fixed/goroutine-final.pb.gz" in page


def test_page_references_only_local_files(page):
    urls = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert urls and all(not re.match(r"^[a-z][a-z0-9+.-]*:|^//", u) for u in urls), urls
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in html.unescape(page)
    assert "<script" not in page


@pytest.mark.parametrize(
    "give, want",
    [
        ("s/v/flame-final.svg", "s/v/flame-final.svg"),
        ("my run/a b.svg", "my%20run/a%20b.svg"),
        ("javascript:alert(1)", "javascript%3Aalert%281%29"),
        ("/etc/passwd", ""),
        ("s/../../etc/passwd", ""),
        ('x"><script>', "x%22%3E%3Cscript%3E"),
    ],
)
def test_href_keeps_links_inside_the_run_folder(give, want):
    assert href(give) == want


@pytest.mark.parametrize("value, digits, want", [(12.5, 2, "12.5"), (3.0, 2, "3"), (-0.001, 2, "0"), (2.345, 1, "2.3")])
def test_number_has_fixed_precision_without_trailing_zeros(value, digits, want):
    assert number(value, digits) == want


def make_hostile(run):
    """Puts markup into every field of one variant that reaches the page."""
    summary = json.loads((run / "summary.json").read_text())
    summary["results"][0].update(scenario=HOSTILE, reason=HOSTILE)
    (run / "summary.json").write_text(json.dumps(summary))
    path = run / "unbuffered-send/leaky/verdict.json"
    verdict = json.loads(path.read_text())
    verdict["suspects"][0].update(top_function=HOSTILE, location=HOSTILE, created_by=HOSTILE, wait_reason=HOSTILE)
    verdict["artifacts"]["log"] = "javascript:alert(1)"
    path.write_text(json.dumps(verdict))
    (run / "unbuffered-send/leaky/states.json").write_text(json.dumps({HOSTILE: 3}))
    with open(run / "unbuffered-send/leaky/goroutine-final.folded", "a") as f:
        f.write("main.<b>x</b>;[<i>y</i>] 2\n")


def test_page_escapes_everything_that_comes_from_the_run(tmp_path):
    run = copy_run(tmp_path)
    make_hostile(run)
    page = render_page(build_view(read_run(run)))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in re.findall(r'id="([^"]*)"', page))


def record(variant, expected, verdict="clean", peak=None, suspects=()):
    """A variant record as read_run makes it, for tests of the computations."""
    row = SummaryRow("s", variant, expected, verdict, True, "", f"s/{variant}/verdict.json")
    v = Verdict(
        "s",
        variant,
        expected,
        verdict,
        True,
        "",
        None,
        Goroutines(),
        tuple(Suspect(*s) for s in suspects),
        False,
        Load(),
        {},
    )
    return VariantRecord(
        row,
        f"s/{variant}",
        v,
        baseline=parse_folded(["a;[select] 1"]),
        peak=parse_folded(peak) if peak else None,
        final=parse_folded(["a;[select] 1"]),
    )


@pytest.mark.parametrize(
    "name, variants, want",
    [
        ("one pair", [("leaky", "leak"), ("fixed", "clean")], [("fixed", "leaky")]),
        (
            "namesakes",
            [
                ("leaky", "lingering"),
                ("fixed", "clean"),
                ("fixed-heap", "clean"),
                ("leaky-heap", "leak"),
                ("leaky-heap-default", "clean"),
            ],
            [("fixed", "leaky"), ("fixed-heap", "leaky-heap")],
        ),
        ("the only clean one", [("slow", "leak"), ("fast", "clean")], [("fast", "slow")]),
        ("no clean one", [("leaky", "leak")], []),
    ],
)
def test_pairs_each_leaky_variant_with_its_fixed_one(name, variants, want):
    pairs = comparison_pairs([record(v, e) for v, e in variants])
    assert [(c.row.variant, lk.row.variant) for c, lk in pairs] == want, name


def test_lingering_variant_gets_a_graph_of_what_lingered_after_the_load():
    flames = variant_flames(record("leaky", "lingering", "lingering", peak=["a;[select] 1", "w;[sleep] 900"]))
    assert [f.path for f in flames] == [
        "s/leaky/flame-final.svg",
        "s/leaky/flame-diff-baseline-final.svg",
        "s/leaky/flame-diff-baseline-peak.svg",
    ]
    assert {b.name: b.count - b.base for b in flames[2].layout.boxes}["w"] == 900


def test_clean_variant_suspects_get_no_fix_hint():
    suspect = ("x/pkg.worker", "chan send", "", "", 0, 1, "send with no receiver", "give it a buffer of 1")
    assert suspect_rows(record("fixed", "clean", suspects=[suspect]))[0].hint == ""
    assert suspect_rows(record("leaky", "leak", "leak", suspects=[suspect]))[0].hint == "give it a buffer of 1"


@pytest.mark.parametrize(
    "share, want", [(0, "0.0%"), (1 / 7417, "&lt;0.1%"), (7416 / 7417, "&gt;99.9%"), (1, "100.0%"), (0.25, "25.0%")]
)
def test_percent_never_rounds_some_to_none_or_all(share, want):
    assert percent(share) == want


def test_page_shows_heap_and_go_leak_profile_facts(page):
    assert "live heap <b>0.2 \u2192 6.1 MiB</b>" in page
    assert "Go leak profile <b>7,412 leaked (agrees)</b>" in page


def test_header_names_the_go_that_ran_the_variants(page):
    assert '<p class="go">Go: go1.26.8 (leak profile GOEXPERIMENT=goroutineleakprofile)</p>' in page


def test_header_names_no_go_when_the_verdicts_do_not(tmp_path):
    run = copy_run(tmp_path)
    for path in run.glob("*/*/verdict.json"):
        data = json.loads(path.read_text())
        data["go_version"] = None  # as watch writes it: a target's Go is not visible
        path.write_text(json.dumps(data))
    assert '<p class="go">' not in render_page(build_view(read_run(run)))
