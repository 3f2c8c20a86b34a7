"""Goroutines-over-time chart: scales, ticks, phase bands."""

import pytest
import report_helpers  # noqa: F401  (puts scripts/ on the path)
from leakrig_report.chart import HEIGHT, WIDTH, compute_chart, nice_step, phase_spans, ticks
from leakrig_report.chart_svg import render_chart
from leakrig_report.model import Goroutines

SERIES = ((0.0, 6), (0.25, 6), (0.75, 900), (1.25, 1800), (1.75, 1806), (2.25, 1806))
PHASES = ("baseline", "baseline", "load", "load", "drain", "final")


def goroutines(**overrides):
    fields = dict(baseline=6, peak=1806, final=1806, series=SERIES, phases=PHASES, load_started=0.5, load_ended=1.5)
    fields.update(overrides)
    return Goroutines(**fields)


@pytest.mark.parametrize("span, want", [(10, 2), (7418, 2000), (4.5, 1), (1, 0.2), (0, 1.0), (37, 10)])
def test_nice_step_is_one_two_or_five_times_a_power_of_ten(span, want):
    assert nice_step(span) == pytest.approx(want)


def test_ticks_cover_the_range_on_the_step():
    assert ticks(0, 7418, 2000) == [0, 2000, 4000, 6000]
    assert ticks(0, 1.0, 0.2) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_phase_spans_follow_the_samples_and_snap_load_to_its_recorded_times():
    assert phase_spans(goroutines(), 2.25) == [
        ("baseline", 0.0, 0.5),
        ("load", 0.5, 1.5),
        ("drain", 1.5, 2.25),
        ("final", 2.25, 2.25),
    ]


def test_phase_spans_without_load_times_use_the_samples():
    spans = phase_spans(goroutines(load_started=None, load_ended=None), 2.25)
    assert spans[:2] == [("baseline", 0.0, 0.75), ("load", 0.75, 1.75)]


def test_chart_maps_time_and_count_into_the_plot_box():
    chart = compute_chart(goroutines())
    left, top, right, bottom = chart.plot_box
    first, last = chart.points[0], chart.points[-1]
    assert (first.x, last.x) == (left, right)
    assert top <= min(p.y for p in chart.points) and max(p.y for p in chart.points) <= bottom
    assert chart.points[2].phase == "load" and chart.points[2].count == 900
    assert [t.label for t in chart.y_ticks] == ["0", "500", "1000", "1500", "2000"]
    assert chart.baseline_y == pytest.approx(bottom - 6 / 2000 * (bottom - top), abs=0.01)


def test_chart_of_no_samples_is_none():
    assert compute_chart(goroutines(series=(), phases=())) is None


def test_chart_of_a_single_flat_sample_still_has_a_scale():
    chart = compute_chart(
        goroutines(series=((0.0, 0),), phases=("baseline",), baseline=0, load_started=None, load_ended=None)
    )
    assert len(chart.points) == 1 and chart.y_ticks


def test_rendered_chart_shades_each_phase_and_labels_each_point():
    svg = render_chart(compute_chart(goroutines()), "Goroutines <of> x")
    assert f'viewBox="0 0 {WIDTH} {HEIGHT}"' in svg
    for phase in ("baseline", "load", "drain", "final"):
        assert f'class="band band-{phase}"' in svg
    assert svg.count("<circle") == len(SERIES)
    assert "<title>1.25 s: 1800 goroutines (load)</title>" in svg
    assert "Goroutines &lt;of&gt; x" in svg
