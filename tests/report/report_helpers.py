"""Shared by the report tests: paths, the golden-file check, and a scratch
copy of the hand-made run folder (the report writes into its run folder)."""

import difflib
import os
import pathlib
import shutil
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
TESTDATA = ROOT / "tests" / "testdata" / "report"
RUN = TESTDATA / "run"
GOLDEN = TESTDATA / "golden"
# The C++ golden sweep.json of a fake sweep: what the harness writes.
FAKE_SWEEP = ROOT / "tests" / "unit" / "sweep" / "testdata" / "fake-sweep.json"
UPDATE_GOLDEN = os.environ.get("LEAKRIG_UPDATE_GOLDEN") == "1"

if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


def check_golden(name, actual):
    """Compares `actual` with golden/<name>; LEAKRIG_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: LEAKRIG_UPDATE_GOLDEN=1 creates it", pytrace=False)
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"golden/{name}",
            tofile="actual",
            n=2,
        )
        text = "".join(diff)
        if len(text) > 8000:
            text = text[:8000] + "\n... (diff cut)\n"
        pytest.fail(
            f"output differs from golden/{name} (LEAKRIG_UPDATE_GOLDEN=1 regenerates it):\n{text}", pytrace=False
        )


def copy_run(tmp_path):
    """A writable copy of the hand-made run folder."""
    target = tmp_path / "run"
    shutil.copytree(RUN, target)
    return target
