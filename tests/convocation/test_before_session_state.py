"""Before the session, in the journal (issue 13 part A): the convocation's sends member by member,
the convocation's date taken from the actual sends, and the absences and proxies announced before
the session, checked against the règlement's deadline and confirmed only by the roll call."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from seance_desk.documents.builders.preamble import preamble_sentence
from seance_desk.documents.builders._common import Names
from seance_desk.models.assembly import REGLEMENT_PRESETS, Reglement
from seance_desk.models.rules.declarations import declaration_deadline, weekday_deadline
from seance_desk.models.state.before_session import convocation_sent_on
from tests.helpers import ORDINARY_DATE, assert_refused, engine_with, refold

PRESET = REGLEMENT_PRESETS["pole_metropolitain_2020"]


def _at(day: int, hour: int = 9, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def test_a_refused_send_leaves_the_member_unconvened_until_a_retry_is_accepted():
    engine, c = engine_with(n=5)
    engine.execute(c.record_send("m2", "m2@example.org", "<a@x>", _at(10), True))
    engine.execute(c.record_send("m3", "m3@example.org", "<b@x>", _at(10), False, "550 Boîte inconnue"))
    before = engine.state.before
    assert before.convened_on("m2") == date(2026, 11, 10)
    assert before.convened_on("m3") is None
    assert before.last("m3").error == "550 Boîte inconnue"
    engine.execute(c.record_send("m3", "m3@example.org", "<c@x>", _at(12), True))
    # The date retained is the day the last member convened was convened.
    assert convocation_sent_on(engine.state) == date(2026, 11, 12)
    assert [r.accepted for r in engine.state.before.records("m3")] == [False, True]
    assert refold(engine).before.sent_on() == date(2026, 11, 12)


def test_the_convocation_date_from_the_sends_replaces_the_typed_one_in_the_pv():
    engine, c = engine_with(n=5)
    assert convocation_sent_on(engine.state) is None
    engine.execute(c.record_send("m2", "m2@example.org", "<a@x>", _at(11), True))
    engine.execute(c.record_delivery_otherwise("m4", date(2026, 11, 13), "remise en main propre"))
    assert convocation_sent_on(engine.state) == date(2026, 11, 13)
    engine.execute(c.arrive("m1"))
    engine.execute(c.open_session())
    assert "légalement convoqué le 13 novembre 2026" in preamble_sentence(engine.state, Names(engine.assembly))


def test_sends_and_declarations_are_refused_once_the_session_is_open():
    engine, c = engine_with(n=5, present=3, open_session=True)
    assert_refused(engine, c.record_send("m4", "m4@example.org", "<a@x>", _at(20, 15), True), "déjà ouverte")
    assert_refused(engine, c.declare_absence("m4", _at(18)), "déjà ouverte")


def test_a_send_after_the_session_day_or_to_an_unknown_member_is_refused():
    engine, c = engine_with(n=5)
    assert_refused(engine, c.record_send("m2", "m2@example.org", "<a@x>", _at(21), True), "postérieur")
    assert_refused(engine, c.record_send("m99", "x@example.org", "<a@x>", _at(10), True), "Membre inconnu")
    assert engine.events == []


def test_the_wednesday_before_the_session():
    friday = datetime(2026, 11, 20, 17, 30, tzinfo=UTC)
    wednesday = datetime(2026, 11, 18, 17, 30, tzinfo=UTC)
    assert weekday_deadline(2, friday).date() == date(2026, 11, 18)
    assert weekday_deadline(2, wednesday).date() == date(2026, 11, 11)  # « précédant » : not the day itself
    deadline = declaration_deadline(PRESET, friday, proxy=False)
    assert "mercredi 18 novembre 2026 à 23 h 59" in deadline.explanation
    assert declaration_deadline(Reglement(), friday, proxy=True) is None


@pytest.mark.parametrize(("received", "in_time"), [(_at(18, 22), True), (_at(19, 8), False)])
def test_a_declaration_is_checked_against_the_reglements_day(received, in_time):
    # 18 novembre 22:00 UTC = 23:00 Paris, before midnight; the 19th is after the Wednesday.
    engine, c = engine_with(n=5, reglement=PRESET)
    engine.execute(c.declare_absence("m3", received, holder_id="m2", received_by="secrétariat"))
    (declaration,) = engine.state.before.declarations.values()
    assert declaration.in_time.value is in_time
    assert ("hors délai" in declaration.in_time.explanation) is not in_time
    assert declaration.in_time.article.startswith("art. L2121-8")


def test_declarations_prefill_but_only_the_roll_call_applies_them():
    engine, c = engine_with(n=5, reglement=PRESET)
    engine.execute(c.declare_absence("m4", _at(16)))
    engine.execute(c.declare_absence("m5", _at(16), holder_id="m2"))
    assert_refused(engine, c.declare_absence("m5", _at(17)), "déjà déclarée")
    assert_refused(engine, c.declare_absence("m3", _at(17), holder_id="m3"), "lui-même")
    for mid in ("m1", "m2", "m3"):
        engine.execute(c.arrive(mid))
    engine.execute(c.open_session())
    # Opening applied nothing: m4 is not excused and m5 gave no proxy yet.
    assert "m4" not in engine.state.roll.excused
    assert engine.state.roll.active_proxy_from("m5") is None
    ids = {d.member_id: d.id for d in engine.state.before.declarations.values()}
    engine.execute(c.confirm_declaration(ids["m4"]))
    engine.execute(c.confirm_declaration(ids["m5"]))
    assert "m4" in engine.state.roll.excused
    proxy = engine.state.roll.active_proxy_from("m5")
    assert proxy is not None and proxy.holder_id == "m2"


def test_a_withdrawn_declaration_is_gone_and_cannot_be_withdrawn_twice():
    engine, c = engine_with(n=5)
    engine.execute(c.declare_absence("m4", _at(16)))
    (declaration_id,) = engine.state.before.declarations
    engine.execute(c.withdraw_declaration(declaration_id))
    assert engine.state.before.declarations == {}
    assert_refused(engine, c.withdraw_declaration(declaration_id), "aucune déclaration")
    engine.execute(c.declare_absence("m4", _at(17), holder_id="m3"))  # a new one is possible


def test_the_reglement_settings_are_written_only_when_set():
    assert "declaration_weekday" not in Reglement().to_dict() and "reminder_on_day" not in Reglement().to_dict()
    data = PRESET.to_dict()
    assert data["declaration_weekday"] == 2 and data["reminder_on_day"] is True
    assert Reglement.from_dict(data, "r") == PRESET


@pytest.mark.parametrize("bad", [7, -1, "2", [2], True, 2.0])
def test_a_bad_declaration_weekday_is_refused_in_french(bad):
    from seance_desk.models.parsing import SetupError

    with pytest.raises(SetupError) as caught:
        Reglement.from_dict({"declaration_weekday": bad}, "règlement intérieur")
    assert "declaration_weekday" in str(caught.value)


def test_ordinary_date_is_a_friday():
    assert ORDINARY_DATE.weekday() == 4


def test_the_journal_view_describes_the_sends_and_declarations():
    from seance_desk.models.journal_lines import JournalDescriber

    engine, c = engine_with(n=5)
    engine.execute(c.record_send("m3", "m3@example.org", "<b@x>", _at(10), False, "550 Boîte inconnue"))
    engine.execute(c.declare_absence("m4", _at(16), holder_id="m2"))
    describer = JournalDescriber(engine.state.name, engine.setup.agenda)
    sent, declared = (describer.line(e) for e in engine.events)
    assert sent.label == "envoi de la convocation" and "<m3@example.org> — refusé : 550 Boîte inconnue" in sent.text
    assert declared.text.endswith("pouvoir annoncé à M. Prénom2 NOM2")


@pytest.mark.parametrize(("type_", "payload", "fragment"), [
    ("convocation.sent", {"member_id": "m2", "address": ["m2@example.org"], "message_id": "<a@x>", "sent_at": "2026-11-10T09:00:00Z", "accepted": True}, "address"),
    ("convocation.sent", {"member_id": "m2", "address": "m2@example.org", "message_id": "<a@x>", "sent_at": "hier", "accepted": True}, "date-heure invalide"),
    ("convocation.sent", {"member_id": "m2", "address": "m2@example.org", "message_id": "<a@x>", "sent_at": "2026-11-10T09:00:00Z", "accepted": "oui"}, "accepted"),
    ("reminder.sent", {"member_id": "m2", "address": "x", "message_id": "y", "sent_at": "2026-11-10T09:00:00Z", "accepted": True, "visio_url": "z"}, "inattendu"),
    ("declaration.recorded", {"declaration_id": "D1", "member_id": "m2", "received_at": "2026-11-10 09:00"}, "date-heure invalide"),
    ("declaration.recorded", {"declaration_id": "D1", "member_id": "m2", "received_at": "2026-11-10T09:00:00Z", "holder_id": ["m3"]}, "holder_id"),
    ("convocation.delivered_otherwise", {"member_id": "m2", "delivered_on": "2026-13-40", "means": "main propre"}, "delivered_on"),
    ("convocation.delivered_otherwise", {"member_id": "m2", "delivered_on": "2026-11-10", "means": " "}, "means"),
])
def test_a_journal_with_a_bad_before_session_event_is_refused_in_french(type_, payload, fragment):
    from seance_desk.models.decision import RuleViolation
    from seance_desk.models.journal import make_event
    from seance_desk.models.state.session_state import SessionState
    from tests.fuzz.checks import assert_french_refusal

    engine, _c = engine_with(n=5)
    event = make_event(1, type_, _at(10), payload, engine.genesis)
    with pytest.raises(RuleViolation) as caught:
        SessionState.fold(engine.assembly, engine.setup, [event])
    assert fragment in str(caught.value)
    assert_french_refusal(str(caught.value))


def test_a_session_file_carries_the_sends_and_declarations_and_reads_back_identical():
    from seance_desk.files.session_file import parse_session_file, session_file_bytes

    engine, c = engine_with(n=5, reglement=PRESET)
    engine.execute(c.record_send("m2", "m2@example.org", "<a@x>", _at(10), False, "550 inconnu", visio_url="https://v.example/1"))
    engine.execute(c.record_send("m2", "m2@example.org", "<b@x>", _at(11), True, visio_url="https://v.example/1"))
    engine.execute(c.record_delivery_otherwise("m4", date(2026, 11, 12), "courrier"))
    engine.execute(c.declare_absence("m5", _at(17), holder_id="m3", received_by="accueil"))
    data = session_file_bytes(engine.assembly, engine.setup, engine.events)
    loaded = parse_session_file(data)
    state = _state_of(loaded)
    assert state.before.sends == engine.state.before.sends
    assert state.before.declarations == engine.state.before.declarations
    assert loaded.assembly.reglement == PRESET


def _state_of(loaded):
    from seance_desk.models.state.session_state import SessionState

    return SessionState.fold(loaded.assembly, loaded.setup, loaded.events)


def test_a_recorded_send_cannot_be_undone_but_a_declaration_can():
    engine, c = engine_with(n=5)
    (sent,), _ = engine.execute(c.record_send("m2", "m2@example.org", "<a@x>", _at(10), True))
    assert_refused(engine, c.undo_action([sent.seq]), "ne s'annule pas")
    assert engine.state.before.convened_on("m2") == date(2026, 11, 10)
    (declared,), _ = engine.execute(c.declare_absence("m4", _at(16)))
    engine.execute(c.undo_action([declared.seq]))
    assert engine.state.before.declarations == {}
