"""The `go tool pprof` commands that open a run's raw profiles.

Paths are absolute, so a command works from any directory, and shell-quoted,
so a run folder with spaces in its name still copies and pastes.
"""

from __future__ import annotations

import dataclasses
import pathlib
import shlex


@dataclasses.dataclass(frozen=True)
class Command:
    label: str
    text: str


def pprof_command(profile: pathlib.Path, base: pathlib.Path | None = None) -> str:
    args = ["go", "tool", "pprof", "-http=127.0.0.1:0"]
    if base is not None:
        args.append(f"-diff_base={base}")
    args.append(str(profile))
    return shlex.join(args)


def variant_commands(root: pathlib.Path, files: dict[str, str]) -> list[Command]:
    """Open the baseline, the final, and the final against the baseline:
    for the goroutine profiles, then for the heap profiles when recorded."""
    out = _pair(root, files.get("baseline_profile"), files.get("final_profile"), "goroutine")
    return out + _pair(root, files.get("baseline_heap"), files.get("final_heap"), "heap")


def _pair(root: pathlib.Path, baseline: str | None, final: str | None, kind: str) -> list[Command]:
    out = []
    if baseline:
        out.append(Command(f"baseline {kind} profile", pprof_command(root / baseline)))
    if final:
        out.append(Command(f"final {kind} profile", pprof_command(root / final)))
    if baseline and final:
        out.append(
            Command(
                f"{kind} profiles: what grew from baseline to final", pprof_command(root / final, base=root / baseline)
            )
        )
    return out


def comparison_command(root: pathlib.Path, base_final: str, final: str, label: str) -> Command:
    return Command(label, pprof_command(root / final, base=root / base_final))
