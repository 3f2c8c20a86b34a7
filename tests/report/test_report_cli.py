"""scripts/report end to end on copies of the hand-made run folder."""

import json
import shutil
import subprocess
import sys

import pytest
from report_helpers import FAKE_SWEEP, ROOT, copy_run

REPORT = ROOT / "scripts" / "report"
FLAMES = ["flame-final.svg", "flame-diff-baseline-final.svg"]


def report(run_dir):
    return subprocess.run([sys.executable, str(REPORT), str(run_dir)], capture_output=True, text=True, timeout=60)


def test_writes_index_and_svgs_and_prints_the_index_path(tmp_path):
    run = copy_run(tmp_path)
    result = report(run)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{run / 'index.html'}\n"
    assert result.stderr == ""
    for scenario in ("unbuffered-send", "forgotten-unlock"):
        for variant in ("leaky", "fixed"):
            for name in FLAMES:
                assert (run / scenario / variant / name).stat().st_size > 1000
        assert (run / scenario / "flame-diff-fixed-leaky.svg").exists()
    assert not list(run.rglob(".*.*")), "temporary files left behind"


def test_output_is_deterministic(tmp_path):
    first, second = copy_run(tmp_path / "a"), copy_run(tmp_path / "b")
    report(first), report(second)
    for svg in first.rglob("*.svg"):
        assert svg.read_bytes() == (second / svg.relative_to(first)).read_bytes(), svg.name


def test_runs_as_an_executable(tmp_path):
    run = copy_run(tmp_path)
    result = subprocess.run([str(REPORT), str(run)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip().endswith("index.html")


def test_lists_missing_files_as_problems_and_still_reports(tmp_path):
    run = copy_run(tmp_path)
    leaky = run / "unbuffered-send" / "leaky"
    for name in ("goroutine-final.folded", "states.json", "goroutine-final.pb.gz"):
        (leaky / name).unlink()
    (run / "forgotten-unlock" / "fixed" / "verdict.json").unlink()
    result = report(run)
    assert result.returncode == 0, result.stderr
    assert "problem(s)" in result.stderr
    page = (run / "index.html").read_text()
    assert "no goroutine-final.folded: no flame graph for it" in page
    assert "forgotten-unlock/fixed/verdict.json is missing" in page
    assert not (leaky / "flame-final.svg").exists()


def test_reads_the_verdicts_when_summary_json_is_missing(tmp_path):
    run = copy_run(tmp_path)
    (run / "summary.json").unlink()
    result = report(run)
    assert result.returncode == 0
    page = (run / "index.html").read_text()
    assert "summary.json is missing" in page and page.count('class="card variant"') == 4


def test_reports_a_folded_parse_error_with_its_line(tmp_path):
    run = copy_run(tmp_path)
    with open(run / "unbuffered-send" / "fixed" / "goroutine-final.folded", "a") as f:
        f.write("main.cut;[chan_se")
    report(run)
    page = (run / "index.html").read_text()
    assert "unbuffered-send/fixed/goroutine-final.folded line 7: no count after the stack" in page


def test_draws_and_embeds_the_sweep_plot_when_a_sweep_ran(tmp_path):
    run = copy_run(tmp_path)
    (run / "sweep").mkdir()
    shutil.copy(FAKE_SWEEP, run / "sweep" / "sweep.json")
    assert report(run).returncode == 0
    page = (run / "index.html").read_text()
    assert '<img class="sweep" src="sweep/sweep.svg"' in page and 'href="sweep/sweep.json"' in page
    svg = (run / "sweep" / "sweep.svg").read_text()
    assert svg.startswith("<svg") and ">cpu</text>" in svg and "GOMAXPROCS" in svg


def test_reports_a_sweep_folder_alone(tmp_path):
    shutil.copy(FAKE_SWEEP, tmp_path / "sweep.json")
    assert report(tmp_path).returncode == 0
    assert "GOMAXPROCS sweep" in (tmp_path / "index.html").read_text()
    assert ">http</text>" in (tmp_path / "sweep.svg").read_text()


def test_keeps_a_sweep_plot_it_has_no_data_for(tmp_path):
    plot = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    (tmp_path / "sweep.svg").write_text(plot)
    assert report(tmp_path).returncode == 0
    assert '<img class="sweep" src="sweep.svg"' in (tmp_path / "index.html").read_text()
    assert (tmp_path / "sweep.svg").read_text() == plot


def test_an_unreadable_sweep_json_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "sweep.json").write_text("{not json")
    result = report(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "sweep.json: Expecting property name" in (tmp_path / "index.html").read_text()
    assert not (tmp_path / "sweep.svg").exists()


def test_refuses_a_folder_without_results(tmp_path):
    result = report(tmp_path)
    assert result.returncode == 1 and "has no summary.json" in result.stderr


def test_refuses_a_missing_folder(tmp_path):
    result = report(tmp_path / "nope")
    assert result.returncode == 2 and "is not a directory" in result.stderr


def test_never_writes_outside_the_run_folder(tmp_path):
    run = copy_run(tmp_path)
    summary = json.loads((run / "summary.json").read_text())
    summary["results"][0]["verdict_file"] = "../outside/leaky/verdict.json"
    (run / "summary.json").write_text(json.dumps(summary))
    shutil.copytree(run / "unbuffered-send", tmp_path / "outside")
    assert report(run).returncode == 0
    assert not list((tmp_path / "outside").rglob("*.svg"))


@pytest.mark.skipif(shutil.which("go") is None, reason="go is not installed")
def test_pprof_opens_the_profiles_with_the_diff_base_form(tmp_path):
    """The printed command's -diff_base form, in -top mode instead of -http."""
    leaky = copy_run(tmp_path) / "unbuffered-send" / "leaky"
    result = subprocess.run(
        [
            "go",
            "tool",
            "pprof",
            "-top",
            f"-diff_base={leaky / 'goroutine-baseline.pb.gz'}",
            str(leaky / "goroutine-final.pb.gz"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "unbufferedsend.LeakyHandler.func1" in result.stdout
