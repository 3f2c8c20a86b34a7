"""The GOMAXPROCS sweep's plot (sweep_plot.py, sweep_plot_svg.py), drawn from
the sweep.json the harness writes: the C++ golden file of a fake sweep
(tests/unit/sweep/testdata/fake-sweep.json) is the input, so a change to the
harness's JSON that the plot cannot read fails here."""

import json
import math
import xml.etree.ElementTree as ElementTree

import pytest
from leakrig_report.model import SweepResult, SweepRow, sweep_from_json
from leakrig_report.sweep_plot import COLORS, compute_sweep_plot, count_axis, seconds_label, time_axis
from leakrig_report.sweep_plot_svg import render_sweep_plot
from report_helpers import FAKE_SWEEP, check_golden

SVG = "{http://www.w3.org/2000/svg}"


def fake_sweep():
    problems = []
    result = sweep_from_json(json.loads(FAKE_SWEEP.read_text()), "sweep.json", problems)
    assert problems == []
    return result


def test_reads_the_workloads_procs_and_rows_of_the_harness_json():
    sweep = fake_sweep()
    assert sweep.workloads == ("sleep", "cpu", "syscall", "mixed", "http")
    assert sweep.procs == (1, 2, 4, 8)
    assert len(sweep.rows) == 20
    cpu_at_1 = next(r for r in sweep.rows if (r.workload, r.gomaxprocs) == ("cpu", 1))
    assert cpu_at_1.wall_seconds == pytest.approx(0.362) and cpu_at_1.runnable_peak == 100


def test_a_service_sweep_is_one_line_named_after_the_service_and_skips_figures_not_measured():
    path = FAKE_SWEEP.with_name("fake-service-sweep.json")
    problems = []
    sweep = sweep_from_json(json.loads(path.read_text()), "sweep.json", problems)
    assert problems == []
    assert sweep.workloads == ("orders",)
    assert all(r.workload == "orders" for r in sweep.rows) and sweep.rows
    assert [r.runnable_peak for r in sweep.rows] == [3.0, 6.0, None, None]  # null in the JSON: not measured
    times, runnable = compute_sweep_plot(sweep).panels
    assert len(times.lines[0].points) == len(sweep.procs)
    assert [p.gomaxprocs for p in runnable.lines[0].points] == [1, 2]
    ElementTree.fromstring(render_sweep_plot(compute_sweep_plot(sweep)))


def test_a_malformed_sweep_json_becomes_problems_not_an_exception():
    problems = []
    sweep = sweep_from_json({"options": {"procs": [1, "2", True]}, "rows": [{"workload": 3}]}, "sweep.json", problems)
    assert sweep.procs == (1,) and sweep.rows[0].workload == "?"
    assert "sweep.json rows: workload is not str" in problems
    assert sweep_from_json([], "sweep.json", problems).rows == ()
    assert "sweep.json: expected an object" in problems


def test_time_axis_spans_whole_decades_ticked_at_one_two_and_five():
    axis = time_axis([0.012, 0.362])
    assert (axis.low, axis.high, axis.log) == (pytest.approx(0.01), 1.0, True)
    assert [axis.label(v) for v in axis.values] == ["10 ms", "20 ms", "50 ms", "100 ms", "200 ms", "500 ms", "1 s"]
    assert time_axis([0.1]).high == pytest.approx(1.0), "one value still gets a decade"
    assert time_axis([]).values, "an empty sweep still gets a scale"
    assert seconds_label(2.5) == "2.5 s" and seconds_label(0.0125) == "12.5 ms"


def test_count_axis_is_linear_from_zero_to_a_round_number():
    axis = count_axis([100, 800])
    assert (axis.low, axis.high, axis.log) == (0.0, 800, False)
    assert [axis.label(v) for v in axis.values] == ["0", "200", "400", "600", "800"]
    assert count_axis([]).high == 1


def test_log_scale_puts_each_decade_an_equal_height_apart():
    plot = compute_sweep_plot(fake_sweep())
    box = plot.panels[0].box
    y = {t.label: t.position for t in plot.panels[0].y_ticks}
    assert y["10 ms"] == box.y + box.height and y["1 s"] == box.y
    assert y["10 ms"] - y["100 ms"] == pytest.approx(y["100 ms"] - y["1 s"], abs=0.01)
    sleep = plot.panels[0].lines[0]
    expected = box.y + box.height - (math.log10(0.014) - math.log10(0.01)) / 2 * box.height
    assert sleep.points[0].y == pytest.approx(expected, abs=0.01)


def test_gomaxprocs_are_evenly_spaced_and_each_workload_is_a_line():
    plot = compute_sweep_plot(fake_sweep())
    for panel in plot.panels:
        xs = [t.position for t in panel.x_ticks]
        assert [t.label for t in panel.x_ticks] == ["1", "2", "4", "8"]
        assert xs[1] - xs[0] == pytest.approx(xs[3] - xs[2], abs=0.01)
        assert [line.workload for line in panel.lines] == ["sleep", "cpu", "syscall", "mixed", "http"]
        assert all(len(line.points) == 4 for line in panel.lines)
    cpu = plot.panels[0].lines[1]
    assert cpu.color == COLORS[1]
    assert cpu.points[0].y < cpu.points[1].y, "cpu at GOMAXPROCS=1 takes longer: drawn higher"
    runnable = plot.panels[1].lines[0]
    assert [p.label for p in runnable.points] == ["100", "200", "400", "800"]


def test_cases_not_measured_are_left_out_of_their_line():
    rows = (SweepRow("cpu", 1, 0.36, 100), SweepRow("cpu", 4, 0.18, 400), SweepRow("cpu", 16, 0.1, 1600))
    plot = compute_sweep_plot(SweepResult(("cpu", "sleep"), (1, 2, 4), rows))
    cpu, sleep = plot.panels[0].lines
    assert [p.gomaxprocs for p in cpu.points] == [1, 4], "no row at 2; 16 was not in the sweep's procs"
    assert sleep.points == ()


def test_a_single_gomaxprocs_sits_in_the_middle():
    plot = compute_sweep_plot(SweepResult(("sleep",), (4,), (SweepRow("sleep", 4, 0.012, 3),)))
    box = plot.panels[0].box
    assert plot.panels[0].lines[0].points[0].x == box.x + box.width / 2


def parse(svg):
    return ElementTree.fromstring(svg)


def test_the_svg_is_self_contained_and_names_every_workload():
    svg = render_sweep_plot(compute_sweep_plot(fake_sweep()))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="960" height="400"')
    assert svg.endswith("</svg>\n")
    for absent in ("<script", "href", "nan", "inf"):
        assert absent not in svg
    root = parse(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for workload in fake_sweep().workloads:
        assert workload in texts
    assert len(root.findall(f"{SVG}polyline")) == 10, "five workloads in two panels"
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "cpu at GOMAXPROCS=1: 362 ms" in titles and "http at GOMAXPROCS=8: 800" in titles


def test_the_svg_of_an_empty_sweep_still_parses():
    svg = render_sweep_plot(compute_sweep_plot(SweepResult(("sleep",), (1,), ())))
    root = parse(svg)
    assert "nan" not in svg and root.findall(f"{SVG}polyline")[0].get("points") == ""


def test_names_from_the_data_are_escaped():
    rows = (SweepRow("<b>&", 1, 0.01, 1),)
    svg = render_sweep_plot(compute_sweep_plot(SweepResult(("<b>&",), (1,), rows)))
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    parse(svg)


def test_the_fake_sweep_matches_the_golden_plot():
    svg = render_sweep_plot(compute_sweep_plot(fake_sweep()))
    assert svg == render_sweep_plot(compute_sweep_plot(fake_sweep())), "deterministic"
    check_golden("sweep.svg", svg)
