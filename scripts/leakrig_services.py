"""The services that tests and benchmarks point leakrig at: cached fixture
binaries and Debian's prometheus, etcd and caddy, started on loopback and stopped afterwards.

Imported by tests/e2e (through conftest.py) and by scripts/bench/watch_common.py.
Every service runs in its own process group, dies with its parent
(PR_SET_PDEATHSIG) and is stopped with its whole group. Failures raise
ServiceError; a test lets it fail the test, a benchmark turns it into its exit
message."""

import contextlib
import ctypes
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURE_CACHE = ROOT / "build" / "fixtures"
LEAK_EXPERIMENT = "goroutineleakprofile"  # the Go 1.26 leak profile, as the harness builds fixtures there
PR_SET_PDEATHSIG = 1


class ServiceError(RuntimeError):
    pass


def _die_with_parent():
    """Runs in the child: SIGKILL it when the process that started it dies."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def fixture_binary(name, build_dir=None, go_version=None):
    """The newest cached build of go-fixtures/cmd/<name> (by `go_version`, e.g.
    "1.27.3", when given), else a fresh build into build_dir (a new temporary
    folder when None), made as the harness makes it."""
    pattern = f"{name}-*-go{go_version}*" if go_version else f"{name}-*-go*"
    cached = sorted(
        (p for p in FIXTURE_CACHE.glob(pattern) if ".partial" not in p.name), key=lambda p: p.stat().st_mtime
    )
    if cached:
        return cached[-1]
    build_dir = pathlib.Path(build_dir or tempfile.mkdtemp(prefix="leakrig-fixtures-"))
    out = build_dir / (f"{name}-go{go_version}" if go_version else name)
    if not out.exists():
        env = dict(os.environ, CGO_ENABLED="0")
        if go_version:
            env["GOTOOLCHAIN"] = f"go{go_version}"
        if _takes_leak_experiment(env):
            env["GOEXPERIMENT"] = LEAK_EXPERIMENT
        subprocess.run(
            ["go", "build", "-o", str(out), f"./cmd/{name}"], cwd=ROOT / "go-fixtures", env=env, check=True, timeout=600
        )
    return out


def _takes_leak_experiment(env):
    """Go 1.26 has the leak profile behind GOEXPERIMENT; 1.27 builds it in and
    rejects the experiment's name."""
    probe = subprocess.run(
        ["go", "env", "GOVERSION"],
        cwd=ROOT / "go-fixtures",
        capture_output=True,
        env=dict(env, GOEXPERIMENT=LEAK_EXPERIMENT),
        timeout=300,
    )
    return probe.returncode == 0


def fixture_env(spec=None, upstream=None):
    """A fixture's environment as the harness gives it: 2 Ps, the manifest
    variant's `env` (spec), and the upstream's address when there is one."""
    env = {"PATH": os.environ.get("PATH", ""), "GOMAXPROCS": "2", "GODEBUG": "", "GOTRACEBACK": "all"}
    env.update((spec or {}).get("env", {}))
    if upstream:
        env["LEAKRIG_UPSTREAM"] = upstream
    return env


class Service:
    """A child in its own process group. `cpu` pins it with taskset (which
    execs in place: proc.pid is the service's own pid); `log` takes its stderr."""

    def __init__(self, argv, env=None, log=None, cpu=None):
        argv = [str(a) for a in argv]
        if cpu is not None and shutil.which("taskset"):
            argv = ["taskset", "-c", str(cpu), *argv]
        self.proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=log or subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def first_line(self, timeout=15):
        """The first stdout line, a fixture's loopback address; stops the
        service and raises ServiceError when it is anything else or late."""
        box = []
        reader = threading.Thread(target=lambda: box.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        line = box[0].strip() if box else ""
        if not re.fullmatch(r"127\.0\.0\.1:\d+", line):
            self.stop()
            raise ServiceError(f"{self.proc.args[0]} did not announce a loopback address within {timeout} s: {line!r}")
        return line

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=3)
        if self.proc.stdout:
            self.proc.stdout.close()


@contextlib.contextmanager
def fixture(name, flags=(), spec=None, upstream_fixture=None, build_dir=None, cpu=None, go_version=None):
    """Yields (address, pid) of a running fixture built by `go_version` (e.g.
    "1.27.3"; None: any cached build), with its upstream started first when it
    has one; both are stopped on the way out."""
    services = []
    try:
        upstream = None
        if upstream_fixture:
            services.append(Service([fixture_binary(upstream_fixture, build_dir, go_version)], fixture_env(), cpu=cpu))
            upstream = services[-1].first_line()
        services.append(
            Service([fixture_binary(name, build_dir, go_version), *flags], fixture_env(spec, upstream), cpu=cpu)
        )
        yield services[-1].first_line(), services[-1].proc.pid
    finally:
        for service in reversed(services):
            service.stop()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_ready(url, timeout):
    """Polls url until it answers 200; raises ServiceError after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise ServiceError(f"{url} never answered 200 within {timeout} s")


@contextlib.contextmanager
def _running(argv, ready_url, workdir, log=None, cpu=None, timeout=30):
    """Starts argv with HOME and XDG folders in workdir (so that nothing is
    written outside it), waits until ready_url answers 200, stops it on exit."""
    workdir = pathlib.Path(workdir)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(workdir),
        "XDG_DATA_HOME": str(workdir / "data"),
        "XDG_CONFIG_HOME": str(workdir / "config"),
    }
    service = Service(argv, env=env, log=log, cpu=cpu)
    try:
        wait_until_ready(ready_url, timeout=timeout)
        yield
    finally:
        service.stop()


@contextlib.contextmanager
def prometheus(binary, workdir, log=None, cpu=None):
    """Debian's prometheus on a free loopback port, scraping itself every
    second, its data in workdir; yields its base URL once it is ready."""
    port = free_port()
    config = pathlib.Path(workdir) / "prometheus.yml"
    config.write_text(
        "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: self\n"
        f"    static_configs:\n      - targets: ['127.0.0.1:{port}']\n"
    )
    base = f"http://127.0.0.1:{port}"
    with _running(
        [
            binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={pathlib.Path(workdir) / 'tsdb'}",
            f"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        ],
        f"{base}/-/ready",
        workdir,
        log,
        cpu,
    ):
        yield base


@contextlib.contextmanager
def etcd(binary, workdir, log=None, cpu=None):
    """Debian's etcd as a one-member cluster, client and peer URLs on free
    loopback ports, with net/http/pprof on the client URL; yields that URL."""
    client, peer = f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"
    with _running(
        [
            binary,
            "--name=leakrig",
            f"--data-dir={pathlib.Path(workdir) / 'etcd'}",
            f"--listen-client-urls={client}",
            f"--advertise-client-urls={client}",
            f"--listen-peer-urls={peer}",
            f"--initial-advertise-peer-urls={peer}",
            f"--initial-cluster=leakrig={peer}",
            "--enable-pprof",
            "--log-level=warn",
        ],
        f"{client}/health",
        workdir,
        log,
        cpu,
    ):
        yield client


@contextlib.contextmanager
def caddy(binary, workdir, log=None, cpu=None):
    """Debian's caddy with its admin API (which serves /debug/pprof/) and two
    servers on free loopback ports: a static "ok" backend, and a reverse proxy
    to it, so that its HTTP client keeps a pool of connections. Yields
    (admin URL, proxy URL)."""
    admin, backend, proxy = (f"127.0.0.1:{free_port()}" for _ in range(3))
    server = {"automatic_https": {"disable": True}}
    config = {
        "admin": {"listen": admin},
        "logging": {"logs": {"default": {"level": "WARN"}}},
        "storage": {"module": "file_system", "root": str(pathlib.Path(workdir) / "storage")},
        "apps": {
            "http": {
                "servers": {
                    "backend": {
                        **server,
                        "listen": [backend],
                        "routes": [{"handle": [{"handler": "static_response", "body": "ok"}]}],
                    },
                    "proxy": {
                        **server,
                        "listen": [proxy],
                        "routes": [{"handle": [{"handler": "reverse_proxy", "upstreams": [{"dial": backend}]}]}],
                    },
                }
            }
        },
    }
    path = pathlib.Path(workdir) / "caddy.json"
    path.write_text(json.dumps(config))
    with _running([binary, "run", f"--config={path}"], f"http://{proxy}/", workdir, log, cpu):
        yield f"http://{admin}", f"http://{proxy}"
