"""`leakrig run unbuffered-send`: the first scenario, end to end."""

import pytest
from conftest import fixture_processes, read_json, run_leakrig


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    result = run_leakrig("run", "unbuffered-send", "--out", out)
    return out, result


def test_run_exits_zero_and_prints_both_verdicts(run):
    out, result = run
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unbuffered-send/leaky" in result.stdout
    assert "unbuffered-send/fixed" in result.stdout
    assert f"results: {out}" in result.stdout


def test_leaky_variant_leaks_on_the_sending_goroutine(run):
    out, _ = run
    v = read_json(out / "unbuffered-send" / "leaky" / "verdict.json")
    assert v["verdict"] == "leak" and v["expected"] == "leak" and v["passed"]
    assert v["goroutines"]["final"] - v["goroutines"]["baseline"] >= v["load"]["requests"] * 0.9
    top = v["suspects"][0]
    assert "unbufferedsend.LeakyHandler.func1" in top["top_function"]
    assert top["wait_reason"] == "chan send"
    assert top["location"].endswith(".go:" + top["location"].rsplit(":", 1)[1])
    assert top["count_final"] - top["count_baseline"] >= v["load"]["requests"] * 0.9


def test_fixed_variant_is_clean(run):
    out, _ = run
    v = read_json(out / "unbuffered-send" / "fixed" / "verdict.json")
    assert v["verdict"] == "clean" and v["passed"]
    assert v["load"]["requests"] > 100
    assert v["goroutines"]["final"] - v["goroutines"]["baseline"] <= 8


def test_verdict_has_series_load_and_artifacts(run):
    out, _ = run
    v = read_json(out / "unbuffered-send" / "leaky" / "verdict.json")
    phases = v["goroutines"]["phases"]
    assert phases[0] == "baseline" and phases[-1] == "final"
    assert {"load", "drain"} <= set(phases)
    assert all(len(point) == 2 for point in v["goroutines"]["series"])
    assert v["load"]["rps"] > 0 and v["load"]["latency_ms"]["p99"] >= v["load"]["latency_ms"]["p50"] > 0
    kept = ("log", "baseline_dump", "final_dump", "baseline_profile", "final_profile", "final_folded", "states")
    for name in (*kept, "snapshots"):
        assert (out / v["artifacts"][name]).exists(), name
    log = (out / v["artifacts"]["log"]).read_text()
    assert log.startswith("127.0.0.1:")
    assert read_json(out / "summary.json")["passed"]
    assert (out / "junit.xml").read_text().count("<testcase") == 2


def test_no_fixture_is_left_running(run):
    out, _ = run
    assert fixture_processes(run_dir=out) == []
