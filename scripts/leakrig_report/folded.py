"""Folded stacks: parsing, and the frame tree that flame graphs are drawn from.

The format is Brendan Gregg's, one stack per line, root first, then a space
and the number of goroutines on that stack:

    net/http.(*conn).serve;unbufferedsend.LeakyHandler.func1;[chan send] 1000

A last frame in square brackets is synthetic: the goroutines' wait reason.
Go generic instantiations also contain brackets ("pool.Get[...]"), but never
start with one, so only a whole-frame "[...]" counts as a wait reason.
Lines with a count of 0 add nothing and are dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

Stack = tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class ParseError:
    line: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclasses.dataclass
class FoldedProfile:
    """Goroutine counts per stack. Repeated stacks are summed."""

    stacks: dict[Stack, int] = dataclasses.field(default_factory=dict)
    errors: list[ParseError] = dataclasses.field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.stacks.values())


NO_STACK = "[no stack]"  # the harness's line for a goroutine without frames


def is_wait_frame(name: str) -> bool:
    return len(name) > 2 and name[0] == "[" and name[-1] == "]" and name != NO_STACK


def parse_folded(lines: Iterable[str]) -> FoldedProfile:
    """Parses folded lines (a file object or a list). Bad lines are skipped and
    reported in .errors with their line number; the rest still counts."""
    profile = FoldedProfile()
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        parsed = _parse_line(line)
        if isinstance(parsed, str):
            profile.errors.append(ParseError(number, parsed))
            continue
        stack, count = parsed
        if count:
            profile.stacks[stack] = profile.stacks.get(stack, 0) + count
    return profile


def _parse_line(line: str) -> tuple[Stack, int] | str:
    """One "a;b;c 12" line, or the reason it is not one. Frames may contain
    spaces ("[chan send, 2 minutes]"): the count follows the last one."""
    head, sep, tail = line.rpartition(" ")
    if not sep:
        return f"no count after the stack: {_clip(line)!r}"
    if not head.strip():
        return f"no stack before the count: {_clip(line)!r}"
    if not tail.isdigit():
        return f"count is not a non-negative integer: {_clip(tail)!r}"
    frames = tuple(head.strip().split(";"))
    if any(not frame for frame in frames):
        return f"empty frame in stack: {_clip(head)!r}"
    return frames, int(tail)


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclasses.dataclass
class Node:
    """One frame of the merged call tree. `count` is the goroutines whose stack
    runs through this frame in the profile drawn; `base` the same in the
    profile it is compared with (0 for a plain flame graph)."""

    name: str
    count: int = 0
    base: int = 0
    children: dict[str, Node] = dataclasses.field(default_factory=dict)

    @property
    def self_count(self) -> int:
        return self.count - sum(c.count for c in self.children.values())

    @property
    def self_base(self) -> int:
        return self.base - sum(c.base for c in self.children.values())

    @property
    def delta(self) -> int:
        return self.count - self.base

    def sorted_children(self) -> list[Node]:
        return [self.children[name] for name in sorted(self.children)]


ROOT_NAME = "all"


def build_tree(profile: FoldedProfile, base: FoldedProfile | None = None) -> Node:
    """The call tree of `profile`; with `base`, of both, each node carrying
    both counts, so a differential graph can show stacks that only one has."""
    root = Node(ROOT_NAME)
    _add_stacks(root, profile.stacks, "count")
    if base is not None:
        _add_stacks(root, base.stacks, "base")
    return root


def _add_stacks(root: Node, stacks: dict[Stack, int], field: str) -> None:
    for stack, count in stacks.items():
        node = root
        setattr(node, field, getattr(node, field) + count)
        for frame in stack:
            node = node.children.setdefault(frame, Node(frame))
            setattr(node, field, getattr(node, field) + count)


def describe_profile(profile: FoldedProfile) -> str:
    """A deterministic text form of a parsed profile, for golden tests: the
    call tree, indented, with inclusive and self counts, then the errors."""
    root = build_tree(profile)
    lines = [f"total {profile.total} in {len(profile.stacks)} stacks"]
    _describe_node(root, 0, lines)
    lines.extend(f"error {error}" for error in profile.errors)
    return "\n".join(lines) + "\n"


def _describe_node(node: Node, depth: int, lines: list[str]) -> None:
    kind = " (wait)" if is_wait_frame(node.name) else ""
    lines.append(f"{'  ' * depth}{node.name} {node.count} self {node.self_count}{kind}")
    for child in node.sorted_children():
        _describe_node(child, depth + 1, lines)
