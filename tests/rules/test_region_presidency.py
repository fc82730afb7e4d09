"""The election of the président of a regional council (art. L4133-1 CGCT; issue 10's loose ends,
point 6): « aucun débat » — no floor while it is under discussion —, and the candidates' written
declaration handed through the doyen before each round, recorded as the round's candidacies. Both
judge new events only: a regional session stored before them keeps replaying."""

from __future__ import annotations

import pytest

from seance_desk.models.candidacies import Candidacy
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BodyKind, ItemKind
from seance_desk.models.state import checks, elections_region
from seance_desk.models.state.session_state import SessionState

from ..helpers import assert_refused, refold, summarize
from .election_sessions import election_engine

EXEC = ItemKind.ELECTION_EXECUTIVE
CANDIDATES = [Candidacy(("m5",)), Candidacy(("m6",))]


def regional(kind: BodyKind = BodyKind.REGION):
    """Item 1: the président's election; item 2: an ordinary item. 15 members, all present; m1, the
    eldest, chairs."""
    return election_engine(EXEC, ItemKind.ORDINARY, kind=kind, population=5_000_000)


def test_no_floor_during_the_regional_presidents_election():
    engine, c = regional()
    engine.execute(c.raise_hand("m3"))  # before the item: an ordinary request
    engine.execute(c.open_item("i1"))
    refusal = checks.floor_request_refusal(engine.state, member_id="m4")
    assert refusal is not None and "sans débat" in refusal.message
    assert_refused(engine, c.raise_hand("m4"), "Demande de parole impossible", "l'élection du président du conseil régional",
                   "a lieu sans débat", article="art. L4133-1 CGCT")
    queued = engine.state.speakers.queue[0]
    assert_refused(engine, c.give_floor(queued), "Parole impossible", "sans débat", article="art. L4133-1 CGCT")
    engine.execute(c.declare_candidates("i1", CANDIDATES))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 9, "m6": 6}))
    engine.execute(c.proclaim("i1"))
    engine.execute(c.open_item("i2"))  # the election is over: the debate resumes on the next item
    engine.execute(c.give_floor(queued))
    engine.execute(c.raise_hand("m4"))


def test_a_departmental_presidents_election_keeps_the_floor():
    engine, c = regional(BodyKind.DEPARTEMENT)
    engine.execute(c.open_item("i1"))
    engine.execute(c.raise_hand("m4"))


def test_written_declarations_before_each_round():
    engine, c = regional()
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", CANDIDATES))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))  # 8 needed: no one
    view = engine.state.election("i1")
    assert view.rounds[0].written_declarations
    assert "Avant le tour n° 2, chaque candidat remet aux membres, par l'intermédiaire du doyen d'âge, une déclaration écrite" in view.next_step
    assert_refused(engine, c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}),
                   "Dépouillement impossible", "par l'intermédiaire du doyen d'âge", "enregistrez les candidatures du tour n° 2",
                   article="art. L4133-1 CGCT")
    engine.execute(c.declare_candidates("i1", CANDIDATES))
    assert engine.state.election("i1").next_step == "Saisir le résultat du tour n° 2."
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    assert engine.state.elections["i1"].rounds[1].written_declarations
    assert summarize(refold(engine)) == summarize(engine.state)
    assert elections_region.DECLARATIONS_SENTENCE.startswith("Avant chaque tour de scrutin")


def test_a_departmental_election_needs_no_declaration_before_round_two():
    engine, c = regional(BodyKind.DEPARTEMENT)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", CANDIDATES))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    assert not engine.state.elections["i1"].rounds[1].written_declarations


def test_a_regional_session_stored_before_these_rules_keeps_replaying(monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as patch:  # the version before: neither rule
        patch.setattr(elections_region, "judging_stored_event", lambda state: True)
        engine, c = regional()
        engine.execute(c.open_item("i1"))
        engine.execute(c.raise_hand("m4"))
        engine.execute(c.give_floor(engine.state.speakers.queue[0]))
        engine.execute(c.end_floor())
        engine.execute(c.declare_candidates("i1", CANDIDATES))
        engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
        engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    state = SessionState.fold(engine.assembly, engine.setup, engine.events)
    assert len(state.elections["i1"].rounds) == 2 and state.stored_events == len(engine.events)
    # Reopened, the session is judged by today's rules from its head on.
    reopened = SessionEngine(engine.assembly, engine.setup, engine.events, clock=engine.clock, genesis=engine.genesis)
    c = Commands(reopened)
    assert_refused(reopened, c.raise_hand("m7"), "sans débat")
    assert_refused(reopened, c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 8}), "déclaration écrite")
