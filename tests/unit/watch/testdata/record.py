#!/usr/bin/env python3
"""Records real goroutine series for recorded_test.cc: runs `leakrig watch`
against live services and keeps, per recording, the load window and the
per-stack series the watch reported (the judged stacks and the ten that
grew most, as [seconds, count] points) beside the total. The verdict the
watch gave is kept as verdict_when_recorded; `expected` is what the
scenario (or, for Prometheus, the issue) says it must be.

The fixed_* recordings are the false-alarm set at the watch's default
intervals (the first window every 0.25 s, then 1 s): each scenario's fixed
variant under its manifest's paced load, as scripts/bench/watch_false_alarms
drives it.

Usage: tests/unit/watch/testdata/record.py [--leakrig PATH] [NAME ...]
  (default build/leakrig; NAME: only these recordings, e.g. fixed_nil_channel)
Needs the cached fixtures in build/fixtures (scripts/setup builds them) and,
for the Prometheus recording, Debian's prometheus."""

import argparse
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[4]
HERE = pathlib.Path(__file__).resolve().parent
LEAKRIG = ROOT / "build" / "leakrig"

# name, fixture, flags, expected, watch arguments after the URL
FIXTURES = [
    (
        "unbuffered_send_leaky",
        "unbuffered-send",
        ["-variant=leaky"],
        "leak",
        ["--interval", "0.5", "--duration", "10", "--load-duration", "5", "--rate", "200"],
    ),
    (
        "time_after_trap_leaky",
        "time-after-trap",
        ["-variant=leaky"],
        "lingering",
        ["--interval", "0.5", "--duration", "12", "--load-duration", "5", "--rate", "200"],
    ),
    (
        "worker_no_exit_leaky",
        "worker-no-exit",
        ["-variant=leaky"],
        "leak",
        ["--interval", "1", "--duration", "15", "--load-duration", "10", "--rate", "100"],
    ),
    (
        "fasthttp_php_style_fixed",
        "fasthttp-php-style",
        ["-variant=fixed"],
        "clean",
        ["--interval", "0.5", "--duration", "12", "--load-duration", "6"],
    ),
]


def binary(name):
    cached = sorted(
        (ROOT / "build" / "fixtures").glob(f"{name}-*-go*-goroutineleakprofile"), key=lambda p: p.stat().st_mtime
    )
    return cached[-1]


def start(argv, **kwargs):
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True, **kwargs
    )


def stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=5)


def watch(url, load_url, args):
    done = subprocess.run(
        [str(LEAKRIG), "watch", url, "--json", "--load", load_url, *args], capture_output=True, text=True, timeout=300
    )
    return json.loads(done.stdout)


def recording(report, source, expected):
    load = report["load"]
    return {
        "source": source,
        "recipe": "tests/unit/watch/testdata/record.py",
        "expected": expected,
        "verdict_when_recorded": report["verdict"],
        "interval": report["watch"]["interval_seconds"],
        "load": {"started": load["started_seconds"], "ended": load["ended_seconds"], "rps": load["rps"]},
        "total": report["series"]["total"],
        "stacks": [{"top_function": s["top_function"], "points": s["points"]} for s in report["series"]["stacks"]],
    }


def record_fixture(name, fixture, flags, expected, args):
    proc = start([str(binary(fixture)), *flags], env={"PATH": os.environ["PATH"], "GOMAXPROCS": "2"})
    try:
        address = proc.stdout.readline().strip()
        report = watch(f"http://{address}/debug/pprof/", f"http://{address}/work", args)
    finally:
        stop(proc)
    return recording(report, f"go-fixtures/cmd/{fixture} {' '.join(flags)}", expected)


def record_fixed_variants(only):
    """The false-alarm set: every scenario's fixed variant, 10 s of its
    manifest's load and 5 s more, at the default intervals."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import leakrig_services as services

    for manifest_path in sorted((ROOT / "scenarios").glob("*.toml")):
        manifest = tomllib.loads(manifest_path.read_text())
        name = "fixed_" + manifest_path.stem.replace("-", "_")
        if "fixed" not in manifest["variants"] or (only and name not in only):
            continue
        spec = manifest["variants"]["fixed"]
        flags = spec.get("flags", ["-variant=fixed"])
        load = manifest.get("load", {})
        with services.fixture(manifest["fixture"], flags, spec, manifest.get("upstream")) as (address, _):
            args = ["--duration", "15", "--load-duration", "10", "--rate", str(load.get("rate", 0))]
            report = watch(
                f"http://{address}/debug/pprof/",
                f"http://{address}{manifest['path']}",
                [*args, "--concurrency", str(load.get("concurrency", 8))],
            )
        source = f"go-fixtures/cmd/{manifest['fixture']} {' '.join(flags)}, {report['load']['rps']:.0f} requests/s"
        yield name, recording(report, source, "clean")


def record_prometheus():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        config = pathlib.Path(tmp) / "prometheus.yml"
        config.write_text(
            "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: self\n"
            f"    static_configs:\n      - targets: ['127.0.0.1:{port}']\n"
        )
        proc = start(
            [
                shutil.which("prometheus"),
                f"--config.file={config}",
                f"--storage.tsdb.path={tmp}/tsdb",
                f"--web.listen-address=127.0.0.1:{port}",
            ]
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"{base}/-/ready", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            report = watch(
                f"{base}/debug/pprof/",
                f"{base}/api/v1/query?query=up",
                ["--interval", "1", "--duration", "64", "--load-duration", "58", "--rate", "200"],
            )
        finally:
            stop(proc)
    return recording(report, "Debian prometheus 2.42, scraping itself every second", "clean")


def main():
    global LEAKRIG
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leakrig", type=pathlib.Path, default=LEAKRIG)
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    LEAKRIG = args.leakrig
    for name, *rest in FIXTURES:
        if not args.names or name in args.names:
            (HERE / f"{name}.json").write_text(json.dumps(record_fixture(name, *rest)) + "\n")
            print(name)
    for name, record in record_fixed_variants(args.names):
        (HERE / f"{name}.json").write_text(json.dumps(record) + "\n")
        print(name)
    if shutil.which("prometheus") and (not args.names or "prometheus_steady" in args.names):
        (HERE / "prometheus_steady.json").write_text(json.dumps(record_prometheus()) + "\n")
        print("prometheus_steady")


if __name__ == "__main__":
    main()
