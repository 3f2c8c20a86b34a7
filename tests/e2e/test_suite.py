"""`leakrig suite`: every scenario in every variant meets its manifest's
expectation, on every Go in scripts/go-versions."""

import itertools
import json
import re
import tomllib
import xml.etree.ElementTree as ET

import pytest
from conftest import GO_VERSIONS, ROOT, fixture_processes, read_json, run_leakrig

MANIFESTS = sorted((ROOT / "scenarios").glob("*.toml"))


def expectations():
    for path in MANIFESTS:
        manifest = tomllib.loads(path.read_text())
        for variant, spec in manifest["variants"].items():
            yield manifest["name"], variant, spec


@pytest.fixture(scope="module", params=GO_VERSIONS, ids=[f"go{v}" for v in GO_VERSIONS])
def suite(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"suite-go{request.param}")
    result = run_leakrig("suite", "--out", out, "--junit", out / "ci.xml", "--go", request.param, timeout=900)
    return out, result


def test_suite_passes_and_leaves_nothing_running(suite):
    out, result = suite
    assert result.returncode == 0, result.stdout + result.stderr
    assert read_json(out / "summary.json")["passed"]
    assert fixture_processes(run_dir=out) == []


def removed_by(go_version, spec):
    """Go 1.27 removed GODEBUG asynctimerchan: its runtime refuses to start
    with asynctimerchan=1, so variants that set it cannot exist there."""
    minor = int(go_version.removeprefix("go").split(".")[1])
    return minor >= 27 and "asynctimerchan=1" in spec.get("env", {}).get("GODEBUG", "")


@pytest.mark.parametrize("scenario,variant,spec", list(expectations()), ids=[f"{s}/{v}" for s, v, _ in expectations()])
def test_every_variant_names_its_go_and_reads_the_runtime_leak_profile(suite, scenario, variant, spec):
    out, _ = suite
    summary = read_json(out / "summary.json")
    v = read_json(out / scenario / variant / "verdict.json")
    assert v["go_version"] == summary["go_version"]
    assert summary["go_version"] in {f"go{g}" for g in GO_VERSIONS}
    assert v["runtime_leak_profile"]["support"] == summary["go_leak_profile"]
    if removed_by(v["go_version"], spec):
        assert v["verdict"] == "skipped" and v["passed"], v["reason"]
        assert "removed GODEBUG asynctimerchan=1" in v["reason"]
        return
    assert v["runtime_leak_profile"]["available"]  # 1.26 with the experiment, 1.27 built in
    if spec["expected"] == "clean":
        assert v["runtime_leak_profile"]["leaked"] == 0


def test_catalog_has_every_pattern():
    names = {path.stem for path in MANIFESTS}
    assert names >= {
        "unbuffered-send",
        "nil-channel",
        "range-unclosed",
        "context-not-propagated",
        "waitgroup-misuse",
        "forgotten-unlock",
        "http-client-body",
        "time-after-trap",
        "worker-no-exit",
        "fasthttp-php-style",
        "ticker-in-loop",
        "errgroup-send-after-cancel",
        "cond-missed-broadcast",
        "context-never-cancelled",
    }


@pytest.mark.parametrize("scenario,variant,spec", list(expectations()), ids=[f"{s}/{v}" for s, v, _ in expectations()])
def test_variant_meets_its_expectation(suite, scenario, variant, spec):
    out, _ = suite
    v = read_json(out / scenario / variant / "verdict.json")
    if removed_by(v["go_version"], spec):  # checked in test_every_variant_names_its_go...
        assert v["verdict"] == "skipped" and v["passed"]
        return
    assert v["verdict"] == spec["expected"], v["reason"]
    assert v["passed"]
    assert v["load"]["requests"] > 0
    if spec["expected"] in ("leak", "lingering") and "suspect_function" in spec:
        top = v["suspects"][0]
        assert v["suspect_matched"], top
        assert top["wait_reason"] in spec.get("suspect_wait", [top["wait_reason"]])
        assert top["count_final"] - top["count_baseline"] > 0
        assert v["detect_seconds"] is not None and v["detect_seconds"] <= 5


@pytest.mark.parametrize("scenario,variant,spec", list(expectations()), ids=[f"{s}/{v}" for s, v, _ in expectations()])
def test_samples_keep_their_interval(suite, scenario, variant, spec):
    """Samples every 0.25 s, none held up: an fsync per snapshot once stalled
    the sampler for 0.7-1.5 s while the other variant wrote its results."""
    out, _ = suite
    v = read_json(out / scenario / variant / "verdict.json")
    if removed_by(v["go_version"], spec):  # checked in test_every_variant_names_its_go...
        assert v["verdict"] == "skipped" and v["passed"]
        return
    times = [t for t, _ in v["goroutines"]["series"]]
    gaps = [round(b - a, 2) for a, b in itertools.pairwise(times)]
    assert max(gaps) < 1.0, gaps


def test_junit_lists_every_variant(suite):
    out, _ = suite
    root = ET.parse(out / "ci.xml").getroot()
    cases = {(c.get("classname"), c.get("name")) for c in root.iter("testcase")}
    assert cases == {(s, v) for s, v, _ in expectations()}
    assert root.get("failures") == "0" and root.get("errors") == "0"


def test_labelled_leak_is_sampled_as_proto_once_text_grows(suite):
    """worker-no-exit's workers carry a label set each: debug=1 grows by a block
    per worker, so the sampler moves to debug=0 and its samples stay small."""
    out, _ = suite
    snapshots = sorted((out / "worker-no-exit" / "leaky" / "snapshots").iterdir())
    assert snapshots[0].name.endswith(".debug1.txt"), snapshots[0].name
    assert snapshots[-1].name.endswith(".pb.gz"), snapshots[-1].name
    assert max(p.stat().st_size for p in snapshots if p.suffix == ".gz") < 100_000
    fixed = (out / "worker-no-exit" / "fixed" / "snapshots").iterdir()
    assert all(p.name.endswith(".debug1.txt") for p in fixed)


@pytest.mark.parametrize("scenario,variant,spec", list(expectations()), ids=[f"{s}/{v}" for s, v, _ in expectations()])
def test_analyze_judges_the_final_dump(suite, scenario, variant, spec):
    """Recall and precision of `leakrig analyze` (issue 13) on the same run: a
    planted goroutine leak is the first suspect, likely or certain; a clean
    variant's dump exits 0, and so do a lingering one's (drained by then) and a heap
    leak's (no goroutine leaks)."""
    out, _ = suite
    if read_json(out / scenario / variant / "verdict.json")["verdict"] == "skipped":
        return  # its Go refused to start it: no dump (test_every_variant_names_its_go... checks why)
    done = run_leakrig("analyze", out / scenario / variant / "goroutine-final.debug2.txt", "--json", timeout=60)
    suspects = json.loads(done.stdout)["suspects"]
    judged = [(s["top_function"], s["confidence"]) for s in suspects if s["confidence"] != "possible"]
    if spec["expected"] == "leak" and "suspect_function" in spec:
        assert done.returncode == 1, judged
        assert re.search(spec["suspect_function"], suspects[0]["top_function"]), judged
        assert suspects[0]["confidence"] in ("likely", "certain"), suspects[0]["evidence"]
    else:
        assert done.returncode == 0, judged
