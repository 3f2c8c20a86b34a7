"""Shared helpers for the end-to-end tests: they drive build/leakrig as a user would."""

import json
import os
import pathlib
import subprocess
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
LEAKRIG = ROOT / "build" / "leakrig"
sys.path.insert(0, str(ROOT / "scripts"))  # leakrig_services: starting fixtures and other services

from leakrig_services import FIXTURE_CACHE  # noqa: E402

# The Go versions the catalog is tested on (scripts/setup fetches them).
GO_VERSIONS = [
    line.strip()
    for line in (ROOT / "scripts" / "go-versions").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]


def run_leakrig(*args, timeout=300, **kwargs):
    """Runs build/leakrig with args; returns the CompletedProcess (text mode)."""
    return subprocess.run(
        [str(LEAKRIG), *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT, **kwargs
    )


def wait_for(predicate, timeout, step=0.05):
    """Polls predicate until it returns something true or timeout seconds have
    passed; returns its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def fixture_processes(cache=FIXTURE_CACHE, run_dir=None):
    """PIDs of running processes whose executable is a fixture built into `cache`,
    and, given run_dir, that belong to that run (the harness puts LEAKRIG_RUN_DIR
    in every fixture's environment)."""
    pids = []
    for proc in pathlib.Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            exe = os.readlink(proc / "exe")
        except OSError:
            continue
        if exe.startswith(str(cache)) and (run_dir is None or _in_run(proc, run_dir)):
            pids.append(int(proc.name))
    return pids


def _in_run(proc, run_dir):
    try:
        environ = (proc / "environ").read_bytes().split(b"\0")
    except OSError:
        return False
    return f"LEAKRIG_RUN_DIR={run_dir}".encode() in environ


@pytest.fixture(scope="session", autouse=True)
def built_harness():
    if not LEAKRIG.exists():
        pytest.fail(f"{LEAKRIG} is missing: run scripts/setup first")


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """A fixture cache of the test's own, so that only its fixtures are counted."""
    cache = tmp_path / "fixture-cache"
    monkeypatch.setenv("LEAKRIG_FIXTURE_CACHE", str(cache))
    return cache
