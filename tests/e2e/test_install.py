"""An installed copy: `cmake --install build --prefix P`, then P/bin/leakrig run
from a folder that is not the checkout, with no path to the checkout anywhere in
its environment. It must find its data in P/share/leakrig, build into the user's
cache, write results into the current folder, and leave P as it was installed."""

import os
import shutil
import subprocess

import pytest
from conftest import ROOT, read_json
from test_own_service import git, processes_of_run, service_repo  # noqa: F401 (service_repo is a fixture)


def tree(folder):
    """Every file under folder with its size and modification time."""
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    subprocess.run(
        ["cmake", "--install", str(ROOT / "build"), "--prefix", str(prefix)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return prefix


@pytest.fixture(scope="module")
def user(tmp_path_factory):
    """A cache folder and a working folder of the test's own; the environment
    names neither the checkout nor a fixture cache."""
    cache, cwd = tmp_path_factory.mktemp("xdg-cache"), tmp_path_factory.mktemp("elsewhere")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEAKRIG_")}
    env["XDG_CACHE_HOME"] = str(cache)
    return cache, cwd, env


def installed(prefix, user, *args, timeout=240):
    _, cwd, env = user
    return subprocess.run(
        [str(prefix / "bin" / "leakrig"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
    )


@pytest.fixture(scope="module")
def as_installed(prefix):
    """The prefix's files as installed, to check that running leaves them alone."""
    return tree(prefix)


def test_install_lays_out_the_binary_and_its_data(prefix):
    share = prefix / "share" / "leakrig"
    assert os.access(prefix / "bin" / "leakrig", os.X_OK)
    assert (share / "scenarios" / "unbuffered-send.toml").is_file()
    assert (share / "go-fixtures" / "go.mod").is_file() and (share / "go-fixtures" / "go.sum").is_file()
    assert (share / "go-fixtures" / "cmd" / "unbuffered-send" / "main.go").is_file()
    assert os.access(share / "scripts" / "report", os.X_OK)
    assert (share / "scripts" / "leakrig_report" / "flame.js").is_file()
    assert not list(share.rglob("__pycache__"))


def test_list_works_from_another_folder(prefix, user, as_installed):
    result = installed(prefix, user, "list")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unbuffered-send" in result.stdout and "variants: leaky=leak fixed=clean" in result.stdout


def test_a_catalog_run_builds_into_the_cache_and_writes_here(prefix, user, as_installed):
    cache, cwd, _ = user
    result = installed(prefix, user, "run", "unbuffered-send")
    assert result.returncode == 0, result.stdout + result.stderr
    (run_dir,) = (cwd / "results").iterdir()
    assert f"results: {run_dir}" in result.stdout
    assert read_json(run_dir / "unbuffered-send" / "leaky" / "verdict.json")["verdict"] == "leak"
    assert read_json(run_dir / "unbuffered-send" / "fixed" / "verdict.json")["verdict"] == "clean"
    assert (run_dir / "index.html").is_file()
    assert list((cache / "leakrig" / "fixtures").glob("unbuffered-send-*"))
    assert str(prefix / "share" / "leakrig" / "go-fixtures" / "patterns" / "unbufferedsend") in result.stdout
    assert str(ROOT) not in result.stdout + result.stderr


def test_run_service_works_from_another_folder(prefix, user, service_repo, tmp_path, as_installed):  # noqa: F811
    cache, _, _ = user
    repo, leak, _ = service_repo
    worktree = tmp_path / "leaky"
    git(repo, "worktree", "add", "-q", "--detach", str(worktree), leak)
    out = tmp_path / "run"
    result = installed(prefix, user, "run", "--service", worktree / "leakrig.toml", "--expect", "leak", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    verdict = read_json(out / "orders" / "service" / "verdict.json")
    assert verdict["verdict"] == "leak" and "handleOrders" in verdict["suspects"][0]["top_function"]
    assert (out / "index.html").is_file()
    assert list((cache / "leakrig" / "fixtures").glob("svc-service-*"))  # the service, and its dependency:
    assert list((cache / "leakrig" / "fixtures").glob("svc-upstream-*"))
    assert processes_of_run(out) == []


def test_running_left_the_prefix_as_installed(prefix, user, as_installed):
    installed(prefix, user, "list")  # at least one run, even when this test runs alone
    assert tree(prefix) == as_installed


def test_a_missing_data_folder_is_one_clear_error(prefix, user, tmp_path):
    broken = tmp_path / "broken"
    (broken / "bin").mkdir(parents=True)
    shutil.copy2(prefix / "bin" / "leakrig", broken / "bin" / "leakrig")
    result = installed(broken, user, "list")
    assert result.returncode == 2
    share = broken / "share" / "leakrig"
    assert f"leakrig's data folder is missing: an installed copy keeps it in {share}, which does not exist" in (
        result.stderr
    )
    assert "--root DIR or LEAKRIG_ROOT=DIR" in result.stderr
    assert result.stderr.count("\n") == 1 and "terminate" not in result.stderr


def test_an_incomplete_data_folder_names_what_it_lacks(prefix, user, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(prefix, broken)
    (broken / "share" / "leakrig" / "scripts" / "report").unlink()
    result = installed(broken, user, "run", "unbuffered-send")
    assert result.returncode == 2
    assert "which has no scripts/report" in result.stderr


def test_commands_that_need_no_data_still_work_without_it(prefix, user, tmp_path):
    broken = tmp_path / "broken"
    (broken / "bin").mkdir(parents=True)
    shutil.copy2(prefix / "bin" / "leakrig", broken / "bin" / "leakrig")
    result = installed(broken, user, "analyze", ROOT / "tests" / "testdata" / "dumps" / "go126_debug2.txt")
    assert result.returncode in (0, 1), result.stderr  # 1: a suspect found; not 2 (usage) nor 3 (unreadable)
    assert "goroutines" in result.stdout and "data folder" not in result.stderr
