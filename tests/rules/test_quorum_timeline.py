"""Issue 11 § 14, the pure part: the quorum chart's figures over time from the roll movements and
the proxies, the required line, the marks at items and votes, the time axis in French."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from seance_desk.models.enums import VoteMethod
from seance_desk.models.quorum_timeline import quorum_timeline, step_points, time_ticks
from tests.helpers import engine_with


def test_nobody_yet_gives_an_empty_timeline_with_the_required_figure():
    engine, _c = engine_with(n=15)
    timeline = quorum_timeline(engine.state, datetime(2026, 11, 20, 18, 0, tzinfo=UTC))
    assert timeline.empty and timeline.times == () and timeline.marks == ()
    assert timeline.required == 8


def test_arrivals_departures_and_a_proxy_are_counted_at_each_change():
    engine, c = engine_with(n=15, present=["m1", "m2", "m3"])
    engine.execute(c.give_proxy("m4", "m2"))  # m4 absent, represented by m2
    engine.execute(c.leave("m3"))
    engine.execute(c.arrive("m4"))  # the grantor arrives: his proxy lapses
    state = engine.state
    lapsed = state.roll.proxies[next(iter(state.roll.proxies))].ended_at  # the last change
    timeline = quorum_timeline(state, lapsed + timedelta(minutes=30))
    # m1, m2, m3 arrive; m4's proxy; m3 leaves; m4 arrives (seated, no longer represented); the
    # lapse recorded just after; the end.
    assert timeline.present == (1, 2, 3, 3, 2, 3, 3, 3)
    assert timeline.counted == (1, 2, 3, 4, 3, 3, 3, 3)
    assert timeline.times[0] == 0 and list(timeline.times) == sorted(timeline.times)
    assert timeline.times[-1] - timeline.times[-2] == 30  # the last figures hold until `until`
    assert timeline.origin == state.roll.movements[0].at


def test_a_proxy_whose_holder_left_is_not_counted():
    engine, c = engine_with(n=15, present=["m1", "m2"])
    engine.execute(c.give_proxy("m5", "m2"))
    engine.execute(c.leave("m2"))
    timeline = quorum_timeline(engine.state, datetime(2030, 1, 1, tzinfo=UTC))
    assert timeline.counted[-1] == timeline.present[-1] == 1


def test_marks_at_each_items_opening_and_at_its_vote():
    engine, c = engine_with(n=5, present=5, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1", {}))
    engine.execute(c.close_vote("i1"))
    state = engine.state
    timeline = quorum_timeline(state, state.items["i1"].vote.closed_at)
    assert [(m.kind, m.label) for m in timeline.marks] == [("point", "Point n° 1"), ("vote", "Vote du point n° 1")]
    origin = timeline.origin
    assert timeline.marks[1].at == (state.items["i1"].vote.closed_at - origin).total_seconds() / 60
    assert timeline.marks[0].at < timeline.marks[1].at


def test_step_points_hold_each_value_until_the_next_time():
    assert step_points((0.0, 2.0, 5.0), (3, 4, 4)) == ([0.0, 2.0, 2.0, 5.0, 5.0], [3, 3, 4, 4, 4])
    assert step_points((), ()) == ([], [])


def test_time_ticks_are_round_paris_times_in_french():
    origin = datetime(2026, 11, 20, 17, 12, 40, tzinfo=UTC)  # 18 h 12 in Paris
    ticks = time_ticks(origin, origin + timedelta(hours=2))
    labels = [label for _, label in ticks]
    assert labels == ["18 h 15", "18 h 30", "18 h 45", "19 h 00", "19 h 15", "19 h 30", "19 h 45", "20 h 00"]
    assert all(0 <= x <= 120 for x, _ in ticks)
    short = [label for _, label in time_ticks(origin, origin + timedelta(minutes=20))]
    assert short == ["18 h 15", "18 h 20", "18 h 25", "18 h 30"]
