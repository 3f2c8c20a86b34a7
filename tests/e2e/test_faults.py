"""Faults of issue 2: a killed harness leaves no fixture; bad input is an error, not a crash."""

import os
import signal
import subprocess
import time

from conftest import LEAKRIG, ROOT, fixture_processes, read_json, run_leakrig, wait_for


def test_sigkill_of_the_harness_leaves_no_fixture(tmp_path, private_cache):
    harness = subprocess.Popen(
        [str(LEAKRIG), "run", "unbuffered-send", "--duration", "20", "--out", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        fixtures = wait_for(lambda: fixture_processes(private_cache), timeout=60)
        assert fixtures, "the fixture never started"
    finally:
        harness.send_signal(signal.SIGKILL)
        harness.wait(timeout=10)
    assert wait_for(lambda: not fixture_processes(private_cache), timeout=5), (
        f"orphans: {fixture_processes(private_cache)}"
    )


def test_sigint_stops_the_run_and_keeps_an_incomplete_verdict(tmp_path, private_cache):
    harness = subprocess.Popen(
        [str(LEAKRIG), "run", "unbuffered-send", "--variant", "leaky", "--duration", "20", "--out", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
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
        '[load]\nduration_seconds = 0.5\n[variants.leaky]\nexpected = "leak"\nflags = ["-variant=bogus"]\n'
    )
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


def processes_mentioning(text):
    """PIDs of processes whose command line contains text."""
    found = []
    for proc in os.listdir("/proc"):
        if not proc.isdigit():
            continue
        try:
            with open(f"/proc/{proc}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(int(proc))
    return found


def start_run(tmp_path, *args):
    return subprocess.Popen(
        [str(LEAKRIG), "run", *args, "--out", str(tmp_path / "out")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigint_during_the_build_stops_go_build_and_says_so(tmp_path, private_cache):
    harness = start_run(tmp_path, "unbuffered-send")
    assert wait_for(lambda: processes_mentioning(str(private_cache)), timeout=30), "go build never started"
    harness.send_signal(signal.SIGINT)
    out, err = harness.communicate(timeout=30)
    assert harness.returncode == 1, out + err
    assert "interrupted" in out
    summary = read_json(tmp_path / "out" / "summary.json")
    assert summary["complete"] is False and summary["passed"] is False
    assert all(r["verdict"] == "error" for r in summary["results"])
    assert wait_for(lambda: not processes_mentioning(str(private_cache)), timeout=5)
    assert not list(private_cache.glob("*partial*")), "a half-built binary was left behind"


def test_sigkill_during_the_build_leaves_no_go_build(tmp_path, private_cache):
    harness = start_run(tmp_path, "unbuffered-send")
    assert wait_for(lambda: processes_mentioning(str(private_cache)), timeout=30), "go build never started"
    harness.kill()
    harness.wait(timeout=10)
    # go build dies with the harness (PDEATHSIG); the compiler it started finishes on its own.
    assert wait_for(lambda: not processes_mentioning(str(private_cache)), timeout=10)


def test_sigterm_during_the_drain_stops_cleanly(tmp_path, private_cache):
    harness = start_run(tmp_path, "time-after-trap", "--variant", "leaky", "--duration", "0.5")
    assert wait_for(lambda: fixture_processes(private_cache), timeout=60)
    time.sleep(2.0)  # baseline 0.5 s + load 0.5 s: now in the 5 s drain
    harness.send_signal(signal.SIGTERM)
    out, err = harness.communicate(timeout=30)
    assert harness.returncode == 1, out + err
    v = read_json(tmp_path / "out" / "time-after-trap" / "leaky" / "verdict.json")
    assert v["verdict"] == "error" and "interrupted" in v["reason"]
    assert "drain" in v["goroutines"]["phases"], "the samples of the drain so far are kept"
    assert wait_for(lambda: not fixture_processes(private_cache), timeout=5)


def test_missing_go_toolchain_is_one_clear_message(tmp_path, private_cache):
    env = dict(os.environ, PATH="/usr/bin:/bin")
    assert subprocess.run(["which", "go"], env=env, capture_output=True).returncode != 0, "go is in /usr/bin"
    result = subprocess.run(
        [str(LEAKRIG), "run", "unbuffered-send", "--out", str(tmp_path / "out")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2  # before anything runs: no `error` verdict per variant
    assert "leakrig: Go was not found on PATH: install Go 1.26 or later" in result.stderr
    assert result.stderr.count("leakrig:") == 1, result.stderr
    assert not list(tmp_path.glob("**/verdict.json"))
    assert "terminate called" not in result.stderr


def test_full_disk_is_one_clear_message_and_no_crash(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(disk)], capture_output=True, text=True
    )
    assert mounted.returncode == 0, f"cannot simulate a full disk here: {mounted.stderr}"
    try:
        result = run_leakrig("run", "unbuffered-send", "--variant", "leaky", "--out", disk / "out", timeout=120)
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)
    assert result.returncode != 0
    assert "No space left on device" in result.stdout + result.stderr
    assert "terminate called" not in result.stderr and "Segmentation" not in result.stderr
