"""The secrétaire de séance, named among the members present, and his auxiliaries taken outside
the members (art. L2121-15 CGCT)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from seance_desk.models.enums import SessionPhase, SignerRole
from seance_desk.models.events import EventShapeError, validate_payload
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.models.state import checks
import pytest

from tests.helpers import assert_refused, engine_with, refold


def test_opening_names_the_secretaries_and_auxiliaries_in_one_action():
    engine, c = engine_with(present=9)
    created, _ = engine.execute(c.open_sitting(["m3"], ["Mme Josiane Agent"]))
    assert [e.type for e in created] == ["session.opened", "secretaries.appointed", "auxiliaries.appointed"]
    state = engine.state
    assert state.phase is SessionPhase.OPEN and state.secretary_ids == ("m3",) and state.auxiliaries == ("Mme Josiane Agent",)
    # Auxiliaries are no members: the quorum and the voters are the same as without them.
    assert state.live_quorum().value.present == 9
    assert refold(engine).auxiliaries == ("Mme Josiane Agent",)


def test_opening_without_a_secretary_is_refused_in_french():
    engine, c = engine_with(present=9)
    assert_refused(engine, lambda: c.open_sitting([]), "secrétaire", article="art. L2121-15 CGCT")
    assert checks.sitting_opening_refusal(engine.state, secretary_ids=[]) is not None


def test_a_secretary_must_be_present_when_named():
    engine, c = engine_with(present=9, open_session=True)
    assert_refused(engine, c.appoint_secretaries(["m12"]), "n'est pas présent", "membres présents", article="art. L2121-15 CGCT")
    fresh, c = engine_with(present=9)
    assert_refused(fresh, lambda: c.open_sitting(["m3", "m12"]), "n'est pas présent")
    assert fresh.state.phase is SessionPhase.NOT_OPENED


def test_the_secretary_is_changed_later_by_a_recorded_event():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.appoint_secretaries(["m3"]))
    engine.execute(c.appoint_secretaries(["m4", "m5"]))
    assert engine.state.secretary_ids == ("m4", "m5") == engine.state.minutes.secretary_ids
    assert [e.type for e in engine.events].count("secretaries.appointed") == 2


def test_a_member_cannot_be_an_auxiliary():
    engine, c = engine_with(present=9, open_session=True)
    assert_refused(engine, c.appoint_auxiliaries(["prénom4  nom4"]), "est membre de l'assemblée")
    engine.execute(c.appoint_auxiliaries(["M. Paul Agent", "Mme Une Autre"]))
    engine.execute(c.appoint_auxiliaries([]))
    assert engine.state.auxiliaries == ()


def test_auxiliary_names_are_distinct_and_not_blank():
    with pytest.raises(EventShapeError, match="deux fois"):
        validate_payload("auxiliaries.appointed", {"names": ["A", "A"]})
    with pytest.raises(EventShapeError):
        validate_payload("auxiliaries.appointed", {"names": ["  "]})


def test_without_a_secretary_the_pv_cannot_be_arrete_nor_signed():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.close_session())
    engine.clock.now = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
    sha = minutes_texts_sha256({})
    assert_refused(engine, c.arrete_minutes(date(2026, 12, 18), "séance du 18 décembre 2026", 9, 0, 0, sha), "aucun secrétaire")
    refusal = checks.minutes_signing_refusal(
        engine.state, signer_id="m1", role=SignerRole.PRESIDENT, texts_sha256=sha, journal_head=engine.state.session_head
    )
    assert refusal is not None
