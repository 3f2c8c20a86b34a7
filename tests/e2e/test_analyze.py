"""`leakrig analyze` on what users actually pass it (issue 13): inputs that
are not goroutine dumps exit 3 with one line saying what they look like, a
partly readable dump is still judged, and profiles come from a real Go server
(a catalog fixture) rather than from files made by hand."""

import concurrent.futures
import gzip
import json
import random
import time
import urllib.error
import urllib.request

import pytest
from conftest import ROOT, run_leakrig
from leakrig_services import fixture

DUMPS = ROOT / "tests" / "testdata" / "dumps"


def fetch(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


@pytest.fixture(scope="module")
def server_profiles(tmp_path_factory):
    """Real profiles from one idle Go server: {name: path}."""
    out = tmp_path_factory.mktemp("profiles")
    with fixture("unbuffered-send", ["-variant=fixed"], build_dir=out) as (address, _):
        base = f"http://{address}/debug/pprof"
        files = {
            "heap": fetch(f"{base}/heap"),
            "cpu": fetch(f"{base}/profile?seconds=1"),
            "goroutine": fetch(f"{base}/goroutine?debug=0"),
        }
    for name, body in files.items():
        (out / name).write_bytes(body)
    return {name: out / name for name in files}


def analyze(path, *args):
    return run_leakrig("analyze", path, *args, timeout=60)


NOT_DUMPS = {
    "random-bytes": (random.Random(13).randbytes(2 << 20), "neither gzip nor a profile.proto message"),
    "proxy-error-page": (
        b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
        b"<body><center><h1>502 Bad Gateway</h1></center></body></html>\n",
        'an HTML page titled "502 Bad Gateway"',
    ),
    "json-body": (b'{"status": "error", "error": "unauthorized"}\n', "a JSON body"),
    "empty-file": (b"", "an empty file"),
    "gzip-cut-short": (None, "a gzip stream cut short"),
    "only-record-cut": (None, "a debug=2 dump with no whole goroutine record"),
}


@pytest.mark.parametrize("name", NOT_DUMPS)
def test_input_that_is_not_a_dump_exits_3_with_one_line(name, tmp_path):
    body, want = NOT_DUMPS[name]
    if name == "gzip-cut-short":
        whole = (DUMPS / "go126_debug0.pb.gz").read_bytes()
        body = whole[: len(whole) // 2]
    if name == "only-record-cut":
        body = (DUMPS / "go126_debug2.txt").read_bytes().split(b"\n\t")[0]
    path = tmp_path / name
    path.write_bytes(body)
    for args in ((), ("--json",)):
        done = analyze(path, *args)
        assert done.returncode == 3, (name, args, done.stdout[:300], done.stderr)
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and want in lines[0], done.stderr
        assert done.stdout == ""


@pytest.mark.parametrize(
    "kind,want",
    [
        ("heap", "a heap profile (sample types alloc_objects/count"),
        ("cpu", "a CPU profile (sample types samples/count"),
    ],
)
def test_other_profiles_of_a_real_server_exit_3(server_profiles, kind, want):
    done = analyze(server_profiles[kind])
    assert done.returncode == 3, done.stdout[:300]
    assert want in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr


def test_goroutine_profile_of_the_same_server_is_read(server_profiles):
    done = analyze(server_profiles["goroutine"], "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] > 0


def test_partly_readable_dump_reports_its_errors_and_is_judged():
    """19 whole records before the cut: read, flagged, judged (a nil channel)."""
    done = analyze(DUMPS / "go126_debug2_cut.txt", "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["truncated"] and report["errors"] and report["total"] == 19
    assert report["suspects"][0]["confidence"] == "certain"


def test_gzip_that_is_a_goroutine_dump_in_text_is_not_mistaken(tmp_path):
    """A gzipped debug=2 dump is not a proto: say so rather than exit 0."""
    path = tmp_path / "debug2.txt.gz"
    path.write_bytes(gzip.compress((DUMPS / "go126_debug2.txt").read_bytes()))
    done = analyze(path)
    assert done.returncode == 3 and "gzip holding no profile.proto message" in done.stderr, done.stderr


def test_diff_names_the_unreadable_side(tmp_path):
    (tmp_path / "page.html").write_text("<html><title>404 Not Found</title></html>")
    done = run_leakrig("diff", DUMPS / "go126_debug2.txt", tmp_path / "page.html")
    assert done.returncode == 3
    assert 'page.html: not a goroutine dump: an HTML page titled "404 Not Found"' in done.stderr


def test_fail_on_moves_the_bar():
    """go126_elided: one goroutine blocked on a channel nobody sends on, in a
    small program. It stays in the JSON as possible and fails only --fail-on
    possible."""
    dump = DUMPS / "go126_elided.txt"
    done = analyze(dump, "--json")
    assert done.returncode == 0
    suspects = json.loads(done.stdout)["suspects"]
    assert [(s["top_function"], s["confidence"]) for s in suspects] == [("main.deepBlock", "possible")]
    assert suspects[0]["evidence"]["why"]
    assert analyze(dump, "--fail-on", "possible").returncode == 1
    proven = DUMPS / "go126_debug2.txt"  # a nil-channel goroutine: certain
    assert analyze(proven, "--fail-on", "certain").returncode == 1
    assert analyze(DUMPS / "go126_debug1.txt", "--fail-on", "likely").returncode == 0
    assert analyze(dump, "--fail-on", "sure").returncode == 2


def load(url, requests):
    done = run_leakrig("load", url, "--requests", requests, "--concurrency", 4, "--json", timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def leaky_server(tmp_path_factory):
    """unbuffered-send's leaky variant: one goroutine blocked per request."""
    with fixture("unbuffered-send", ["-variant=leaky"], build_dir=tmp_path_factory.mktemp("leaky")) as (address, _):
        yield f"http://{address}"


def test_delta_profile_is_judged_by_its_growth(leaky_server, tmp_path):
    """goroutine?seconds=2 is the difference of two snapshots 2 s apart, not a
    2-second sample: requests made inside the window show as growth."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        delta = pool.submit(fetch, f"{leaky_server}/debug/pprof/goroutine?seconds=2")
        time.sleep(0.5)
        load(f"{leaky_server}/work", 400)
        (tmp_path / "delta.pb.gz").write_bytes(delta.result(timeout=30))
    done = analyze(tmp_path / "delta.pb.gz", "--json")
    report = json.loads(done.stdout)
    assert (report["format"], report["basis"]) == ("proto delta", "delta")
    assert 1.5 < report["delta_seconds"] < 3
    top = report["suspects"][0]
    assert top["top_function"].endswith("unbufferedsend.LeakyHandler.func1"), top
    assert top["count"] >= 400 and top["confidence"] == "likely", top["evidence"]
    assert {"fact": "grew_by", "value": str(top["count"]), "dump": "delta"} in top["evidence"]["facts"]
    assert done.returncode == 1


def test_delta_of_a_quiet_server_is_not_a_leak(server_profiles, tmp_path):
    """Nothing changed in the window: a delta with no sample, read, exit 0."""
    with fixture("unbuffered-send", ["-variant=fixed"], build_dir=tmp_path) as (address, _):
        body = fetch(f"http://{address}/debug/pprof/goroutine?seconds=1")
    (tmp_path / "quiet.pb.gz").write_bytes(body)
    done = analyze(tmp_path / "quiet.pb.gz", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "proto delta"


def test_seconds_with_debug_2_is_refused_by_the_server(leaky_server):
    """The article's `go tool pprof -seconds=30 .../goroutine?debug=2`."""
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(f"{leaky_server}/debug/pprof/goroutine?debug=2&seconds=1")
    assert refused.value.code == 400
    assert "seconds and debug params are incompatible" in refused.value.read().decode()


def test_two_dumps_judge_growth_and_say_which_dump_each_fact_is_from(leaky_server, tmp_path):
    load(f"{leaky_server}/work", 50)
    (tmp_path / "a.txt").write_bytes(fetch(f"{leaky_server}/debug/pprof/goroutine?debug=2"))
    load(f"{leaky_server}/work", 400)
    (tmp_path / "b.txt").write_bytes(fetch(f"{leaky_server}/debug/pprof/goroutine?debug=2"))
    done = analyze(tmp_path / "a.txt", tmp_path / "b.txt", "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["basis"] == "two dumps" and report["before_total"] >= 50
    top = report["suspects"][0]
    assert top["confidence"] == "likely"
    facts = {(f["fact"], f["dump"]): f["value"] for f in top["evidence"]["facts"]}
    assert facts[("blocked", "before")] == "true"
    assert int(facts[("grew_by", "after")]) >= 390  # a request of the first batch may still be in flight
    assert int(facts[("count", "before")]) >= 50
    assert analyze(tmp_path / "a.txt", tmp_path / "a.txt").returncode == 1  # still likely by its shape alone
