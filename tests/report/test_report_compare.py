"""`leakrig compare`'s run folder: compare.json beside the two sides' results.
The hand-made run's unbuffered-send stands in for a service: its leaky variant
is the revision before the fix, its fixed one the revision after."""

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import report_helpers  # first: it puts scripts/ on sys.path, so that this module also runs on its own
from leakrig_report import colors
from leakrig_report.run_folder import read_run
from leakrig_report.view import build_view

SVG = "{http://www.w3.org/2000/svg}"
LEAK = "leakrig/fixtures/patterns/unbufferedsend.LeakyHandler.func1"
GRAPH = "unbuffered-send/flame-diff-before-after.svg"


def compare_json(verified=True, flame_graph=GRAPH):
    return {
        "scenario": "unbuffered-send",
        "before": {"variant": "leaky", "revision": "v1.2", "commit": "0123456789abcdef0123", "passing": ["leak"]},
        "after": {"variant": "fixed", "revision": "main", "commit": "fedcba9876543210fedc", "passing": ["clean"]},
        "verified": verified,
        "flame_graph": flame_graph,
    }


def compare_run(tmp_path, **record):
    run = report_helpers.copy_run(tmp_path)
    (run / "compare.json").write_text(json.dumps(compare_json(**record)))
    return run


def report(run):
    return subprocess.run(
        [sys.executable, str(report_helpers.SCRIPTS / "report"), str(run)], capture_output=True, text=True, timeout=60
    )


def frames(svg_path):
    """{frame name: (tooltip, fill)} of a flame graph SVG, which must parse as XML."""
    out = {}
    for group in ET.parse(svg_path).getroot().iter(f"{SVG}g"):
        if "f" in group.get("class", "").split():
            out[group.get("data-n")] = (group.find(f"{SVG}title").text, group.find(f"{SVG}rect").get("fill"))
    return out


def test_the_graph_before_to_after_shows_the_leak_removed(tmp_path):
    run = compare_run(tmp_path)
    result = report(run)
    assert result.returncode == 0, result.stderr
    svg = run / GRAPH
    root = ET.parse(svg).getroot()
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title").text
    assert title == "unbuffered-send: before 0123456789ab \u2192 after fedcba987654, final snapshots"
    tooltip, fill = frames(svg)[LEAK]
    assert "before 7412 \u2192 after 0 (-7412)" in tooltip
    assert fill == colors.css(colors.growth_color(-1, 1))  # the deepest blue: the largest change, a shrink


def test_stacks_that_grew_after_the_fix_are_red(tmp_path):
    """The other direction: a stack only the after side has is growth."""
    run = compare_run(tmp_path)
    after = run / "unbuffered-send" / "fixed" / "goroutine-final.folded"
    after.write_text(after.read_text() + "main.newLeak;[select] 50\n")
    assert report(run).returncode == 0
    tooltip, fill = frames(run / GRAPH)["main.newLeak"]
    assert "before 0 \u2192 after 50 (+50)" in tooltip
    assert fill == colors.css(colors.growth_color(50, 7412))


def test_the_page_puts_the_revisions_side_by_side(tmp_path):
    run = compare_run(tmp_path)
    assert report(run).returncode == 0
    page = (run / "index.html").read_text()
    assert "FIX VERIFIED: unbuffered-send, before \u2192 after" in page
    section = page[page.index("<h3>Before against after</h3>") :]
    assert re.search(r"<b>before</b></td><td class=\"mono\">v1\.2 \(0123456789ab\)</td><td>leak</td>", section)
    assert re.search(r"<b>after</b></td><td class=\"mono\">main \(fedcba987654\)</td><td>clean</td>", section)
    assert f'src="{GRAPH}"' in section
    assert "-diff_base=" in section and "leaky/goroutine-final.pb.gz" in section
    assert "<h3>Leaky against fixed</h3>" in page  # forgotten-unlock is no comparison: it keeps its own
    assert not (run / "unbuffered-send" / "flame-diff-fixed-leaky.svg").exists()


def test_a_fix_not_verified_says_so(tmp_path):
    run = compare_run(tmp_path, verified=False)
    assert report(run).returncode == 0
    page = (run / "index.html").read_text()
    assert "FIX NOT VERIFIED" in page and 'class="banner fail"' in page


@pytest.mark.parametrize("bad", ["../outside.svg", "/tmp/x.svg", "unbuffered-send/graph.html", "a/./b.svg"])
def test_a_graph_path_that_leaves_the_run_folder_is_refused(tmp_path, bad):
    run = compare_run(tmp_path, flame_graph=bad)
    record = read_run(run)
    assert any("flame_graph" in p for p in record.problems)
    assert report(run).returncode == 0
    assert not (tmp_path / "outside.svg").exists()
    assert GRAPH not in [f.path for f in build_view(record).flames]


def test_a_lingering_side_is_compared_right_after_the_load(tmp_path):
    """By the end a lingering leak has drained: the snapshots after the load show it."""
    run = compare_run(tmp_path)
    leaky = run / "unbuffered-send" / "leaky"
    verdict = json.loads((leaky / "verdict.json").read_text())
    verdict["verdict"] = "lingering"
    (leaky / "verdict.json").write_text(json.dumps(verdict))
    for side in ("leaky", "fixed"):
        folder = run / "unbuffered-send" / side
        (folder / "goroutine-peak.folded").write_text((folder / "goroutine-final.folded").read_text())
    (leaky / "goroutine-final.folded").write_text(
        (run / "unbuffered-send" / "fixed" / "goroutine-final.folded").read_text()
    )
    (flame,) = [f for f in build_view(read_run(run)).flames if f.path == GRAPH]
    assert flame.layout.title.endswith("after the load")
    assert any(b.name == LEAK and b.base == 7412 and b.count == 0 for b in flame.layout.boxes)
