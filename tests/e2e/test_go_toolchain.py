"""Which Go builds and runs the fixtures: --go, GOTOOLCHAIN, and one clear
message (never a per-variant `error`) when that Go cannot be used. (No Go on
PATH at all: test_faults.py.)"""

import os

import pytest
from conftest import GO_VERSIONS, read_json, run_leakrig

NEWEST = GO_VERSIONS[-1]


def test_list_names_the_go_it_would_use():
    result = run_leakrig("list", "--go", NEWEST)
    assert result.returncode == 0, result.stderr
    assert f"go: go{NEWEST}, leak profile built in" in result.stderr
    assert "unbuffered-send" in result.stdout


@pytest.mark.parametrize("version", GO_VERSIONS)
def test_leak_profile_support_comes_from_the_toolchain(version):
    """1.26 takes GOEXPERIMENT=goroutineleakprofile, 1.27 rejects it and has the profile built in."""
    result = run_leakrig("list", "--go", version)
    assert result.returncode == 0, result.stderr
    support = "GOEXPERIMENT=goroutineleakprofile" if version.startswith("1.26.") else "built in"
    assert f"go: go{version}, leak profile {support}" in result.stderr


def test_gotoolchain_in_the_environment_is_honoured(tmp_path, private_cache):
    env = dict(os.environ, GOTOOLCHAIN=f"go{NEWEST}")
    result = run_leakrig("run", "unbuffered-send", "--variant", "leaky", "--duration", "1", "--out", tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    v = read_json(tmp_path / "unbuffered-send" / "leaky" / "verdict.json")
    assert v["go_version"] == f"go{NEWEST}"
    assert v["runtime_leak_profile"]["available"] and v["runtime_leak_profile"]["leaked"] > 0
    # The cache key holds the version: this binary was built by that Go.
    assert [p.name for p in private_cache.glob("unbuffered-send-*")] == [
        p.name for p in private_cache.glob(f"unbuffered-send-*-go{NEWEST}")
    ]


def test_each_version_builds_its_own_binary(tmp_path, private_cache):
    for version in GO_VERSIONS:
        result = run_leakrig(
            "run",
            "unbuffered-send",
            "--variant",
            "fixed",
            "--duration",
            "0.5",
            "--out",
            tmp_path / version,
            "--go",
            version,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert read_json(tmp_path / version / "summary.json")["go_version"] == f"go{version}"
        junit = (tmp_path / version / "junit.xml").read_text()
        assert f'<property name="go_version" value="go{version}"/>' in junit
    built = sorted(p.name.split("-go", 1)[1] for p in private_cache.glob("unbuffered-send-*"))
    assert len(built) == len(GO_VERSIONS), built


@pytest.mark.parametrize(
    "args,message",
    [
        (["--go", "1.99.0"], "Go 1.99.0 (GOTOOLCHAIN=go1.99.0) cannot be used"),
        (["--go", "1.25.3"], "Go 1.25.3 is older than the oldest Go the catalog builds with, 1.26.0"),
        (["--go", "latest;rm -rf /"], "not a Go version"),
    ],
)
def test_an_unusable_go_gives_one_message_and_no_verdicts(tmp_path, args, message):
    result = run_leakrig("run", "unbuffered-send", "--out", tmp_path / "out", *args, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert result.stderr.count("leakrig:") == 1, result.stderr
    assert not list(tmp_path.glob("**/verdict.json"))
