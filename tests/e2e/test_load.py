"""leakrig load (issue 7): the load driver on its own, against a fixture the
test starts on loopback and stops. LEAKRIG_BIN selects another leakrig
binary (default build/leakrig)."""

import json
import os
import pathlib
import re
import subprocess
import time

import pytest
from conftest import LEAKRIG, ROOT
from leakrig_services import fixture

LEAKRIG_BIN = pathlib.Path(os.environ.get("LEAKRIG_BIN", LEAKRIG))


@pytest.fixture(scope="session", autouse=True)
def built_harness():
    """Overrides conftest's check: the binary under test may be LEAKRIG_BIN."""
    if not LEAKRIG_BIN.exists():
        pytest.fail(f"{LEAKRIG_BIN} is missing: run scripts/setup first")


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    """The plain net/http `upstream` fixture; yields its base URL."""
    with fixture("upstream", build_dir=tmp_path_factory.mktemp("bin")) as (address, _):
        yield f"http://{address}"


def load(*args, timeout=60):
    return subprocess.run(
        [str(LEAKRIG_BIN), "load", *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


def test_fixed_number_of_requests_as_json(upstream):
    done = load(f"{upstream}/", "--requests", 500, "--concurrency", 4, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["requests"] == 500 and report["errors"] == 0
    assert report["rps"] > 0
    latency = report["latency_ms"]
    assert 0 < latency["p50"] <= latency["p90"] <= latency["p99"] <= latency["max"]


def test_rate_and_duration_pace_the_load(upstream):
    done = load(f"{upstream}/", "--duration", 2, "--rate", 100, "--concurrency", 2, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["requests"] == pytest.approx(200, abs=10)
    assert report["rps"] == pytest.approx(100, rel=0.1)


def test_text_output_names_throughput_and_percentiles(upstream):
    done = load(f"{upstream}/", "--requests", 50)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^50 requests in [\d.]+ s, 0 errors, 0 non-2xx, [\d.]+ requests/s$", done.stdout, re.M)
    assert re.search(r"^latency p50 [\d.]+ ms, p90 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms$", done.stdout, re.M)


def test_unreachable_target_exits_3():
    done = load("http://127.0.0.1:1/", "--duration", 1)
    assert done.returncode == 3
    assert "no request got a response" in done.stderr


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/", "127.0.0.1:80/"])
def test_non_http_url_is_a_usage_error(url):
    done = load(url, "--requests", 1)
    assert done.returncode == 2
    assert "http:// or https://" in done.stderr


def test_threads_share_the_request_bound_and_the_rate(upstream):
    done = load(f"{upstream}/", "--requests", 1001, "--concurrency", 5, "--threads", 3, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["requests"] == 1001 and report["errors"] == 0

    done = load(f"{upstream}/", "--duration", 2, "--rate", 150, "--concurrency", 4, "--threads", 2, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rps"] == pytest.approx(150, rel=0.1)


def test_threads_run_at_once(upstream):
    """Three client threads are alive together while the load runs."""
    proc = subprocess.Popen(
        [
            str(LEAKRIG_BIN),
            "load",
            f"{upstream}/",
            "--duration",
            "3",
            "--rate",
            "300",
            "--concurrency",
            "6",
            "--threads",
            "3",
        ],
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        seen = 0
        for _ in range(20):
            status = pathlib.Path(f"/proc/{proc.pid}/status").read_text()
            seen = max(seen, int(re.search(r"^Threads:\s+(\d+)", status, re.M).group(1)))
            if seen >= 3:
                break
            time.sleep(0.1)
        assert seen >= 3
    finally:
        proc.kill()
        proc.wait(timeout=5)


def test_threads_beyond_concurrency_are_capped(upstream):
    done = load(f"{upstream}/", "--requests", 20, "--concurrency", 1, "--threads", 8, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["requests"] == 20


def test_an_http_proxy_in_the_environment_is_not_used(upstream):
    """Loopback load goes straight to the target: a proxy that is not there changes nothing."""
    env = dict(os.environ, http_proxy="http://127.0.0.1:1", HTTP_PROXY="http://127.0.0.1:1", no_proxy="", NO_PROXY="")
    done = subprocess.run(
        [str(LEAKRIG_BIN), "load", f"{upstream}/", "--requests", "20", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["requests"] == 20


def test_a_stall_shows_in_latency_from_due_not_from_send(tmp_path):
    """Coordinated omission: the server pauses 1 s once while the load is paced at
    200/s. Only the two requests in flight wait that second, so the send-time p99
    stays low; the ~200 requests that fell due during the pause are timed from
    their due time, so p99 from due is near 1 s, as wrk2 reports it."""
    with fixture("misbehave", ["-variant=fixed", "-mode=stall-once"], build_dir=tmp_path) as (address, _):
        done = load(f"http://{address}/work", "--duration", 3, "--rate", 200, "--concurrency", 2, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["requests"] == pytest.approx(600, rel=0.1)
    assert report["latency_ms"]["max"] >= 900
    assert report["latency_ms"]["p99"] < 300
    assert report["latency_from_due_ms"]["p99"] >= 800


def test_unpaced_latency_from_due_is_the_send_time_latency(upstream):
    done = load(f"{upstream}/", "--requests", 300, "--concurrency", 3, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["latency_from_due_ms"] == report["latency_ms"]
