"""Flame graph layout, colours and SVG: golden files and structure."""

import xml.etree.ElementTree as ET

import pytest
from leakrig_report import colors
from leakrig_report.flame import layout_diff, layout_flame
from leakrig_report.flame_svg import WIDTH, fit_label, render_flame
from leakrig_report.folded import build_tree, parse_folded
from leakrig_report.run_folder import read_run
from leakrig_report.view import build_view
from report_helpers import RUN, check_golden

SVG = "{http://www.w3.org/2000/svg}"


def tree(lines, base_lines=None):
    base = parse_folded(base_lines) if base_lines is not None else None
    return build_tree(parse_folded(lines), base=base)


@pytest.fixture(scope="module")
def flames():
    """The report's flame graphs of the hand-made run, by file path."""
    return {f.path: f for f in build_view(read_run(RUN)).flames}


GOLDEN_SVGS = [
    ("unbuffered-send/leaky/flame-final.svg", "flame-unbuffered-send-leaky-final.svg"),
    ("unbuffered-send/leaky/flame-diff-baseline-final.svg", "flame-unbuffered-send-leaky-diff-baseline-final.svg"),
    ("unbuffered-send/flame-diff-fixed-leaky.svg", "flame-unbuffered-send-diff-fixed-leaky.svg"),
    ("forgotten-unlock/leaky/flame-final.svg", "flame-forgotten-unlock-leaky-final.svg"),
]


@pytest.mark.parametrize("path, golden", GOLDEN_SVGS)
def test_flame_svg_matches_golden(flames, path, golden):
    check_golden(golden, render_flame(flames[path].layout))


def test_report_draws_final_and_differential_graphs_for_each_variant_and_scenario(flames):
    assert sorted(flames) == [
        "forgotten-unlock/fixed/flame-diff-baseline-final.svg",
        "forgotten-unlock/fixed/flame-final.svg",
        "forgotten-unlock/flame-diff-fixed-leaky.svg",
        "forgotten-unlock/leaky/flame-diff-baseline-final.svg",
        "forgotten-unlock/leaky/flame-final.svg",
        "unbuffered-send/fixed/flame-diff-baseline-final.svg",
        "unbuffered-send/fixed/flame-final.svg",
        "unbuffered-send/flame-diff-fixed-leaky.svg",
        "unbuffered-send/leaky/flame-diff-baseline-final.svg",
        "unbuffered-send/leaky/flame-final.svg",
    ]


def test_plain_layout_sizes_frames_by_count_and_orders_children_by_name():
    layout = layout_flame(tree(["m;b;[select] 2", "m;a 3", "z 1"]), "t")
    got = [(b.name, b.depth, b.start, b.width, b.kind) for b in layout.boxes]
    assert got == [
        ("all", 0, 0, 6, "root"),
        ("m", 1, 0, 5, "function"),
        ("a", 2, 0, 3, "function"),
        ("b", 2, 3, 2, "function"),
        ("[select]", 3, 3, 2, "wait"),
        ("z", 1, 5, 1, "function"),
    ]
    assert (layout.total_width, layout.depth, layout.diff) == (6, 4, False)


def test_diff_layout_keeps_a_vanished_stack_visible():
    layout = layout_diff(tree(["m;leak 10"], base_lines=["m;gone 4", "m;leak 1"]), "t", "before", "after")
    got = {b.name: (b.width, b.base, b.count) for b in layout.boxes}
    assert got == {"all": (14, 5, 10), "m": (14, 5, 10), "gone": (4, 4, 0), "leak": (10, 1, 10)}
    assert layout.max_abs_delta == 9


def test_frame_remembers_the_wait_reasons_below_it():
    layout = layout_flame(tree(["f;[chan send] 3", "f;g 1"]), "t")
    assert next(b for b in layout.boxes if b.name == "f").waits == (("[chan send]", 3),)


@pytest.mark.parametrize(
    "delta, want",
    [
        (0, colors.NEUTRAL),
        (10, (214, 39, 24)),
        (-10, (38, 92, 212)),
    ],
)
def test_growth_colors_red_up_blue_down_neutral_same(delta, want):
    assert colors.growth_color(delta, 10) == want


def test_growth_color_darkens_with_the_change():
    small, large = colors.growth_color(1, 100), colors.growth_color(80, 100)
    assert small[1] > large[1] and small[0] >= large[0] > large[1]


def test_function_colors_are_deterministic_warm_and_apart_from_wait_colors():
    name = "leakrig/fixtures/patterns/unbufferedsend.LeakyHandler.func1"
    assert colors.function_color(name) == colors.function_color(name) == (253, 181, 24)
    r, g, b = colors.function_color("main.main")
    assert r >= 225 and g >= 105 and b <= 80
    r, g, b = colors.wait_color("[chan send]")
    assert b == 235 and r < 200


@pytest.mark.parametrize(
    "name, width, want",
    [
        ("main.main", 200, "main.main"),
        ("net/http.(*conn).serve", 60, "net/h.."),
        ("main.main", 20, ""),
    ],
)
def test_fit_label_truncates_to_the_frame(name, width, want):
    assert fit_label(name, width) == want


def frames_of(svg_text):
    return [g for g in ET.fromstring(svg_text).iter(SVG + "g") if "f" in g.get("class", "").split()]


def test_every_frame_has_a_tooltip_a_rectangle_and_zoom_geometry(flames):
    frames = frames_of(render_flame(flames["unbuffered-send/fixed/flame-final.svg"].layout))
    assert len(frames) == 41
    for g in frames:
        title, rect = g.find(SVG + "title").text, g.find(SVG + "rect")
        assert title.startswith(g.get("data-n") if "root" not in g.get("class") else "all goroutines")
        assert "goroutine" in title
        assert float(rect.get("width")) > 0 and g.get("data-x") and g.get("data-d")


def test_leak_frame_tooltip_gives_count_share_and_wait_reason(flames):
    frames = frames_of(render_flame(flames["unbuffered-send/leaky/flame-final.svg"].layout))
    leak = next(g for g in frames if g.get("data-n").endswith("LeakyHandler.func1"))
    assert "7412 goroutines (99.9%)" in leak.find(SVG + "title").text
    assert "waiting here: [chan send] 7412" in leak.find(SVG + "title").text


def test_frames_too_narrow_to_see_are_left_out_and_counted(flames):
    text = render_flame(flames["unbuffered-send/leaky/flame-final.svg"].layout)
    assert [g.get("data-n") for g in frames_of(text)] == [
        "all",
        "leakrig/fixtures/patterns/unbufferedsend.LeakyHandler.func1",
        "[chan send]",
    ]
    assert "32 frames too narrow to draw" in text


def test_wait_frames_are_classed_apart(flames):
    root = ET.fromstring(render_flame(flames["unbuffered-send/fixed/flame-final.svg"].layout))
    waits = [g for g in root.iter(SVG + "g") if "wait" in g.get("class", "").split()]
    assert {g.get("data-n") for g in waits} == {"[chan receive]", "[IO wait]", "[running]", "[select]", "[syscall]"}
    assert "g.wait text" in root.find(SVG + "style").text


def fills_of(svg_text):
    return {g.get("data-n"): g.find(SVG + "rect").get("fill") for g in frames_of(svg_text)}


def test_leaking_stack_is_the_red_one_in_the_leaky_against_fixed_graph(flames):
    fills = fills_of(render_flame(flames["unbuffered-send/flame-diff-fixed-leaky.svg"].layout))
    assert fills["leakrig/fixtures/patterns/unbufferedsend.LeakyHandler.func1"] == "rgb(214,39,24)"
    assert fills["[chan send]"] == "rgb(214,39,24)"


def test_unchanged_stacks_are_neutral_in_a_clean_variants_graph(flames):
    fills = fills_of(render_flame(flames["unbuffered-send/fixed/flame-diff-baseline-final.svg"].layout))
    assert set(fills.values()) == {colors.css(colors.NEUTRAL)}


def test_svg_is_self_contained(flames):
    text = render_flame(flames["unbuffered-send/leaky/flame-diff-baseline-final.svg"].layout)
    root = ET.fromstring(text)
    assert root.find(SVG + "script") is not None and root.find(SVG + "style") is not None
    assert "href" not in text and "url(" not in text and "@import" not in text
    assert text.count("http://") == 1  # the xmlns only
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")


def test_svg_escapes_frame_names():
    text = render_flame(layout_flame(tree(['x.<script>alert("&")</script> 1']), "<b>"))
    root = ET.fromstring(text)  # still well-formed
    assert "<script>alert" not in text
    assert any(g.get("data-n") == 'x.<script>alert("&")</script>' for g in root.iter(SVG + "g"))


def test_empty_profile_renders_a_note():
    text = render_flame(layout_flame(tree([]), "empty"))
    assert "no goroutines in this snapshot" in text
    ET.fromstring(text)


def test_svg_stays_well_formed_with_control_characters_in_names():
    text = render_flame(layout_flame(tree(["x.\x00f\x01;[chan\x1bsend] 2"]), "t\x07"))
    names = {g.get("data-n") for g in frames_of(text)}
    assert "x.\ufffdf\ufffd" in names
