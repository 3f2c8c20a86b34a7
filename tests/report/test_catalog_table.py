"""scripts/catalog-table: the README's catalog table from run folders."""

import json
import shutil
import subprocess

from report_helpers import ROOT, RUN


def catalog_table(*runs):
    done = subprocess.run(
        [str(ROOT / "scripts" / "catalog-table"), *map(str, runs)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_one_row_per_variant_and_a_leak_profile_column_per_run(tmp_path):
    other = tmp_path / "go127"
    shutil.copytree(RUN, other)
    summary = json.loads((other / "summary.json").read_text())
    summary["go_version"] = "go1.27.3"
    (other / "summary.json").write_text(json.dumps(summary))
    skipped = other / "unbuffered-send" / "fixed" / "verdict.json"
    verdict = json.loads(skipped.read_text())
    verdict["verdict"] = "skipped"
    skipped.write_text(json.dumps(verdict))

    lines = catalog_table(RUN, other)
    assert lines[0].endswith("| unknown Go leak profile | go1.27.3 leak profile |")
    rows = {tuple(c.strip() for c in line.split("|")[1:3]): line for line in lines[2:]}
    assert len(rows) == len(summary["results"])
    leaky = rows[("unbuffered-send", "leaky")]
    assert "`unbufferedsend.LeakyHandler.func1` [chan send]" in leaky
    assert leaky.endswith("| 7412 | 7412 |")  # agrees with the leak verdict: not bold
    assert rows[("unbuffered-send", "fixed")].endswith("| not available | skipped |")
