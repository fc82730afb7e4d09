"""The PV of session S arrêté at S+1 (art. L2121-15 CGCT), with two sessions in one store: the
vote on S+1's item « approbation du procès-verbal » appends the arrêté to S's journal."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from seance_desk.models.decision import RuleViolation
from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.models.minutes_hash import minutes_texts_sha256
from seance_desk.models.pv_approval import PvReference, approval_item
from seance_desk.service.session import SessionService
from tests.helpers import StepClock, make_agenda, make_assembly, make_setup

FIRST_DAY, NEXT_DAY = date(2026, 11, 20), date(2026, 12, 18)
TEXTS = {"i1": "Aucune observation."}


def first_session(store, *, secretary: bool = True) -> SessionService:
    """S: 20 November 2026, closed, with a secretary and the secretary's text."""
    service = SessionService.create(store, make_assembly(n=15), make_setup(FIRST_DAY), clock=StepClock())
    c = service.commands
    for i in range(1, 10):
        service.do(c.arrive(f"m{i}"))
    service.do(c.open_sitting(["m2"]) if secretary else c.open_session())
    service.do(c.open_item("i1"))
    service.do(c.close_item("i1"))
    service.do(c.lever_la_seance({"i2": "reporter", "i3": "reporter"}))
    service.save_minutes_text("i1", TEXTS["i1"])
    return service


def next_session(store, reference: PvReference) -> SessionService:
    """S+1: 18 December 2026; its item n° 1 approves the PV of S."""
    agenda = (approval_item(reference, 1, "pv"), *(replace(item, number=item.number + 1) for item in make_agenda()))
    setup = replace(make_setup(NEXT_DAY, agenda=agenda), id="s-decembre")
    clock = StepClock(datetime(2026, 12, 18, 17, 0, tzinfo=UTC))
    service = SessionService.create(store, make_assembly(n=15), setup, clock=clock)
    c = service.commands
    for i in range(1, 12):
        service.do(c.arrive(f"m{i}"))
    service.do(c.open_sitting(["m3"]))
    service.do(c.open_item("pv"))
    return service


REFERENCE = PvReference(FIRST_DAY, "s")


def test_the_vote_of_s_plus_1_arretes_the_pv_of_s(store):
    first = first_session(store)
    following = next_session(store, REFERENCE)
    c = following.commands
    following.do(c.open_vote("pv", VoteMethod.SHOW_OF_HANDS))
    following.do(c.counts("pv", 9, 1, 1))
    following.do(c.close_vote("pv"))
    first.reload()
    minutes = first.state.minutes
    assert minutes.adopted and minutes.adopted_on == NEXT_DAY
    arrete = minutes.adopted_arrete
    assert (arrete.pour, arrete.contre, arrete.abstention) == (9, 1, 1)
    assert (arrete.adopting_session_id, arrete.adopting_item_id) == ("s-decembre", "pv")
    assert arrete.adopting_session == "séance du vendredi 18 décembre 2026"
    assert arrete.texts_sha256 == minutes_texts_sha256(TEXTS)
    assert first.engine.events[-1].type == "minutes.arrete"
    assert following.arrete_pending_pvs() == 0


def test_a_tie_decided_by_the_chair_is_carried_to_the_arrete(store):
    first = first_session(store)
    following = next_session(store, REFERENCE)
    c = following.commands
    following.do(c.open_vote("pv", VoteMethod.SHOW_OF_HANDS))
    following.do(c.counts("pv", 5, 5, 1, chair_choice=VoteChoice.FOR))
    following.do(c.close_vote("pv"))
    first.reload()
    assert first.state.minutes.adopted and first.state.minutes.adopted_arrete.chair_choice is VoteChoice.FOR


def test_a_rejected_vote_is_recorded_and_the_pv_stays_a_draft(store):
    first = first_session(store)
    following = next_session(store, REFERENCE)
    c = following.commands
    following.do(c.open_vote("pv", VoteMethod.SHOW_OF_HANDS))
    following.do(c.counts("pv", 3, 7, 1))
    following.do(c.close_vote("pv"))
    first.reload()
    assert not first.state.minutes.adopted and first.state.minutes.last_arrete.contre == 7


def test_refused_when_the_approved_session_is_not_in_the_database(store):
    following = next_session(store, PvReference(FIRST_DAY, "inconnue"))
    with pytest.raises(RuleViolation, match="n'est pas dans la base de données") as caught:
        following.do(following.commands.open_vote("pv", VoteMethod.SHOW_OF_HANDS))
    assert following.refused(following.commands.open_vote("pv", VoteMethod.SHOW_OF_HANDS)).message == caught.value.message
    assert following.state.items["pv"].vote is None


def test_refused_when_the_pv_of_s_is_already_arrete(store):
    first = first_session(store)
    first.engine.clock.now = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    first.do(first.commands.arrete_minutes(date(2026, 12, 10), "séance du 10 décembre 2026", 9, 0, 0, first.minutes_texts_sha256()))
    following = next_session(store, REFERENCE)
    with pytest.raises(RuleViolation, match="déjà été arrêté le jeudi 10 décembre 2026"):
        following.do(following.commands.open_vote("pv", VoteMethod.SHOW_OF_HANDS))


def test_refused_when_s_has_no_secretary(store):
    first_session(store, secretary=False)
    following = next_session(store, REFERENCE)
    with pytest.raises(RuleViolation, match="aucun secrétaire de séance"):
        following.do(following.commands.open_vote("pv", VoteMethod.SHOW_OF_HANDS))


def test_a_missing_arrete_is_written_later(store):
    first = first_session(store)
    following = next_session(store, REFERENCE)
    c = following.commands
    following.do(c.open_vote("pv", VoteMethod.SHOW_OF_HANDS))
    following.do(c.counts("pv", 9, 0, 0))
    # The second write lost (as if the disk had failed): S's journal lacks the arrêté.
    following.engine.execute(c.close_vote("pv"), persist=following._persist)
    first.reload()
    assert not first.state.minutes.started
    assert following.arrete_pending_pvs() == 1
    first.reload()
    assert first.state.minutes.adopted and following.arrete_pending_pvs() == 0


def test_closing_the_vote_opens_s_once(store, monkeypatch):
    # The check before the vote and the arrêté after it need S alike: S is read and verified once.
    from seance_desk.service import pv_approval

    first_session(store)
    following = next_session(store, REFERENCE)
    c = following.commands
    following.do(c.open_vote("pv", VoteMethod.SHOW_OF_HANDS))
    following.do(c.counts("pv", 9, 1, 1))
    opened = []
    real = pv_approval._previous
    monkeypatch.setattr(pv_approval, "_previous", lambda service, reference: opened.append(reference) or real(service, reference))
    following.do(c.close_vote("pv"))
    assert opened == [REFERENCE]
    assert following.arrete_pending_pvs() == 0
