"""A fixture that misbehaves yields verdict `error` naming the cause; the suite goes on (issue 8)."""

import socket
import time

import pytest
from conftest import ROOT, fixture_processes, read_json, run_leakrig

FAULTS = ROOT / "tests" / "e2e" / "fault_scenarios" / "misbehave.toml"

# variant -> words the reason must contain
EXPECTED_CAUSES = {
    "crash-mid-load": "the fixture died during the run: exit code 3",
    "hang-before-address": "printed no address within 2000 ms",
    "slow": "no request got a response (Timeout was reached)",
    "http-500": "responses were server errors (500:",
    "close-connections": "no request got a response (Server returned nothing",
    "garbage-pprof": "goroutine?debug=1: not a whole goroutine profile",
    "truncated-pprof": "goroutine?debug=1: transfer closed",
    "port-in-use": "exited before printing its address (exit code 2)",
}


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    root = tmp_path_factory.mktemp("root")
    (root / "scenarios").mkdir()
    (root / "go-fixtures").symlink_to(ROOT / "go-fixtures")
    with socket.socket() as taken:  # held for the whole run: the fixture must fail to bind it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        (root / "scenarios" / "misbehave.toml").write_text(FAULTS.read_text().replace("PORT_IN_USE", str(port)))
        out = root / "out"
        started = time.monotonic()
        result = run_leakrig("--root", root, "suite", "--out", out, timeout=300)
        return out, result, time.monotonic() - started


def test_every_fault_is_an_error_and_the_suite_finishes(suite):
    out, result, seconds = suite
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "terminate called" not in result.stderr
    summary = read_json(out / "summary.json")
    assert {r["variant"] for r in summary["results"]} == set(EXPECTED_CAUSES)
    assert seconds < 120, "a fault must never make the harness wait long"


@pytest.mark.parametrize("variant", sorted(EXPECTED_CAUSES))
def test_fault_names_its_cause(suite, variant):
    out, _, _ = suite
    v = read_json(out / "misbehave" / variant / "verdict.json")
    assert v["verdict"] == "error"
    assert not v["passed"]
    assert EXPECTED_CAUSES[variant] in v["reason"], v["reason"]


def test_port_in_use_is_in_the_fixture_log(suite):
    out, _, _ = suite
    v = read_json(out / "misbehave" / "port-in-use" / "verdict.json")
    assert "address already in use" in (out / v["artifacts"]["log"]).read_text()


def test_no_misbehaving_fixture_is_left(suite):
    out, _, _ = suite
    assert fixture_processes(run_dir=out) == []
