"""`leakrig suite --shard I/N` and `leakrig merge` (issue 16): the split covers
every variant exactly once, and merging the shards' run folders gives the
summary of one whole run. Cheap on purpose: the split is checked with
`leakrig list --shard`, the runs use two scenarios (four variants) and a
short load, and the checks share the module's runs."""

import json
import shutil

import pytest
from conftest import GO_VERSIONS, fixture_processes, read_json, run_leakrig

# Two scenarios (nil-channel, range-unclosed), four variants; a short load.
SMALL = ("--filter", "[nr]*", "--duration", "0.5")


def listed(*args):
    """The "scenario/variant"s `leakrig list` prints."""
    done = run_leakrig("list", *args, timeout=60)
    assert done.returncode == 0, done.stderr
    names, scenario = [], None
    for line in done.stdout.splitlines():
        if line.strip().startswith("variants:"):
            names += [f"{scenario}/{v.split('=')[0]}" for v in line.split(":", 1)[1].split()]
        else:
            scenario = line.split()[0]
    return names


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_the_shards_list_every_variant_exactly_once(count):
    whole = listed()
    parts = [listed("--shard", f"{index}/{count}") for index in range(1, count + 1)]
    assert all(parts), parts  # no shard is empty
    together = [name for part in parts for name in part]
    assert sorted(together) == sorted(whole)
    assert len(set(together)) == len(together)


@pytest.mark.parametrize("value", ["0/3", "4/3", "x/y", "1/0", "1/3/4", ""])
def test_a_bad_shard_is_one_clear_usage_error(value, tmp_path):
    done = run_leakrig("suite", "--shard", value, "--out", tmp_path / "out", timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("leakrig: --shard"), done.stderr
    assert not (tmp_path / "out").exists()


def test_more_shards_than_variants_is_a_usage_error():
    done = run_leakrig("suite", "--filter", "nil-channel", "--shard", "1/3", timeout=60)
    assert done.returncode == 2
    assert "the selection has 2 variants, so at most 2 shards" in done.stderr


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One whole run of the small selection and its two shards."""
    base = tmp_path_factory.mktemp("shards")
    out = {"whole": base / "whole", "1": base / "shard-1", "2": base / "shard-2"}
    done = {"whole": run_leakrig("suite", *SMALL, "--out", out["whole"], timeout=300)}
    for index in ("1", "2"):
        done[index] = run_leakrig("suite", *SMALL, "--shard", f"{index}/2", "--out", out[index], timeout=300)
    for name, result in done.items():
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
    return base, out


def variants_in(summary):
    return [f"{row['scenario']}/{row['variant']}" for row in summary["results"]]


def test_each_shard_runs_what_list_shows_and_nothing_else(runs):
    _, out = runs
    for index in ("1", "2"):
        summary = read_json(out[index] / "summary.json")
        assert variants_in(summary) == listed("--filter", "[nr]*", "--shard", f"{index}/2")
        assert summary["shard"] == {"index": int(index), "count": 2}
        ran = {f"{p.parent.parent.name}/{p.parent.name}" for p in out[index].glob("*/*/verdict.json")}
        assert ran == set(variants_in(summary))
    whole = read_json(out["whole"] / "summary.json")
    assert whole["selection"] == variants_in(whole) == listed("--filter", "[nr]*")
    assert whole["shard"] == {"index": 1, "count": 1}


def without_reasons(summary):
    return {**summary, "results": [{k: v for k, v in row.items() if k != "reason"} for row in summary["results"]]}


def test_merged_shards_give_the_whole_runs_summary(runs):
    base, out = runs
    merged = base / "merged"
    done = run_leakrig("merge", out["2"], out["1"], "--out", merged, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    whole, mine = read_json(out["whole"] / "summary.json"), read_json(merged / "summary.json")
    # The reasons quote measured counts, which differ between any two runs;
    # everything else is the same, in the same order.
    assert without_reasons(mine) == without_reasons(whole)
    shard_reasons = {
        f"{r['scenario']}/{r['variant']}": r["reason"]
        for index in ("1", "2")
        for r in read_json(out[index] / "summary.json")["results"]
    }
    assert {f"{r['scenario']}/{r['variant']}": r["reason"] for r in mine["results"]} == shard_reasons
    junit = (merged / "junit.xml").read_text()
    assert junit.count("<testcase") == 4 and 'failures="0"' in junit and 'errors="0"' in junit
    index = (merged / "index.html").read_text()
    for name in variants_in(whole):
        assert (merged / name / "verdict.json").is_file()
        assert (merged / name / "goroutine-final.debug2.txt").is_file()
        assert name.split("/")[0] in index
    assert fixture_processes(run_dir=out["1"]) == [] and fixture_processes(run_dir=out["2"]) == []


def test_a_missing_shard_makes_the_merge_incomplete_and_fail(runs):
    base, out = runs
    done = run_leakrig("merge", out["1"], "--out", base / "half", timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    summary = read_json(base / "half" / "summary.json")
    assert summary["complete"] is False and summary["passed"] is False
    assert "missing: no shard ran it" in done.stdout


def copy_with_summary(source, target, drop=()):
    """A copy of a run folder, its summary.json without the keys in `drop`."""
    shutil.copytree(source, target)
    summary = {k: v for k, v in read_json(target / "summary.json").items() if k not in drop}
    (target / "summary.json").write_text(json.dumps(summary))
    return target


def test_merge_refuses_what_does_not_belong_together(runs, tmp_path):
    base, out = runs
    cases = {
        "overlap": ([out["1"], copy_with_summary(out["1"], tmp_path / "again")], "is in both"),
        "twice": ([out["1"], out["1"]], "is named twice"),
        "not a run": ([out["1"], tmp_path], "is not a suite run folder"),
        "not a folder": ([out["1"], tmp_path / "nowhere"], "is not a folder"),
        "no selection": (
            [out["1"], copy_with_summary(out["2"], tmp_path / "old", drop=("selection",))],
            'has no "selection"',
        ),
    }
    for name, (folders, message) in cases.items():
        target = tmp_path / f"merged-{name.replace(' ', '-')}"
        done = run_leakrig("merge", *folders, "--out", target, timeout=60)
        assert done.returncode == 2, f"{name}: {done.stdout}{done.stderr}"
        assert message in done.stderr, f"{name}: {done.stderr}"
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert not target.exists(), name
        assert not list(tmp_path.glob(".merged-*")), f"{name}: a half-written folder was left"


@pytest.mark.parametrize(
    "other", [("--duration", "0.4"), ("--go", GO_VERSIONS[-1])], ids=["other flags", f"go{GO_VERSIONS[-1]}"]
)
def test_merge_refuses_a_shard_of_another_catalog_or_go(runs, tmp_path, other):
    _, out = runs
    flags = list(SMALL)
    if other[0] == "--duration":
        flags[flags.index("--duration") + 1] = other[1]
    else:
        flags += other
    second = tmp_path / "second"
    done = run_leakrig("suite", *flags, "--shard", "2/2", "--out", second, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_leakrig("merge", out["1"], second, "--out", tmp_path / "merged", timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    expected = "ran different catalogs" if other[0] == "--duration" else f"but {second} on go{GO_VERSIONS[-1]}"
    assert expected in done.stderr
    assert not (tmp_path / "merged").exists()
