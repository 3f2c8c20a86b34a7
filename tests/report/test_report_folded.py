"""Folded-stack parsing: golden trees of the recorded snapshots, and bad input."""

import pytest
from leakrig_report.folded import ParseError, build_tree, describe_profile, is_wait_frame, parse_folded
from report_helpers import RUN, TESTDATA, check_golden

GOLDEN_INPUTS = [
    "unbuffered-send/leaky/goroutine-final.folded",
    "unbuffered-send/fixed/goroutine-baseline.folded",
    "forgotten-unlock/leaky/goroutine-final.folded",
]


@pytest.mark.parametrize("relative", GOLDEN_INPUTS)
def test_parses_recorded_snapshot_into_golden_tree(relative):
    with open(RUN / relative, encoding="utf-8") as lines:
        profile = parse_folded(lines)
    assert profile.errors == []
    check_golden("folded/" + relative.replace("/", "-").replace(".folded", ".txt"), describe_profile(profile))


def test_parses_edge_cases_into_golden_tree_and_errors():
    with open(TESTDATA / "folded" / "edge-cases.folded", encoding="utf-8") as lines:
        check_golden("folded/edge-cases.txt", describe_profile(parse_folded(lines)))


@pytest.mark.parametrize(
    "name, give, want",
    [
        ("no count", "a;b", "no count after the stack"),
        ("count not a number", "a;b 12x", "count is not a non-negative integer"),
        ("negative count", "a;b -3", "count is not a non-negative integer"),
        ("empty frame", "a;;b 3", "empty frame in stack"),
        ("count only", "  7", "no stack before the count"),
    ],
)
def test_reports_a_bad_line_with_its_number_and_keeps_the_rest(name, give, want):
    profile = parse_folded(["a;b 1\n", give + "\n", "a;c 2\n"])
    assert profile.stacks == {("a", "b"): 1, ("a", "c"): 2}, name
    assert len(profile.errors) == 1 and profile.errors[0].line == 2, name
    assert want in profile.errors[0].message, name


def test_sums_repeated_stacks_and_drops_zero_counts():
    profile = parse_folded(["a;b 2", "a;b 3", "a;c 0", ""])
    assert profile.stacks == {("a", "b"): 5}
    assert profile.total == 5


def test_takes_the_count_after_the_last_space_of_a_frame_with_spaces():
    profile = parse_folded(["main.f;[chan send, 2 minutes] 4\r\n"])
    assert profile.stacks == {("main.f", "[chan send, 2 minutes]"): 4}


@pytest.mark.parametrize(
    "name, want",
    [
        ("[chan send]", True),
        ("[sync.Mutex.Lock]", True),
        ("pool.(*Pool[go.shape.int]).Get", False),
        ("[no stack]", False),
        ("[]", False),
        ("main.main", False),
    ],
)
def test_only_a_whole_bracketed_frame_is_a_wait_reason(name, want):
    assert is_wait_frame(name) is want


def test_tree_carries_both_profiles_counts():
    after = parse_folded(["a;b 5", "a;c 1"])
    before = parse_folded(["a;c 3", "d 1"])
    root = build_tree(after, base=before)
    assert (root.count, root.base) == (6, 4)
    assert (root.children["a"].count, root.children["a"].base) == (6, 3)
    assert (root.children["d"].count, root.children["d"].base) == (0, 1)
    assert root.children["a"].children["b"].self_count == 5


def test_parse_error_prints_its_line():
    assert str(ParseError(3, "bad")) == "line 3: bad"
