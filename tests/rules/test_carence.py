"""The constat de carence (art. L2121-17 CGCT): the quorum is not reached at the opening; the
sitting ends there, and the reconvocation carries the whole agenda."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.decision import RuleViolation
from seance_desk.models.enums import SessionPhase
from seance_desk.models.session_setup import Reconvocation
from seance_desk.models.state import checks
from seance_desk.models.state.carence import carried_item_numbers, reconvocation_after_carence
from tests.helpers import assert_refused, engine_with, refold

# 15 members in office: the quorum is 8 present (floor(15/2) + 1).


def test_seven_present_of_fifteen_the_carence_is_recorded_and_closes_the_sitting():
    engine, c = engine_with(present=7, open_session=True)
    engine.execute(c.give_proxy("m9", "m2"))
    assert checks.carence_refusal(engine.state) is None
    engine.execute(c.record_carence())
    state = engine.state
    carence = state.carence
    assert state.phase is SessionPhase.CLOSED and state.closed_at == carence.at
    assert carence.present_ids == tuple(f"m{i}" for i in range(1, 8))
    assert carence.represented_ids == ("m9",)
    assert not carence.quorum.value.met and carence.after_opening
    assert carence.time_text.endswith(tuple("0123456789")) and " h " in carence.time_text
    # Nothing else can happen in the sitting.
    assert_refused(engine, c.open_item("i1"), "levée")
    assert refold(engine).carence == carence


def test_eight_present_is_the_boundary_the_quorum_is_reached_and_the_carence_refused():
    engine, c = engine_with(present=8, open_session=True)
    refusal = assert_refused(engine, c.record_carence(), "Constat de carence impossible", "quorum")
    assert checks.carence_refusal(engine.state).message == refusal.message


def test_the_carence_may_be_recorded_instead_of_the_opening():
    engine, c = engine_with(present=3)
    engine.execute(c.record_carence())
    assert engine.state.carence is not None and not engine.state.carence.after_opening
    assert engine.state.opened_at is None


def test_once_an_item_was_put_to_discussion_no_carence():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.close_item("i1"))
    for m in ("m9", "m8"):
        engine.execute(c.leave(m))
    assert not engine.state.live_quorum().value.met
    assert_refused(engine, c.record_carence(), "a déjà délibéré", "point n° 1", article="art. L2121-17 CGCT")


def test_a_suspended_or_closed_sitting_refuses_the_carence():
    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.suspend())
    assert_refused(engine, c.record_carence(), "suspendue")
    engine.execute(c.resume())
    engine.execute(c.close_session())
    assert_refused(engine, c.record_carence(), "levée")


def test_a_reconvocation_deliberates_without_quorum_so_no_carence():
    engine, c = engine_with(present=2, open_session=True, reconvocation=Reconvocation(date(2026, 11, 13), ("i1", "i2", "i3")))
    assert_refused(engine, c.record_carence(), "Constat de carence impossible")


def test_the_reconvocation_carries_every_item_of_the_agenda():
    engine, c = engine_with(present=4, open_session=True)
    engine.execute(c.record_carence())
    reconvocation = reconvocation_after_carence(engine.state)
    assert reconvocation == Reconvocation(engine.setup.date, ("i1", "i2", "i3"))
    assert carried_item_numbers(engine.state) == (1, 2, 3)


def test_no_reconvocation_without_a_carence():
    engine, _ = engine_with(present=9, open_session=True)
    with pytest.raises(RuleViolation, match="Aucun constat de carence"):
        reconvocation_after_carence(engine.state)
