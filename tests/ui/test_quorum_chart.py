"""Issue 11 § 14: the quorum over time, under the gauge, folded by default (no pyqtgraph at
start-up); unfolded, its curves are the timeline's staircase, redrawn when the roll changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from seance_desk.models.quorum_timeline import quorum_timeline, step_points
from seance_desk.ui.panels.quorum_chart import COUNTED, PRESENT, REQUIRED, QuorumChart
from seance_desk.ui.panels.quorum_gauge import QuorumGauge


@pytest.fixture
def gauge(qtbot, controller):
    """The fixture keeps the gauge alive (qtbot holds widgets weakly)."""
    widget = QuorumGauge(controller)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_folded_by_default_with_no_plot(gauge, controller):
    chart = gauge.chart
    assert isinstance(chart, QuorumChart)
    assert not chart.expanded and chart.body.isHidden() and chart.plot is None


def test_unfolded_the_chart_has_the_series_and_the_marks(gauge, controller):
    chart = gauge.chart
    chart.toggle.click()
    assert chart.expanded and chart.plot is not None and chart.plot.isVisible()
    state = controller.state
    expected = quorum_timeline(state, datetime.now(UTC))  # the end moves only the last x, not the ys
    series = chart.series()
    assert set(series) == {PRESENT, COUNTED, REQUIRED}
    xs, ys = series[PRESENT]
    assert ys == list(step_points(expected.times, expected.present)[1])
    assert series[COUNTED][1] == list(step_points(expected.times, expected.counted)[1])
    assert series[REQUIRED][1] == [state.live_quorum().value.required] * 2
    # The live demo is on item 4: three items opened, three votes, then item 4 opened.
    assert [line.toolTip() for line in chart.mark_lines][-1] == "Point n° 4"
    assert len(chart.mark_lines) == 7
    assert "présents ou représentés" in chart.accessibleDescription()


def test_a_departure_redraws_a_step_down(gauge, controller):
    chart = gauge.chart
    chart.set_expanded(True)
    before = chart.series()[PRESENT][1][-1]
    leaver = next(m for m in controller.state.roll.seated_ids() if m not in ("m1", "m2") and controller.state.roll.held_count(m) == 0 and m not in controller.state.secretary_ids)
    assert controller.act("Départ", lambda c: c.leave(leaver))
    assert chart.series()[PRESENT][1][-1] == before - 1


def test_folded_again_it_stops_computing(gauge, controller):
    chart = gauge.chart
    chart.set_expanded(True)
    chart.set_expanded(False)
    chart.timeline = None
    assert controller.act("Arrivée", lambda c: c.raise_hand(controller.state.roll.seated_ids()[3]))
    assert chart.timeline is None and chart.body.isHidden()
