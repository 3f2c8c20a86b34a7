"""Faults of issue 2: a killed harness leaves no fixture; bad input is an error, not a crash."""
import os
import signal
import subprocess
import time

from conftest import LEAKRIG, ROOT, fixture_processes, read_json, run_leakrig


def wait_for(predicate, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def test_sigkill_of_the_harness_leaves_no_fixture(tmp_path, private_cache):
    harness = subprocess.Popen([str(LEAKRIG), "run", "unbuffered-send", "--duration", "20", "--out", str(tmp_path)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        fixtures = wait_for(lambda: fixture_processes(private_cache), timeout=60)
        assert fixtures, "the fixture never started"
    finally:
        harness.send_signal(signal.SIGKILL)
        harness.wait(timeout=10)
    assert wait_for(lambda: not fixture_processes(private_cache), timeout=5), \
        f"orphans: {fixture_processes(private_cache)}"


def test_sigint_stops_the_run_and_keeps_an_incomplete_verdict(tmp_path, private_cache):
    harness = subprocess.Popen([str(LEAKRIG), "run", "unbuffered-send", "--variant", "leaky", "--duration", "20",
                                "--out", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert wait_for(lambda: fixture_processes(private_cache), timeout=60)
    time.sleep(1.0)
    harness.send_signal(signal.SIGINT)
    out, _ = harness.communicate(timeout=20)
    assert harness.returncode == 1
    assert "interrupted" in out
    v = read_json(tmp_path / "unbuffered-send" / "leaky" / "verdict.json")
    assert v["verdict"] == "error" and "interrupted" in v["reason"]
    assert v["goroutines"]["series"], "the samples taken before the interrupt are kept"
    assert not fixture_processes(private_cache)


def test_unknown_scenario_is_a_usage_error():
    result = run_leakrig("run", "no-such-scenario")
    assert result.returncode == 2
    assert "no scenario named" in result.stderr


def test_bad_flag_is_a_usage_error():
    result = run_leakrig("run", "unbuffered-send", "--concurrency", "0")
    assert result.returncode == 2


def test_unwritable_output_folder_is_one_clear_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_leakrig("run", "unbuffered-send", "--out", blocker / "run")
    assert result.returncode == 2
    assert "cannot create the output folder" in result.stderr
    assert "terminate" not in result.stderr


def test_fixture_that_never_prints_its_address_is_an_error(tmp_path):
    """A scenario whose fixture exits at once (bad flag) gives verdict error with the log's path."""
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "broken.toml").write_text(
        'name = "broken"\npattern = "fixture rejects its flags"\nfixture = "unbuffered-send"\n'
        '[load]\nduration_seconds = 0.5\n[variants.leaky]\nexpected = "leak"\nflags = ["-variant=bogus"]\n')
    root = tmp_path / "root"
    root.mkdir()
    (root / "scenarios").symlink_to(scenarios)
    (root / "go-fixtures").symlink_to(ROOT / "go-fixtures")
    result = run_leakrig("--root", root, "run", "broken", "--out", tmp_path / "out")
    assert result.returncode == 1
    v = read_json(tmp_path / "out" / "broken" / "leaky" / "verdict.json")
    assert v["verdict"] == "error"
    assert "exited before printing its address" in v["reason"]
    assert "fixture.log" in v["reason"]
    assert "unknown variant" in (tmp_path / "out" / v["artifacts"]["log"]).read_text()
