"""Scenarios whose fixture calls a real dependency the harness starts (issue 17):
PostgreSQL for sql-rows-not-closed, the gRPC feed for grpc-stream-not-cancelled.
Each dependency starts, is used (counted by the dependency itself: PostgreSQL's
statistics, the feed's own count), and is gone after the run, even when the
harness is killed. A dependency that cannot start makes its variants `error`
with the cause and the log, and the suite goes on."""

import glob
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest
from conftest import LEAKRIG, ROOT, fixture_processes, read_json, run_leakrig, wait_for

SQL = "sql-rows-not-closed"
GRPC = "grpc-stream-not-cancelled"
POOL = 64  # go-fixtures/patterns/sqlrows.MaxOpen


def data_folder_prefix(harness_pid):
    """Where the harness with that pid makes its dependencies' data folders."""
    return f"{tempfile.gettempdir()}/leakrig-data-{harness_pid}-"


def processes_in(text):
    """PIDs of processes working in a folder that starts with `text`, or naming
    it on their command line: PostgreSQL's postmaster names its data folder,
    and every PostgreSQL process works in it."""
    found = []
    for proc in pathlib.Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cwd = os.readlink(proc / "cwd")
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cwd.startswith(text) or text in cmdline:
            found.append(int(proc.name))
    return found


def postmaster_port(harness_pid):
    """The port of the PostgreSQL that harness started, once it runs."""
    for pid in processes_in(data_folder_prefix(harness_pid)):
        try:
            argv = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"-p" in argv and b"-D" in argv:
            return int(argv[argv.index(b"-p") + 1])
    return None


def psql(port, query):
    """One value from the run's PostgreSQL, or None while it cannot answer. It
    connects to template1, so that its own queries are not counted in `postgres`."""
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "leakrig", "-d", "template1", "-Atc", query],
        capture_output=True,
        text=True,
        timeout=10,
        env={**os.environ, "PGCONNECT_TIMEOUT": "2"},
    )
    return done.stdout.strip() if done.returncode == 0 else None


def run_watching_postgres(out, variant, query):
    """Runs one variant of sql-rows-not-closed and asks its PostgreSQL `query`
    (one integer) all along; returns the run and the largest answer."""
    harness = subprocess.Popen(
        [str(LEAKRIG), "run", SQL, "--variant", variant, "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    port = wait_for(lambda: postmaster_port(harness.pid) or harness.poll() is not None, timeout=120)
    assert port and port is not True, "PostgreSQL never started:\n" + harness.communicate()[0]
    largest = 0
    while harness.poll() is None:
        answer = psql(port, query)
        if answer:
            largest = max(largest, int(answer))
        time.sleep(0.1)
    output = harness.communicate()[0]
    assert_nothing_left(out, harness.pid)
    return output, harness.returncode, largest


def assert_nothing_left(out, harness_pid):
    prefix = data_folder_prefix(harness_pid)
    assert wait_for(lambda: not processes_in(prefix), timeout=10), f"left running: {processes_in(prefix)}"
    assert fixture_processes(run_dir=out) == []
    assert glob.glob(prefix + "*") == [], "a data folder was left"


def queries_logged(folder):
    """The fixture's queries in the statements PostgreSQL logged (log_statement = all)."""
    log = (folder / "dependency-postgres.log").read_text()
    return len(re.findall(r"LOG:  (?:statement|execute \S+): SELECT id, total FROM orders ORDER BY id\n", log))


def test_postgres_serves_the_fixed_variants_queries_and_is_gone_after(tmp_path):
    output, code, connections = run_watching_postgres(
        tmp_path, "fixed", f"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{SQL}'"
    )
    assert code == 0, output
    folder = tmp_path / SQL / "fixed"
    v = read_json(folder / "verdict.json")
    assert v["verdict"] == "clean"
    requests = v["load"]["requests"]
    assert requests >= 100
    # One query per request, run by the server; the pool reused a few connections.
    assert requests <= queries_logged(folder) <= requests + v["load"]["errors"]
    assert 1 <= connections <= 4  # the load's 4 connections: the pool reuses what it has
    metrics = read_json(folder / "metrics-final.json")
    assert metrics["/sql/pool/in-use:connections"] == 0
    log = (folder / "dependency-postgres.log").read_text()
    assert "leakrig: data folder " in log and "$ initdb -D" in log
    assert "database system is ready to accept connections" in log


def test_the_leaky_variant_holds_the_whole_pool_which_postgres_sees_as_idle(tmp_path):
    output, code, held = run_watching_postgres(
        tmp_path,
        "leaky",
        f"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{SQL}' AND state = 'idle'",
    )
    assert code == 0, output
    v = read_json(tmp_path / SQL / "leaky" / "verdict.json")
    assert v["verdict"] == "leak" and v["suspects"][0]["top_function"] == "database/sql.(*Rows).awaitDone"
    assert v["suspects"][0]["count_final"] - v["suspects"][0]["count_baseline"] == POOL
    # The server sees every connection the pool holds, finished and idle: from
    # its side nothing is wrong.
    assert held == POOL
    metrics = read_json(tmp_path / SQL / "leaky" / "metrics-final.json")
    assert metrics["/sql/pool/in-use:connections"] == POOL
    assert metrics["/sql/pool/open:connections"] == POOL
    assert metrics["/sql/pool/wait-count:waits"] >= 1  # requests that wait for a connection that never comes back
    assert v["load"]["requests"] == POOL
    assert queries_logged(tmp_path / SQL / "leaky") == POOL  # those that waited for a connection never ran


def test_the_feed_serves_a_stream_per_request_and_its_side_is_recorded(tmp_path):
    result = run_leakrig("run", GRPC, "--out", tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for variant in ("leaky", "fixed"):
        folder = tmp_path / GRPC / variant
        v = read_json(folder / "verdict.json")
        log = (folder / "dependency-feed.log").read_text()
        subscribed, ended = map(int, re.search(r"feed: (\d+) subscriptions, (\d+) ended", log).groups())
        assert subscribed == v["load"]["requests"] > 1000, log  # one real stream per request, counted by the feed
        assert ended == subscribed  # by the end, every stream is gone: the fixture stopped first
        analyzed = run_leakrig(
            "analyze",
            folder / "dependency-feed-goroutine-baseline.debug2.txt",
            folder / "dependency-feed-goroutine-final.debug2.txt",
            "--json",
        )
        suspects = json.loads(analyzed.stdout)["suspects"]
        if variant == "leaky":
            top = suspects[0]
            assert top["top_function"] == "leakrig/fixtures/internal/feed.(*Server).Subscribe", top
            assert top["wait_reason"] == "chan receive"
            assert top["count"] == subscribed
            assert analyzed.returncode == 1
        else:
            assert analyzed.returncode == 0, [s["top_function"] for s in suspects]
    assert fixture_processes(run_dir=tmp_path) == []


@pytest.fixture(scope="module")
def broken_dependencies(tmp_path_factory):
    """A suite over three scenarios: PostgreSQL's port taken, PostgreSQL not
    installed, and unbuffered-send, which must pass."""
    root = tmp_path_factory.mktemp("root")
    (root / "scenarios").mkdir()
    (root / "go-fixtures").symlink_to(ROOT / "go-fixtures")
    manifest = (ROOT / "scenarios" / f"{SQL}.toml").read_text()
    manifest = manifest[: manifest.index("[variants.leaky]")] + '[variants.fixed]\nexpected = "clean"\n'
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        scenarios = {
            "pg-port-taken": manifest.replace(
                'command = ["postgres"]', f'addr = "127.0.0.1:{port}"\ncommand = ["postgres"]'
            ),
            "pg-missing": manifest.replace("/usr/lib/postgresql/*/bin", str(root / "no-postgresql" / "*" / "bin")),
        }
        for name, text in scenarios.items():
            (root / "scenarios" / f"{name}.toml").write_text(text.replace(f'name = "{SQL}"', f'name = "{name}"'))
        shutil.copy(ROOT / "scenarios" / "unbuffered-send.toml", root / "scenarios")
        out = root / "out"
        # Without PostgreSQL on PATH (this machine may link it into /usr/local/bin).
        env = {**os.environ, "PATH": "/usr/bin:/bin:" + str(pathlib.Path(shutil.which("go")).parent)}
        result = run_leakrig("--root", root, "suite", "--out", out, timeout=600, env=env)
    return out, result


@pytest.mark.parametrize(
    "scenario,cause",
    [
        ("pg-port-taken", "Address already in use"),
        ("pg-missing", 'dependency postgres: command "initdb" is neither in'),
    ],
)
def test_a_dependency_that_cannot_start_is_an_error_naming_its_cause(broken_dependencies, scenario, cause):
    out, _ = broken_dependencies
    v = read_json(out / scenario / "fixed" / "verdict.json")
    assert v["verdict"] == "error" and not v["passed"]
    assert cause in v["reason"], v["reason"]
    if scenario == "pg-port-taken":
        assert str(out / scenario / "fixed" / "dependency-postgres.log") in v["reason"], v["reason"]


def test_the_suite_goes_on_and_nothing_is_left(broken_dependencies):
    out, result = broken_dependencies
    assert result.returncode == 1, result.stdout + result.stderr
    v = read_json(out / "unbuffered-send" / "leaky" / "verdict.json")
    assert v["verdict"] == "leak" and v["passed"]
    assert fixture_processes(run_dir=out) == []
    for log in out.rglob("dependency-postgres.log"):
        folder = re.search(r"leakrig: data folder (\S+)", log.read_text()).group(1)
        assert not os.path.exists(folder), folder
        assert not processes_in(folder)


def test_sigkill_of_the_harness_takes_postgres_with_it(tmp_path):
    harness = subprocess.Popen(
        [str(LEAKRIG), "run", SQL, "--variant", "fixed", "--duration", "20", "--out", str(tmp_path / "killed")],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    prefix = data_folder_prefix(harness.pid)
    try:
        port = wait_for(lambda: postmaster_port(harness.pid), timeout=120)
        assert port, "PostgreSQL never started"
        connected = f"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{SQL}'"
        assert wait_for(lambda: int(psql(port, connected) or 0) > 0, timeout=60), "the fixture never connected"
    finally:
        harness.send_signal(signal.SIGKILL)
        harness.wait(timeout=10)
    assert wait_for(lambda: not processes_in(prefix), timeout=10), f"orphans: {processes_in(prefix)}"
    assert fixture_processes(run_dir=tmp_path / "killed") == []
    # What a killed harness leaves is its data folder; the next run removes it, and says so.
    (stale,) = glob.glob(prefix + "*")
    again = run_leakrig("run", SQL, "--variant", "fixed", "--out", tmp_path / "next", timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not os.path.exists(stale)
    log = (tmp_path / "next" / SQL / "fixed" / "dependency-postgres.log").read_text()
    assert f"leakrig: removed {stale}, a data folder left by a leakrig that was killed" in log
