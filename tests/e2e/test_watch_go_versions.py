"""`leakrig watch` against a service built by each Go in scripts/go-versions:
the runtime's leak profile is read without any experiment on Go 1.27 (built
in), with GOEXPERIMENT=goroutineleakprofile on 1.26, and what that request
cost the target (it runs a GC cycle) is reported."""

import json
import subprocess

import pytest
from conftest import GO_VERSIONS, LEAKRIG, ROOT
from leakrig_services import fixture


@pytest.mark.parametrize("go_version", GO_VERSIONS)
def test_watch_reads_the_runtime_leak_profile(go_version, tmp_path):
    with fixture("unbuffered-send", ["-variant=leaky"], build_dir=tmp_path, go_version=go_version) as (address, _):
        done = subprocess.run(
            [
                str(LEAKRIG),
                "watch",
                f"http://{address}",
                "--json",
                "--interval",
                "0.5",
                "--duration",
                "8",
                "--load",
                f"http://{address}/work",
                "--load-duration",
                "4",
                "--rate",
                "200",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["verdict"] == "leak", done.stderr[-2000:]
    leak_profile = report["goroutineleak"]
    assert leak_profile["available"], done.stderr[-2000:]
    assert leak_profile["leaked"] >= 400  # ~800 requests leaked one sender each
    assert "unbufferedsend.LeakyHandler.func1" in leak_profile["stacks"][0]["top_function"]
    cost = report["cost"]["goroutineleak"]
    assert cost["requests"] >= 1 and cost["max_ms"] > 0  # the forced GC's pause is measured, not assumed
