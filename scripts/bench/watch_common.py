"""Helpers shared by the scripts/bench/watch_* benchmarks (imported, not run).

LEAKRIG=path/to/leakrig picks another build (default build/leakrig). Every
service a benchmark starts runs in its own process group, dies with the
benchmark (PR_SET_PDEATHSIG) and is stopped on the way out."""
import contextlib
import ctypes
import json
import os
import pathlib
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
LEAKRIG = pathlib.Path(os.environ.get("LEAKRIG", ROOT / "build" / "leakrig"))
PR_SET_PDEATHSIG = 1


def require_leakrig():
    if not LEAKRIG.exists():
        sys.exit(f"{LEAKRIG} is missing: run scripts/setup (or set LEAKRIG=path/to/leakrig)")


def _die_with_parent():
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def fixture_binary(name):
    """The newest cached build with the Go 1.26 leak profile, else a fresh one."""
    cached = sorted((ROOT / "build" / "fixtures").glob(f"{name}-*-goroutineleakprofile"),
                    key=lambda p: p.stat().st_mtime)
    if cached:
        return cached[-1]
    out = pathlib.Path(tempfile.mkdtemp(prefix="leakrig-bench-")) / name
    subprocess.run(["go", "build", "-o", str(out), f"./cmd/{name}"], cwd=ROOT / "go-fixtures", check=True,
                   env=dict(os.environ, GOEXPERIMENT="goroutineleakprofile"))
    return out


class Service:
    """A child in its own process group; `cpu` pins it with taskset."""

    def __init__(self, argv, env=None, cpu=None):
        argv = [str(a) for a in argv]
        if cpu is not None and shutil.which("taskset"):
            argv = ["taskset", "-c", str(cpu), *argv]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                     env=env, start_new_session=True, preexec_fn=_die_with_parent)

    def address(self, timeout=15):
        box = []
        reader = threading.Thread(target=lambda: box.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        line = box[0].strip() if box else ""
        if not line.startswith("127.0.0.1:"):
            self.stop()
            sys.exit(f"{self.proc.args} did not print its address")
        return line

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def fixture_env(upstream=None):
    env = {"PATH": os.environ.get("PATH", ""), "GOMAXPROCS": "2", "GODEBUG": "", "GOTRACEBACK": "all"}
    if upstream:
        env["LEAKRIG_UPSTREAM"] = upstream
    return env


@contextlib.contextmanager
def fixture(name, variant=None, cpu=None, upstream_fixture=None):
    """Yields the address of a running fixture (and its upstream, if any);
    fixture.pid holds the fixture's process id meanwhile."""
    services = []
    try:
        upstream = None
        if upstream_fixture:
            services.append(Service([fixture_binary(upstream_fixture)], fixture_env(), cpu))
            upstream = services[-1].address()
        flags = [f"-variant={variant}"] if variant else []
        services.append(Service([fixture_binary(name), *flags], fixture_env(upstream), cpu))
        address = services[-1].address()
        fixture.pid = services[-1].proc.pid  # taskset execs in place: the same pid
        yield address
    finally:
        for service in reversed(services):
            service.stop()


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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def prometheus(cpu=None):
    """Debian's prometheus on a loopback port, scraping itself every second."""
    binary = shutil.which("prometheus")
    if not binary:
        sys.exit("Debian's prometheus is not installed (apt-get install prometheus)")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="leakrig-bench-prom-") as tmp:
        config = pathlib.Path(tmp) / "prometheus.yml"
        config.write_text("global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: self\n"
                          f"    static_configs:\n      - targets: ['127.0.0.1:{port}']\n")
        service = Service([binary, f"--config.file={config}", f"--storage.tsdb.path={tmp}/tsdb",
                           f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
                          env={"PATH": os.environ.get("PATH", "")}, cpu=cpu)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"{base}/-/ready", timeout=1):
                        break
                except OSError:
                    time.sleep(0.2)
            yield base
        finally:
            service.stop()


def cpu_seconds(pid):
    """utime + stime of a process, in seconds."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def median(values):
    return statistics.median(values) if values else float("nan")
