"""`run --service` and `compare --service` on a small Go service of the user's own:
a module in a temporary git repository whose first commit leaks (an unbuffered
send nobody receives) and whose second fixes it. It has a dependency process
(an upstream from the same module) and serves pprof on a separate debug port."""

import os
import pathlib
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ET

import pytest
from conftest import read_json, run_leakrig

GO_MOD = "module example.com/orders\n\ngo 1.26\n"

UPSTREAM = textwrap.dedent("""\
    package main

    import (
        "flag"
        "fmt"
        "net/http"
        "time"
    )

    func main() {
        listen := flag.String("listen", "", "address")
        flag.Parse()
        srv := &http.Server{Addr: *listen, ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second,
            Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "stock: 3") })}
        panic(srv.ListenAndServe())
    }
    """)

# CHANNEL is make(chan string) in the leaky commit, make(chan string, 1) in the fix.
API = textwrap.dedent("""\
    package main

    import (
        "encoding/json"
        "flag"
        "io"
        "net/http"
        _ "net/http/pprof"
        "runtime/metrics"
        "time"
    )

    var upstream = flag.String("upstream", "", "upstream address")

    func askUpstream() string {
        resp, err := http.Get("http://" + *upstream + "/")
        if err != nil {
            return err.Error()
        }
        defer resp.Body.Close()
        b, _ := io.ReadAll(resp.Body)
        return string(b)
    }

    // handleOrders answers at once and lets a goroutine ask the upstream.
    func handleOrders(w http.ResponseWriter, r *http.Request) {
        stock := CHANNEL
        go func() { stock <- askUpstream() }()
        w.Write([]byte("accepted\\n"))
    }

    // serveMetrics answers runtime/metrics as JSON, {"/sched/...": 3}, as leakrig's fixtures do.
    func serveMetrics(w http.ResponseWriter, r *http.Request) {
        samples := []metrics.Sample{
            {Name: "/sched/goroutines/runnable:goroutines"}, {Name: "/sched/gomaxprocs:threads"},
        }
        metrics.Read(samples)
        out := map[string]uint64{}
        for _, s := range samples {
            out[s.Name] = s.Value.Uint64()
        }
        json.NewEncoder(w).Encode(out)
    }

    func serve(addr string, h http.Handler) {
        srv := &http.Server{Addr: addr, Handler: h, ReadTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
        panic(srv.ListenAndServe())
    }

    func main() {
        listen := flag.String("listen", "", "address")
        debug := flag.String("debug", "", "debug address: pprof")
        flag.Parse()
        mux := http.NewServeMux()
        mux.HandleFunc("/orders", handleOrders)
        mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {})
        http.HandleFunc("/debug/metrics", serveMetrics)
        go serve(*debug, http.DefaultServeMux)
        serve(*listen, mux)
    }
    """)

MANIFEST = textwrap.dedent("""\
    name = "orders"
    package = "./cmd/api"
    args = ["-listen", "{addr}", "-debug", "{debug_addr}", "-upstream", "{dep.upstream.addr}"]
    pprof = "http://{debug_addr}/debug/pprof/"
    ready = "/healthz"
    suspect_function = "handleOrders"

    [[dependency]]
    name = "upstream"
    package = "./cmd/upstream"
    args = ["-listen", "{addr}"]

    [load]
    concurrency = 4
    rate = 200
    duration_seconds = 1.5

    [[load.request]]
    method = "POST"
    path = "/orders"
    headers = { Content-Type = "application/json" }
    body = '{"item": 1}'

    [timing]
    drain_seconds = 1
    """)


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def write(repo, files):
    for name, content in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


@pytest.fixture(scope="module")
def service_repo(tmp_path_factory):
    """The repository, with commits 'leak' and 'fix'; returns (repo, leak sha, fix sha)."""
    repo = tmp_path_factory.mktemp("orders")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "t")
    write(
        repo,
        {
            "go.mod": GO_MOD,
            "cmd/upstream/main.go": UPSTREAM,
            "leakrig.toml": MANIFEST,
            "cmd/api/main.go": API.replace("CHANNEL", "make(chan string)"),
        },
    )
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "orders: ask the upstream")
    leak = git(repo, "rev-parse", "HEAD")
    write(repo, {"cmd/api/main.go": API.replace("CHANNEL", "make(chan string, 1)")})
    git(repo, "commit", "-q", "-am", "orders: the stock goroutine never blocks")
    return repo, leak, git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("service-cache")


def leakrig(cache, *args, timeout=180):
    env = dict(os.environ, LEAKRIG_FIXTURE_CACHE=str(cache))
    return run_leakrig(*args, timeout=timeout, env=env)


def processes_of_run(run_dir):
    """PIDs whose environment says they belong to run_dir (every child gets LEAKRIG_RUN_DIR)."""
    marker = f"LEAKRIG_RUN_DIR={run_dir}".encode()
    pids = []
    for proc in pathlib.Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker in (proc / "environ").read_bytes().split(b"\0"):
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def variant_manifest(tmp_path, repo, text):
    """A manifest beside a copy of the module: the same sources, another leakrig.toml."""
    copy = tmp_path / "module"
    subprocess.run(["cp", "-r", str(repo), str(copy)], check=True)
    (copy / "leakrig.toml").write_text(text)
    return copy / "leakrig.toml"


def test_run_service_finds_the_leak_and_names_its_stack(service_repo, cache, tmp_path):
    repo, leak, _ = service_repo
    worktree = tmp_path / "leaky"
    git(repo, "worktree", "add", "-q", "--detach", str(worktree), leak)
    out = tmp_path / "run"
    result = leakrig(cache, "run", "--service", worktree / "leakrig.toml", "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr  # the default expectation is clean
    verdict = read_json(out / "orders" / "service" / "verdict.json")
    assert verdict["verdict"] == "leak", verdict
    assert "handleOrders" in verdict["suspects"][0]["top_function"]
    assert "top suspect: main.handleOrders" in result.stdout
    assert (out / "orders" / "service" / "dependency-upstream.log").exists()
    assert processes_of_run(out) == []
    expected = leakrig(
        cache, "run", "--service", worktree / "leakrig.toml", "--out", tmp_path / "again", "--expect", "leak"
    )
    assert expected.returncode == 0, expected.stdout + expected.stderr


def test_compare_proves_the_fix(service_repo, cache, tmp_path):
    repo, leak, fix = service_repo
    (repo / "notes.txt").write_text("uncommitted")  # a dirty tree does not matter
    try:
        out = tmp_path / "compare"
        result = leakrig(cache, "compare", "--service", repo / "leakrig.toml", leak, fix, "--out", out)
    finally:
        (repo / "notes.txt").unlink()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "uncommitted changes" in result.stdout
    assert "fix verified: leak -> clean" in result.stdout
    assert read_json(out / "orders" / "before" / "verdict.json")["verdict"] == "leak"
    assert read_json(out / "orders" / "after" / "verdict.json")["verdict"] == "clean"
    assert "worktrees" not in git(repo, "worktree", "list")  # removed again
    assert processes_of_run(out) == []
    record = read_json(out / "compare.json")
    assert (record["before"]["commit"], record["after"]["commit"], record["verified"]) == (leak, fix, True)
    leaked = read_json(out / "orders" / "before" / "verdict.json")["suspects"][0]["count_final"]
    assert_leak_removed_in_graph(out / record["flame_graph"], leaked)
    assert f"flame graph before -> after: {out / record['flame_graph']}" in result.stdout
    page = (out / "index.html").read_text()
    assert "FIX VERIFIED" in page and f'src="{record["flame_graph"]}"' in page


def assert_leak_removed_in_graph(svg, leaked):
    """The differential graph before -> after is SVG in which the leaking
    handler's goroutines are there before and gone after: drawn as shrunk."""
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.parse(svg).getroot()
    assert root.tag == f"{ns}svg"
    (frame,) = [g for g in root.iter(f"{ns}g") if g.get("data-n") == "main.handleOrders.func1"]
    tooltip = frame.find(f"{ns}title").text
    counts = re.search(r"before (\d+) \u2192 after (\d+) \((-\d+)\)", tooltip)
    assert counts, tooltip
    assert tuple(map(int, counts.groups())) == (leaked, 0, -leaked)


def test_compare_refuses_a_revision_that_does_not_exist(service_repo, cache, tmp_path):
    repo, leak, _ = service_repo
    result = leakrig(cache, "compare", "--service", repo / "leakrig.toml", leak, "no-such-rev", "--out", tmp_path / "o")
    assert result.returncode == 2
    assert 'revision "no-such-rev" does not exist' in result.stderr


# A manifest that never tells the service where to listen, and what leakrig says of it.
NO_ADDRESS = MANIFEST.replace('"-listen", "{addr}", ', "")
NO_ADDRESS_ERROR = "neither args nor env uses {addr} or {port}"

BAD_MANIFESTS = [
    (
        "missing-package",
        MANIFEST.replace('package = "./cmd/api"', 'package = "./cmd/nope"'),
        "package ./cmd/nope does not exist",
        1,
    ),
    (
        "exits-early",
        MANIFEST.replace('package = "./cmd/api"', 'command = ["sh", "-c", "echo bye; exit 3", "x"]'),
        "service exited before it was ready (exit code 3)",
        1,
    ),
    (
        "never-ready",
        MANIFEST.replace('package = "./cmd/api"', 'command = ["sh", "-c", "sleep 30", "x"]').replace(
            "drain_seconds = 1", "drain_seconds = 1\nstartup_timeout_seconds = 1"
        ),
        "service was not ready within 1.0 s",
        1,
    ),
    (
        "pprof-404",
        MANIFEST.replace("{debug_addr}/debug/pprof/", "{addr}/debug/pprof/"),
        "/debug/pprof/goroutine?debug=1 answers 404",
        1,
    ),
    ("template-unused", NO_ADDRESS, NO_ADDRESS_ERROR, 2),
    (
        "not-loopback",
        MANIFEST.replace('ready = "/healthz"', 'ready = "/healthz"\naddr = "0.0.0.0:8080"'),
        'addr: is "0.0.0.0:8080"; it must be loopback',
        2,
    ),
]


@pytest.mark.parametrize("name,manifest,message,code", BAD_MANIFESTS, ids=[b[0] for b in BAD_MANIFESTS])
def test_bad_service_input_gives_one_clear_error(service_repo, cache, tmp_path, name, manifest, message, code):
    repo, _, _ = service_repo
    out = tmp_path / "run"
    result = leakrig(cache, "run", "--service", variant_manifest(tmp_path, repo, manifest), "--out", out)
    assert result.returncode == code, result.stdout + result.stderr
    assert message in result.stdout + result.stderr
    assert processes_of_run(out) == []


def test_a_build_failure_shows_its_last_lines(service_repo, cache, tmp_path):
    repo, _, _ = service_repo
    manifest = variant_manifest(tmp_path, repo, MANIFEST)
    (manifest.parent / "cmd" / "api" / "broken.go").write_text("package main\n\nfunc broken() { return 1 }\n")
    result = leakrig(cache, "run", "--service", manifest, "--out", tmp_path / "run")
    assert result.returncode == 1
    assert "building ./cmd/api: go build failed" in result.stdout
    assert "too many return values" in result.stdout


def test_catalog_load_flags_are_refused_with_service(tmp_path):
    """The manifest is where a service's load is set: a flag that would be ignored is an error instead."""
    manifest = tmp_path / "leakrig.toml"
    manifest.write_text('name = "orders"\npackage = "./cmd/api"\n')
    result = run_leakrig("run", "--service", manifest, "--duration", "1")
    assert result.returncode == 2
    assert "do not apply to --service" in result.stderr


# The sweep reads runnable goroutines from the service's runtime/metrics JSON on its debug listener.
SWEEP_MANIFEST = MANIFEST.replace(
    'ready = "/healthz"', 'ready = "/healthz"\nmetrics = "http://{debug_addr}/debug/metrics"'
)


@pytest.fixture(scope="module")
def service_sweep(service_repo, cache, tmp_path_factory):
    """`sweep --service` at GOMAXPROCS 1 and 2, the manifest naming the service's metrics."""
    repo, _, _ = service_repo
    tmp = tmp_path_factory.mktemp("sweep")
    out = tmp / "out"
    result = leakrig(
        cache, "sweep", "--service", variant_manifest(tmp, repo, SWEEP_MANIFEST), "--procs", "1,2", "--out", out
    )
    return out, result


def test_sweep_service_gives_a_row_per_gomaxprocs(service_sweep):
    out, result = service_sweep
    assert result.returncode == 0, result.stdout + result.stderr
    data = read_json(out / "sweep.json")
    assert data["options"]["service"]["name"] == "orders" and data["claims"] == []
    rows = data["rows"]
    assert [(r["workload"], r["gomaxprocs"], r["repeats"]) for r in rows] == [("orders", 1, 1), ("orders", 2, 1)]
    for row in rows:
        http = row["http"]
        assert http["requests"] > 100 and http["errors"] == 0 and http["rps"]["median"] > 50
        assert 0 < http["latency_ms"]["p50"] <= http["latency_ms"]["p99"]
        cpu = row["cpu_seconds"]["median"]
        assert cpu > 0
        assert row["cpu_seconds_per_request"] == pytest.approx(cpu / http["requests"], rel=1e-3)
        assert row["threads_peak"] >= 2  # a Go process, not a wrapper
        assert row["runnable_peak"] is not None and row["runnable_peak"] >= 0
        assert row["runqueue_peak"] == {"global": None, "per_p": None}
        assert set(row["unmeasured"]) == {"runqueue_peak"}
    csv = (out / "sweep.csv").read_text().splitlines()
    assert csv[0].endswith(",cpu_per_request_s") and len(csv) == 3
    assert all(float(line.split(",")[-1]) > 0 for line in csv[1:])
    assert (out / "sweep.svg").read_text().startswith("<svg")
    assert "cpu µs/req" in result.stdout and f"results: {out}" in result.stdout
    for run in ("orders-p1-r1", "orders-p2-r1"):
        assert (out / "logs" / run / "service.log").exists()
        assert (out / "logs" / run / "dependency-upstream.log").exists()
    assert processes_of_run(out) == []


def test_sweep_service_says_why_a_figure_is_missing(service_repo, cache, tmp_path):
    """Without a metrics URL nor runtime/metrics in expvar, runnable goroutines are null with the reason."""
    repo, _, _ = service_repo
    out = tmp_path / "out"
    result = leakrig(cache, "sweep", "--service", repo / "leakrig.toml", "--procs", "2", "--repeat", "2", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    data = read_json(out / "sweep.json")
    [row] = data["rows"]
    assert row["repeats"] == 2 and len(data["runs"]) == 2
    assert row["runnable_peak"] is None
    assert "/debug/vars answers HTTP 404" in row["unmeasured"]["runnable_peak"]
    assert row["cpu_seconds_per_request"] > 0 and row["threads_peak"] >= 2
    assert "not measured: runnable_peak: the manifest names no metrics URL" in result.stdout
    assert processes_of_run(out) == []


BAD_SWEEPS = [
    ("procs-zero", ["--procs", "0"], MANIFEST, "GOMAXPROCS 0 is out of range"),
    ("procs-not-a-number", ["--procs", "two"], MANIFEST, "--procs"),
    (
        "fixture-flag",
        ["--workload", "cpu", "--goroutines", "10"],
        MANIFEST,
        "--workload, --goroutines do not apply to --service",
    ),
    ("bad-manifest", [], NO_ADDRESS, NO_ADDRESS_ERROR),
    (
        "fixed-gomaxprocs",
        [],
        MANIFEST.replace('ready = "/healthz"', 'ready = "/healthz"\nenv = { GOMAXPROCS = "4" }'),
        "env sets GOMAXPROCS",
    ),
]


@pytest.mark.parametrize("name,flags,manifest,message", BAD_SWEEPS, ids=[b[0] for b in BAD_SWEEPS])
def test_sweep_service_refuses_bad_input(service_repo, cache, tmp_path, name, flags, manifest, message):
    repo, _, _ = service_repo
    out = tmp_path / "out"
    result = leakrig(cache, "sweep", "--service", variant_manifest(tmp_path, repo, manifest), *flags, "--out", out)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert not out.exists()


# A service that answers 20 requests, then exits 7.
DIES = textwrap.dedent("""\
    package main

    import (
        "flag"
        "net/http"
        _ "net/http/pprof"
        "os"
        "sync/atomic"
    )

    func main() {
        listen := flag.String("listen", "", "address")
        flag.Parse()
        var served atomic.Int64
        http.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
            if served.Add(1) > 20 {
                os.Exit(7)
            }
        })
        panic(http.ListenAndServe(*listen, nil))
    }
    """)

DIES_MANIFEST = textwrap.dedent("""\
    name = "dies"
    package = "./cmd/dies"
    args = ["-listen", "{addr}"]

    [load]
    concurrency = 2
    rate = 100
    duration_seconds = 1

    [[load.request]]
    path = "/orders"
    """)


def test_sweep_service_reports_a_service_that_dies(service_repo, cache, tmp_path):
    repo, _, _ = service_repo
    manifest = variant_manifest(tmp_path, repo, DIES_MANIFEST)
    write(manifest.parent, {"cmd/dies/main.go": DIES})
    out = tmp_path / "out"
    result = leakrig(cache, "sweep", "--service", manifest, "--procs", "1,2", "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error: dies-p1-r1: the service exited during the load (exit code 7)" in result.stdout
    assert "error: dies-p2-r1: the service exited during the load (exit code 7)" in result.stdout
    assert read_json(out / "sweep.json")["rows"] == []
    assert processes_of_run(out) == []


def test_sweep_service_refuses_a_service_that_sets_gomaxprocs_itself(service_repo, cache, tmp_path):
    """Its runtime/metrics say which GOMAXPROCS it runs with: a sweep that cannot vary it says so."""
    repo, _, _ = service_repo
    manifest = variant_manifest(tmp_path, repo, SWEEP_MANIFEST)
    api = manifest.parent / "cmd" / "api" / "main.go"
    source = api.read_text().replace('"runtime/metrics"', '"runtime"\n    "runtime/metrics"')
    api.write_text(source.replace("flag.Parse()\n", "flag.Parse()\n    runtime.GOMAXPROCS(3)\n", 1))
    out = tmp_path / "out"
    result = leakrig(cache, "sweep", "--service", manifest, "--procs", "1", "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "the service runs with GOMAXPROCS=3, not 1" in result.stdout
    assert processes_of_run(out) == []


def test_sweep_service_shows_a_failed_build(service_repo, cache, tmp_path):
    repo, _, _ = service_repo
    manifest = variant_manifest(tmp_path, repo, MANIFEST)
    (manifest.parent / "cmd" / "api" / "broken.go").write_text("package main\n\nfunc broken() { return 1 }\n")
    result = leakrig(cache, "sweep", "--service", manifest, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "building ./cmd/api: go build failed" in result.stderr
    assert "too many return values" in result.stderr
