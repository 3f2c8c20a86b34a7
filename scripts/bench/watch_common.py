"""Helpers shared by the scripts/bench/watch_* benchmarks (imported, not run).

LEAKRIG=path/to/leakrig picks another build (default build/leakrig). Every
service a benchmark starts runs in its own process group, dies with the
benchmark (PR_SET_PDEATHSIG) and is stopped on the way out."""

import contextlib
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import leakrig_services as services  # noqa: E402  (scripts/leakrig_services.py)

ROOT = services.ROOT
LEAKRIG = pathlib.Path(os.environ.get("LEAKRIG", ROOT / "build" / "leakrig"))


def require_leakrig():
    if not LEAKRIG.exists():
        sys.exit(f"{LEAKRIG} is missing: run scripts/setup (or set LEAKRIG=path/to/leakrig)")


@contextlib.contextmanager
def fixture(name, variant=None, cpu=None, upstream_fixture=None, go_version=None):
    """Yields the address of a running fixture (and its upstream, if any),
    built by go_version when given; fixture.pid holds its process id meanwhile."""
    flags = [f"-variant={variant}"] if variant else []
    try:
        with services.fixture(name, flags, upstream_fixture=upstream_fixture, cpu=cpu, go_version=go_version) as (
            address,
            pid,
        ):
            fixture.pid = pid
            yield address
    except services.ServiceError as e:
        sys.exit(str(e))


def leakrig(*args, cpu=None, timeout=600):
    """Runs leakrig ARGS; returns (exit code, parsed JSON stdout or None, stderr)."""
    argv = [str(LEAKRIG), *map(str, args)]
    if cpu is not None and shutil.which("taskset"):
        argv = ["taskset", "-c", str(cpu), *argv]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    try:
        return done.returncode, json.loads(done.stdout), done.stderr
    except json.JSONDecodeError:
        return done.returncode, None, done.stderr


@contextlib.contextmanager
def prometheus(cpu=None):
    """Debian's prometheus on a loopback port, scraping itself every second."""
    binary = shutil.which("prometheus")
    if not binary:
        sys.exit("Debian's prometheus is not installed (apt-get install prometheus)")
    try:
        with tempfile.TemporaryDirectory(prefix="leakrig-bench-prom-") as tmp:
            with services.prometheus(binary, tmp, cpu=cpu) as base:
                yield base
    except services.ServiceError as e:
        sys.exit(str(e))


def cpu_seconds(pid):
    """utime + stime of a process, in seconds."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def median(values):
    return statistics.median(values) if values else float("nan")
