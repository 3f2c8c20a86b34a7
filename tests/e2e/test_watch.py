"""leakrig watch (issue 7) against live services: every scenario's leaky and
fixed variant while load runs, and a real Prometheus server nobody here wrote.

The test launches the services itself (cached fixture binaries, Debian's
prometheus), on loopback only, and kills them afterwards. LEAKRIG_BIN selects
another leakrig binary (default build/leakrig)."""

import concurrent.futures
import json
import os
import pathlib
import re
import shutil
import subprocess
import time
import tomllib

import leakrig_services as services
import pytest
from conftest import LEAKRIG, ROOT
from leakrig_services import fixture

LEAKRIG_BIN = pathlib.Path(os.environ.get("LEAKRIG_BIN", LEAKRIG))
# Each variant: 4 s of paced load, then 6 s more, so that what lingers (3 s
# watchdogs, 2 s jobs) drains and settles inside the watch.
INTERVAL, LOAD_SECONDS, WATCH_SECONDS, RATE = 0.5, 4, 10, 200
PARALLEL_WATCHES = 3  # paced loads leave the 2 cores mostly idle


@pytest.fixture(scope="session", autouse=True)
def built_harness():
    """Overrides conftest's check: the binary under test may be LEAKRIG_BIN."""
    if not LEAKRIG_BIN.exists():
        pytest.fail(f"{LEAKRIG_BIN} is missing: run scripts/setup first")


def watch(url, *args, timeout=120):
    """Runs `leakrig watch URL ARGS --json`; returns (exit code, report, stderr)."""
    done = subprocess.run(
        [str(LEAKRIG_BIN), "watch", url, *map(str, args), "--json"],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        report = None
    return done.returncode, report, done.stderr


def manifests():
    return {p.stem: tomllib.loads(p.read_text()) for p in sorted((ROOT / "scenarios").glob("*.toml"))}


def watch_variant(name, manifest, variant, build_dir, url_form):
    """Launches the variant (and its upstream), watches it under load, stops it."""
    spec = manifest["variants"][variant]
    flags = spec.get("flags", [f"-variant={variant}"])
    with fixture(manifest["fixture"], flags, spec, manifest.get("upstream"), build_dir) as (address, _):
        base = {"host": f"http://{address}", "pprof": f"http://{address}/debug/pprof/"}[url_form]
        concurrency = manifest.get("load", {}).get("concurrency", 8)
        return watch(
            base,
            "--interval",
            INTERVAL,
            "--duration",
            WATCH_SECONDS,
            "--load",
            f"http://{address}{manifest['path']}",
            "--load-duration",
            LOAD_SECONDS,
            "--rate",
            RATE,
            "--concurrency",
            concurrency,
        )


# A scenario with a [[dependency]] (a PostgreSQL, a gRPC feed) needs the
# harness to start it; tests/e2e/test_dependencies.py covers those.
CASES = [
    (name, variant)
    for name, m in manifests().items()
    if "dependency" not in m
    for variant in ("leaky", "fixed")
    if variant in m["variants"]
]


@pytest.fixture(scope="module")
def scenario_watches(tmp_path_factory):
    """Every case watched, a few at a time: {(scenario, variant): (code, report, stderr)}."""
    build_dir = tmp_path_factory.mktemp("fixtures")
    all_manifests = manifests()
    with concurrent.futures.ThreadPoolExecutor(PARALLEL_WATCHES) as pool:
        futures = {
            case: pool.submit(
                watch_variant, case[0], all_manifests[case[0]], case[1], build_dir, "host" if i % 2 else "pprof"
            )
            for i, case in enumerate(CASES)
        }
        return {case: future.result() for case, future in futures.items()}


@pytest.mark.parametrize("scenario,variant", CASES, ids=[f"{s}-{v}" for s, v in CASES])
def test_watch_verdict_matches_the_scenario(scenario_watches, scenario, variant):
    code, report, stderr = scenario_watches[(scenario, variant)]
    assert report is not None, f"no JSON report; stderr:\n{stderr}"
    spec = manifests()[scenario]["variants"][variant]
    stacks = "\n".join(f"  {s['verdict']} {s['top_function']}: {s['reason']}" for s in report["stacks"])
    assert report["verdict"] == spec["expected"], f"{report['reason']}\n{stacks}\n{stderr[-2000:]}"
    assert code == (1 if spec["expected"] == "leak" else 0)
    if spec["expected"] != "clean":
        top = report["stacks"][0]
        assert re.search(spec["suspect_function"], top["top_function"]), stacks
    assert report["load"]["requests"] > 0
    assert report["cost"]["debug0"]["requests"] >= report["watch"]["samples"]


def test_watch_json_is_an_analyze_record_plus_the_series(scenario_watches):
    _, report, _ = scenario_watches[("unbuffered-send", "leaky")]
    for key in ("format", "truncated", "total", "declared_total", "states", "readings", "groups", "suspects", "errors"):
        assert key in report, key
    assert report["format"] == "debug=2"  # the full dump the growth alarm took
    assert len(report["series"]["total"]) == report["watch"]["samples"]
    leak = report["stacks"][0]
    assert leak["details"]["wait_reason"] == "chan send"
    assert leak["rate_per_1000_requests"] == pytest.approx(1000, rel=0.15)  # one goroutine per request
    assert leak["rate_per_minute"] == pytest.approx(RATE * 60, rel=0.2)
    assert report["goroutineleak"]["available"] and report["goroutineleak"]["leaked"] > 0
    assert report["cost"]["debug2"]["requests"] == report["watch"]["full_dumps"] >= 1


@pytest.fixture
def prometheus(tmp_path):
    """Debian's prometheus on a loopback port, scraping itself every second."""
    binary = shutil.which("prometheus")
    if not binary:
        pytest.skip("Debian's prometheus is not installed (scripts/setup installs it)")
    with open(tmp_path / "prometheus.log", "w") as log, services.prometheus(binary, tmp_path, log=log) as base:
        yield base


def test_prometheus_under_steady_load_is_not_a_leak(prometheus, tmp_path):
    out = tmp_path / "run"
    code, report, stderr = watch(
        f"{prometheus}/debug/pprof/",
        "--interval",
        1,
        "--duration",
        64,
        "--out",
        out,
        "--load",
        f"{prometheus}/api/v1/query?query=up",
        "--load-duration",
        58,
        "--rate",
        200,
        "--concurrency",
        8,
        timeout=150,
    )
    assert report is not None, stderr
    stacks = "\n".join(f"  {s['verdict']} {s['top_function']}: {s['reason']}" for s in report["stacks"])
    assert (code, report["verdict"]) == (0, "clean"), f"{report['reason']}\n{stacks}"
    assert report["load"]["requests"] > 10000 and report["load"]["errors"] == 0
    assert report["watch"]["duration_seconds"] >= 60 and report["watch"]["samples"] >= 55
    assert report["watch"]["full_dumps"] == 0  # no growth alarm: never stopped the world
    verdict = json.loads(
        (out / "watch" / prometheus.removeprefix("http://").replace(":", "-") / "verdict.json").read_text()
    )
    assert verdict["verdict"] == "clean" and verdict["passed"]
    assert (out / "index.html").is_file(), "scripts/report did not draw the run folder"


def test_until_leak_finds_one_leak_per_request_at_100_per_second_within_seconds(tmp_path):
    """The speed target, 3 s, is scripts/bench/watch_detect's. Here, on a
    machine that may be shared, the bound is 4.5 s: still below the 5 s that
    sampling once a second cannot beat (5 rising points, then a second window),
    so it fails if the first window is no longer sampled fast."""
    manifest = manifests()["unbuffered-send"]
    with fixture("unbuffered-send", ["-variant=leaky"], build_dir=tmp_path) as (address, _):
        started = time.monotonic()
        code, report, stderr = watch(
            f"http://{address}/debug/pprof",
            "--until-leak",
            "--duration",
            30,
            "--load",
            f"http://{address}{manifest['path']}",
            "--rate",
            100,
            "--concurrency",
            4,
        )
        elapsed = time.monotonic() - started
    assert code == 1, stderr
    assert report["watch"]["stopped_at_leak"]
    times = [t for t, _ in report["series"]["total"]]
    assert times[1] - times[0] < 0.5, times  # the first window is sampled fast
    assert report["watch"]["detect_seconds"] <= 4.5, times
    assert elapsed < 8


def test_openmetrics_exposition_passes_promtool(tmp_path):
    metrics_file = tmp_path / "watch.prom"
    with fixture("unbuffered-send", ["-variant=leaky"], build_dir=tmp_path) as (address, _):
        done = subprocess.run(
            [
                str(a)
                for a in (
                    LEAKRIG_BIN,
                    "watch",
                    f"http://{address}/",
                    "--duration",
                    2,
                    "--interval",
                    0.5,
                    "--format",
                    "openmetrics",
                    "--metrics-file",
                    metrics_file,
                    "--load",
                    f"http://{address}/work",
                    "--rate",
                    100,
                )
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.stdout.endswith("# EOF\n"), done.stdout[-500:]
    assert 'leakrig_watch_stack_goroutines{target="' in done.stdout
    assert metrics_file.read_text() == done.stdout
    promtool = shutil.which("promtool")
    if promtool:
        check = subprocess.run(
            [promtool, "check", "metrics"], input=done.stdout, capture_output=True, text=True, timeout=30
        )
        assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    "url,code,message",
    [
        ("ftp://127.0.0.1:1/", 2, "http:// or https://"),
        ("127.0.0.1:1", 2, "http:// or https://"),
        ("http://127.0.0.1:1/debug/pprof/", 3, "cannot read"),
    ],
)
def test_bad_or_unreachable_target(url, code, message):
    done = subprocess.run(
        [str(LEAKRIG_BIN), "watch", url, "--duration", "5"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == code
    assert message in done.stderr


def test_an_http_proxy_in_the_environment_is_not_used(tmp_path):
    """Profiles come straight from the target, as the load does (test_load.py)."""
    env = dict(os.environ, http_proxy="http://127.0.0.1:1", HTTP_PROXY="http://127.0.0.1:1", no_proxy="", NO_PROXY="")
    with fixture("upstream", build_dir=tmp_path) as (address, _):
        done = subprocess.run(
            [str(LEAKRIG_BIN), "watch", f"http://{address}/", "--duration", "2", "--interval", "0.5", "--json"],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
        )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["watch"]["samples"] >= 3
