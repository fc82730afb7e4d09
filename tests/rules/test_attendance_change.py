"""A seated member moving between the room and the videoconference stays in the session: one event,
his raised hand kept, the minutes say where he went; impossible in an in-person session."""

from __future__ import annotations

from datetime import date

from seance_desk.documents.builders._common import Names
from seance_desk.documents.builders.pv_builder import movement_lines
from seance_desk.models.enums import Attendance, BodyKind, SessionMode
from tests.helpers import assert_refused, engine_with

MULTI_SITE_DAY = date(2026, 11, 20)


def _multi_site(present: int = 10):
    return engine_with(BodyKind.EPCI, 20, on=MULTI_SITE_DAY, mode=SessionMode.MULTI_SITE, present=present, open_session=True)


def test_a_member_moves_to_the_videoconference_without_leaving():
    engine, c = _multi_site()
    engine.execute(c.raise_hand("m4"))
    engine.execute(c.change_attendance("m4", Attendance.REMOTE))
    state = engine.state
    assert state.roll.attendance["m4"] is Attendance.REMOTE
    assert state.speakers.pending_for("m4") is not None  # his hand is still up
    assert [e.type for e in engine.events[-1:]] == ["member.attendance_changed"]
    assert state.live_quorum().value.present == 10


def test_the_minutes_say_where_he_went():
    engine, c = _multi_site()
    engine.execute(c.change_attendance("m4", Attendance.REMOTE))
    engine.execute(c.change_attendance("m4", Attendance.ON_SITE))
    lines = movement_lines(engine.state, Names(engine.state.assembly))
    name = engine.state.name("m4")
    assert any(line.startswith(f"{name} suit désormais la séance à distance") for line in lines)
    assert any(line.startswith(f"{name} rejoint la salle") for line in lines)
    assert not any("quitte la séance" in line for line in lines)


def test_refused_in_person_for_an_absent_member_or_to_the_same_place():
    engine, c = engine_with(present=10, open_session=True)
    assert_refused(engine, c.change_attendance("m4", Attendance.REMOTE), "la séance se tient en présentiel", article="art. L2121-17 CGCT")
    engine, c = _multi_site()
    assert_refused(engine, c.change_attendance("m15", Attendance.REMOTE), "enregistrez son arrivée")
    assert_refused(engine, c.change_attendance("m4", Attendance.ON_SITE), "est déjà présent sur place")


def test_undone_by_a_correction():
    engine, c = _multi_site()
    engine.execute(c.change_attendance("m4", Attendance.REMOTE))
    engine.execute(c.correct(engine.events[-1].seq))
    assert engine.state.roll.attendance["m4"] is Attendance.ON_SITE
