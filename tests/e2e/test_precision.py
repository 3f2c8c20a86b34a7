"""Precision of `leakrig analyze` (issue 13) on real Go servers nobody here
wrote: Debian's prometheus, etcd and caddy, each idle and under `leakrig load`,
dumped at debug=2 and debug=0. None of them leaks, so every dump must exit 0.

Each service starts from this module on loopback ports only, runs in its own
process group, and is stopped with it (leakrig_services). `-s` prints the
table the README's "Precision on real services" quotes."""

import collections
import json
import shutil
import subprocess
import time
import urllib.request

import leakrig_services as services
import pytest
from conftest import LEAKRIG, ROOT, run_leakrig

LOAD_SECONDS, LOAD_CONCURRENCY = 6, 8
SERVICES = {
    # name: (binary, how to start it, path to load)
    "prometheus": ("prometheus", services.prometheus, "/api/v1/query?query=up"),
    "etcd": ("etcd", services.etcd, "/health"),
    "caddy": ("caddy", services.caddy, "/"),
}
DUMPS = {"debug=2": "goroutine?debug=2", "debug=0": "goroutine?debug=0"}


def fetch(url, path):
    with urllib.request.urlopen(url, timeout=30) as response:
        path.write_bytes(response.read())
    return path


def listeners(process_name):
    """Local addresses of the TCP sockets a process of that name listens on."""
    lines = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, timeout=10, check=True).stdout
    return [line.split()[3] for line in lines.splitlines() if f'(("{process_name}",' in line]


def take_dumps(pprof, out, state):
    return {
        (state, kind): fetch(f"{pprof}/debug/pprof/{query}", out / f"{state}.{kind}") for kind, query in DUMPS.items()
    }


@pytest.fixture(scope="module", params=list(SERVICES))
def service_dumps(request, tmp_path_factory):
    """{(state, format): dump path} of one service, idle and under load."""
    name = request.param
    binary, start, load_path = SERVICES[name]
    if not shutil.which(binary):
        pytest.fail(f"Debian's {binary} is not installed: run scripts/setup")
    out = tmp_path_factory.mktemp(name)
    with open(out / "service.log", "w") as log, start(shutil.which(binary), out, log=log) as urls:
        pprof, target = (urls, urls) if isinstance(urls, str) else urls
        time.sleep(2)  # past start-up work
        bound = listeners(binary)
        assert bound and all(a.startswith("127.0.0.1:") for a in bound), bound
        dumps = take_dumps(pprof, out, "idle")
        load = subprocess.Popen(
            [
                str(LEAKRIG),
                "load",
                f"{target}{load_path}",
                "--duration",
                str(LOAD_SECONDS),
                "--concurrency",
                str(LOAD_CONCURRENCY),
                "--json",
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            time.sleep(LOAD_SECONDS / 2)
            dumps.update(take_dumps(pprof, out, "loaded"))
            report = json.loads(load.communicate(timeout=LOAD_SECONDS + 30)[0])
        finally:
            if load.poll() is None:
                load.kill()
                load.wait(timeout=5)
    assert report["requests"] > 1000 and report["errors"] == 0, report
    return name, dumps


CASES = [(state, kind) for state in ("idle", "loaded") for kind in DUMPS]
ROWS = []


@pytest.fixture(scope="module", autouse=True)
def precision_table():
    """Prints the README's table once the module's dumps are judged."""
    yield
    print("\n| service | state | dump | goroutines | exit | certain | likely | possible |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(sorted(ROWS)))


@pytest.mark.parametrize("state,kind", CASES, ids=[f"{s}-{k}" for s, k in CASES])
def test_healthy_service_dump_exits_0(service_dumps, state, kind):
    name, dumps = service_dumps
    done = run_leakrig("analyze", dumps[(state, kind)], "--json", timeout=60)
    report = json.loads(done.stdout)
    judged = [
        f"{s['top_function']} x{s['count']} {s['confidence']}: {s['evidence']['why']}"
        for s in report["suspects"]
        if s["confidence"] != "possible"
    ]
    assert done.returncode == 0, f"{name} {state} {kind}:\n" + "\n".join(judged)
    assert report["total"] > 10 and not report["errors"]
    levels = collections.Counter(s["confidence"] for s in report["suspects"])
    ROWS.append(
        f"| {name} | {state} | {kind} | {report['total']} | {done.returncode} | "
        f"{levels['certain']} | {levels['likely']} | {levels['possible']} |"
    )
