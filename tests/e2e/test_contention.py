"""The suite's verdicts hold while another load keeps both cores busy (issue 8)."""

import os
import shutil
import signal
import subprocess
import tomllib

from conftest import ROOT, read_json, run_leakrig


def test_suite_verdicts_hold_with_both_cores_busy(tmp_path):
    assert shutil.which("stress-ng"), "stress-ng is missing: run scripts/setup"
    cores = os.cpu_count() or 2
    stress = subprocess.Popen(
        ["stress-ng", "--cpu", str(cores), "--timeout", "300s", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        result = run_leakrig("suite", "--out", tmp_path, timeout=420)
    finally:
        os.killpg(stress.pid, signal.SIGKILL)
        stress.wait(timeout=10)
    wrong = []
    for row in read_json(tmp_path / "summary.json")["results"]:
        manifest = tomllib.loads((ROOT / "scenarios" / f"{row['scenario']}.toml").read_text())
        expected = manifest["variants"][row["variant"]]["expected"]
        if row["verdict"] != expected or not row["passed"]:
            wrong.append(f"{row['scenario']}/{row['variant']}: {row['verdict']} ({row['reason']})")
    assert not wrong, "\n".join(wrong)
    assert result.returncode == 0
