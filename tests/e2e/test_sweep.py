"""`leakrig sweep`: GOMAXPROCS changes how long CPU work takes, not how long sleeps take."""

import os

import pytest
from conftest import fixture_processes, read_json, run_leakrig

ROW_KEYS = {
    "workload",
    "gomaxprocs",
    "repeats",
    "wall_seconds",
    "cpu_seconds",
    "runnable_peak",
    "threads_peak",
    "runqueue_peak",
}


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep")
    result = run_leakrig(
        "sweep",
        "--procs",
        "1,2",
        "--goroutines",
        200,
        "--repeat",
        3,
        "--workload",
        "sleep,cpu",
        "--out",
        out,
        timeout=120,
    )
    return out, result


def rows_by_case(out):
    return {(r["workload"], r["gomaxprocs"]): r for r in read_json(out / "sweep.json")["rows"]}


def test_sweep_exits_zero_and_prints_the_table_and_claims(sweep):
    out, result = sweep
    assert result.returncode == 0, result.stdout + result.stderr
    assert "workload" in result.stdout and "runnable" in result.stdout
    assert "1000 × sleep(10ms) at GOMAXPROCS=1 take 10.2 s" in result.stdout
    assert "What sampling costs" in result.stdout
    assert f"results: {out}" in result.stdout


def test_sweep_writes_csv_and_json(sweep):
    out, _ = sweep
    data = read_json(out / "sweep.json")
    assert len(data["rows"]) == 4
    for row in data["rows"]:
        assert ROW_KEYS <= row.keys()
        assert row["repeats"] == 3
        assert row["wall_seconds"]["min"] <= row["wall_seconds"]["median"] <= row["wall_seconds"]["max"]
        assert row["cpu_seconds"]["median"] > 0
        assert row["threads_peak"] >= 1
    assert data["machine"]["cores"] >= 1
    assert [c["holds"] for c in data["claims"]] == [None, None, None]  # the claims are about 1000 goroutines
    csv = (out / "sweep.csv").read_text().splitlines()
    assert csv[0].startswith("workload,gomaxprocs,repeats,wall_median_s") and len(csv) == 5


def test_the_html_report_draws_the_sweep_plot_from_sweep_json(sweep):
    out, result = sweep
    assert f"report: {out / 'index.html'}" in result.stdout
    assert '<img class="sweep" src="sweep.svg"' in (out / "index.html").read_text()
    svg = (out / "sweep.svg").read_text()
    assert svg.startswith("<svg") and "<script" not in svg and ">cpu</text>" in svg
    # Each point's tooltip carries the median that sweep.json holds for it.
    for (workload, procs), row in rows_by_case(out).items():
        seconds = row["wall_seconds"]["median"]
        label = f"{seconds * 1000:g} ms" if seconds < 1 else f"{seconds:g} s"
        assert f"<title>{workload} at GOMAXPROCS={procs}: {label}</title>" in svg


def test_sleep_takes_about_the_same_time_at_every_gomaxprocs(sweep):
    out, _ = sweep
    rows = rows_by_case(out)
    at_1, at_2 = rows[("sleep", 1)]["wall_seconds"]["median"], rows[("sleep", 2)]["wall_seconds"]["median"]
    # 200 sleeps of 10 ms: about 10 ms either way, nowhere near 200 × 10 ms.
    assert 0.009 < at_1 < 0.5 and 0.009 < at_2 < 0.5
    assert max(at_1, at_2) / min(at_1, at_2) < 3


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs at least 2 cores")
def test_cpu_is_clearly_faster_at_two_than_at_one(sweep):
    out, _ = sweep
    rows = rows_by_case(out)
    at_1, at_2 = rows[("cpu", 1)]["wall_seconds"]["median"], rows[("cpu", 2)]["wall_seconds"]["median"]
    if at_2 >= 0.8 * at_1:
        cores, load = len(os.sched_getaffinity(0)), os.getloadavg()[0]
        if load > cores:
            # Other processes hold the cores: a second P has no second core to run on.
            pytest.skip(f"load average {load:.1f} on {cores} cores: no free core to show the speed-up")
    assert at_2 < 0.8 * at_1, f"cpu took {at_1:.3f} s at GOMAXPROCS=1 and {at_2:.3f} s at 2"


def test_sweep_rejects_an_unknown_workload(tmp_path):
    result = run_leakrig("sweep", "--workload", "disk", "--out", tmp_path)
    assert result.returncode == 2
    assert 'unknown workload "disk"' in result.stderr


def sweep_fixture_processes():
    """Running sweep fixtures. Only ours: other suites may run theirs meanwhile."""
    pids = []
    for pid in fixture_processes():
        try:
            if "/sweep-" in os.readlink(f"/proc/{pid}/exe"):
                pids.append(pid)
        except OSError:
            pass  # it ended in between
    return pids


def test_no_sweep_fixture_is_left_running(sweep):
    assert sweep_fixture_processes() == []
