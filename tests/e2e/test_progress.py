"""The progress display: on a terminal it shows the phase; piped, it stays silent."""

import os
import pty
import select
import subprocess

from conftest import LEAKRIG, ROOT

ARGS = ["run", "unbuffered-send", "--variant", "fixed", "--duration", "0.5"]


def run_on_terminal(env):
    """Runs leakrig with stdout and stderr on a pseudo-terminal; returns what it printed."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [str(LEAKRIG), *ARGS, "--out", env["OUT"]], cwd=ROOT, stdout=terminal, stderr=terminal, env=env
    )
    os.close(terminal)
    output = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: leakrig has exited
            break
        if not chunk:
            break
        output += chunk
    proc.wait(timeout=30)
    os.close(controller)
    return proc.returncode, output.decode(errors="replace")


def test_progress_shows_scenario_and_phase_on_a_terminal(tmp_path):
    env = dict(os.environ, OUT=str(tmp_path), TERM="xterm")
    env.pop("NO_COLOR", None)
    code, output = run_on_terminal(env)
    assert code == 0, output
    assert "\r[" in output and "unbuffered-send/fixed: load" in output
    assert "req/s" in output
    assert "\033[32mok" in output


def test_no_color_turns_colours_off(tmp_path):
    env = dict(os.environ, OUT=str(tmp_path), TERM="xterm", NO_COLOR="1")
    code, output = run_on_terminal(env)
    assert code == 0, output
    assert "\033[" not in output
    assert "unbuffered-send/fixed: " in output  # the progress line itself stays


def test_progress_is_silent_when_piped(tmp_path):
    result = subprocess.run(
        [str(LEAKRIG), *ARGS, "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stdout + result.stderr
    assert "\033[" not in result.stdout
