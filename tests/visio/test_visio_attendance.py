"""Matching the report's participants to members (e-mail, accents, name order, homonyms) and the
arrivals and departures proposed against the roll call — proposals only, nothing applied."""

from __future__ import annotations

from dataclasses import replace

from seance_desk.files.visio_attendance import Movement, apply_label, match_report, text_report
from seance_desk.files.visio_report import parse_visio_report
from seance_desk.models.assembly import Member
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import Attendance, SessionMode

from tests.helpers import clock_for, make_assembly, make_setup, ORDINARY_DATE
from tests.visio.samples import zoom_with_meeting

MEMBERS = (
    Member(id="m1", last_name="LEFÈVRE", first_name="Hélène", civility="Mme", email="helene.lefevre@ville.fr"),
    Member(id="m2", last_name="DUPONT", first_name="Jean-Pierre"),
    Member(id="m3", last_name="MARTIN", first_name="Claire", civility="Mme"),
    Member(id="m4", last_name="MARTIN", first_name="Claire", civility="Mme", email="c.martin2@ville.fr"),  # homonym
    Member(id="m5", last_name="N'DIAYE", first_name="Awa", civility="Mme"),
    Member(id="m6", last_name="ROUX", first_name="Paul"),
    Member(id="m7", last_name="BLANC", first_name="Luc"),
)


def engine(mode: SessionMode = SessionMode.MULTI_SITE) -> tuple[SessionEngine, Commands]:
    assembly = replace(make_assembly(n=7), members=MEMBERS)
    eng = SessionEngine(assembly, make_setup(ORDINARY_DATE, mode), clock=clock_for(ORDINARY_DATE))
    return eng, Commands(eng)


START, END = "20/11/2026 18:20", "20/11/2026 20:56"
ROWS = [
    ("Helene Lefevre (iPad)", "HELENE.LEFEVRE@ville.fr", "20/11/2026 18:25", "20/11/2026 20:55"),  # e-mail decides
    ("DUPONT Jean Pierre", "", "20/11/2026 18:28", "20/11/2026 19:10"),  # NOM Prénom, hyphen lost
    ("DUPONT Jean Pierre", "", "20/11/2026 19:14", "20/11/2026 20:55"),  # reconnected
    ("Claire Martin", "", "20/11/2026 18:30", "20/11/2026 20:55"),  # homonyms, no e-mail: ambiguous
    ("Mme Awa N’Diaye", "", "20/11/2026 18:31", "20/11/2026 19:30"),  # civility, typographic apostrophe; left early
    ("Paul ROUX", "", "20/11/2026 18:40", "20/11/2026 20:55"),  # seated in the room
    ("iPhone de Marc", "", "20/11/2026 18:45", "20/11/2026 20:55"),  # nobody
    ("Luc BLANC", "", "20/11/2026 18:22", "20/11/2026 19:00"),
]


def report():
    return parse_visio_report(zoom_with_meeting(ROWS, START, END), "zoom.csv")


def test_matching_by_email_accents_order_and_civility():
    eng, c = engine()
    match = match_report(report(), eng.state)
    assert set(match.presences) == {"m1", "m2", "m5", "m6", "m7"}
    assert len(match.presences["m2"].connections) == 2  # the reconnection stays a gap
    assert [p.original_name for p, ids in match.ambiguous] == ["Claire Martin"]
    assert match.ambiguous[0][1] == ["m3", "m4"]  # listed, never guessed
    assert [p.name for p in match.unmatched] == ["iPhone de Marc"]


def test_an_email_settles_homonyms():
    eng, c = engine()
    rows = [("Claire Martin", "c.martin2@ville.fr", "20/11/2026 18:30", "20/11/2026 20:55")]
    match = match_report(parse_visio_report(zoom_with_meeting(rows, START, END)), eng.state)
    assert set(match.presences) == {"m4"} and not match.ambiguous


def test_proposals_against_the_roll_call():
    eng, c = engine()
    eng.execute(c.arrive("m5", Attendance.REMOTE))  # the report shows her gone at 19 h 30
    eng.execute(c.arrive("m6", Attendance.ON_SITE))  # in the room: nothing proposed
    eng.execute(c.arrive("m7", Attendance.REMOTE))  # gone at 19 h 00
    match = match_report(report(), eng.state)
    proposals = {(p.member_id, p.movement): p for p in match.proposals}
    assert set(proposals) == {("m1", Movement.ARRIVAL), ("m2", Movement.ARRIVAL), ("m5", Movement.DEPARTURE), ("m7", Movement.DEPARTURE)}
    assert proposals[("m2", Movement.ARRIVAL)].at.strftime("%H:%M") == "19:14"  # the start of his last connection
    assert proposals[("m5", Movement.DEPARTURE)].at.strftime("%H:%M") == "19:30"
    assert all(p.refusal is None for p in match.proposals)
    assert any("ROUX" in note and "sur place" in note for note in match.notes)
    # Nothing was applied: the roll call is as it was.
    assert set(eng.state.roll.attendance) == {"m5", "m6", "m7"}


def test_a_remote_member_missing_from_the_report_gets_no_proposal():
    eng, c = engine()
    eng.execute(c.arrive("m3", Attendance.REMOTE))
    match = match_report(report(), eng.state)
    assert all(p.member_id != "m3" for p in match.proposals)
    assert any("ne figure pas dans le rapport" in note for note in match.notes)


def test_an_in_person_session_refuses_remote_arrivals():
    eng, c = engine(SessionMode.IN_PERSON)
    match = match_report(report(), eng.state)
    arrivals = [p for p in match.proposals if p.movement is Movement.ARRIVAL]
    assert arrivals and all(p.refusal is not None and "L2121-17" in str(p.refusal) for p in arrivals)


def test_text_report_and_label_are_french():
    eng, c = engine()
    eng.execute(c.arrive("m7", Attendance.REMOTE))
    match = match_report(report(), eng.state)
    text = text_report(match, eng.state)
    assert "Participants non reconnus" in text and "iPhone de Marc" in text
    assert "M. Jean-Pierre DUPONT" in text and "18 h 28 – 19 h 10 ; 19 h 14 – 20 h 55" in text
    label = apply_label(match.report, match.proposals)
    assert label.startswith("Présences d'après le rapport Zoom « zoom.csv » : 3 arrivées, 1 départ")


def test_the_roll_call_status_agrees_with_the_members_civility():
    """« Mme Marie VIDAL représenté par … » was read in the dialog's « Qui était connecté »."""
    from seance_desk.files.visio_attendance import roll_status

    eng, cmd = engine()
    eng.execute(cmd.arrive("m6"))
    eng.execute(cmd.arrive("m3", Attendance.REMOTE))
    eng.execute(cmd.give_proxy("m1", "m6"))
    eng.execute(cmd.excuse("m5"))
    state = eng.state
    assert roll_status(state, "m1") == "représentée par M. Paul ROUX"
    assert roll_status(state, "m3") == "présente à distance"
    assert roll_status(state, "m6") == "présent sur place"
    assert roll_status(state, "m5") == "excusée"
    assert roll_status(state, "m7") == "absent"
