"""The quorum of the election of a département's or région's président (art. L3122-1, L4133-1 CGCT;
LAW.md §10.1 [S]): « le conseil ne peut délibérer que si les deux tiers de ses membres sont
présents ; si cette condition n'est pas remplie, la réunion se tient de plein droit trois jours plus
tard », then without quorum. Only that election: the commission permanente, the vice-présidents and
ordinary business keep the majority of L3121-14 / L4132-13, and a commune's maire that of L2121-17.
A journal stored before this rule keeps replaying as recorded."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

import pytest

from seance_desk.models.candidacies import Candidacy
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BodyKind, ItemKind
from seance_desk.models.rules.quorum import check_quorum, majority_of, two_thirds_of
from seance_desk.models.rules.regime import regime_for
from seance_desk.models.session_setup import Reconvocation
from seance_desk.models.state import elections_region
from seance_desk.models.state.session_state import SessionState

from ..helpers import assert_refused, clock_for, make_setup
from .election_sessions import ON, council, election_agenda, election_engine

EXEC = ItemKind.ELECTION_EXECUTIVE
ARTICLES = {BodyKind.DEPARTEMENT: "art. L3122-1 CGCT", BodyKind.REGION: "art. L4133-1 CGCT"}
BODIES = list(ARTICLES)


@pytest.mark.parametrize("members", [15, 34, 35, 36, 209])
def test_two_thirds_is_rounded_up(members):
    needed = two_thirds_of(members)
    assert needed == math.ceil(2 * members / 3)
    assert 3 * needed >= 2 * members > 3 * (needed - 1)


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("members", [34, 35, 36])
def test_the_presidents_election_needs_two_thirds_present_at_the_boundary(body, members):
    needed = math.ceil(2 * members / 3)
    regime = regime_for(ON)
    short = check_quorum(body=body, regime=regime, in_office=members, present=needed - 1, item_kind=EXEC)
    just = check_quorum(body=body, regime=regime, in_office=members, present=needed, item_kind=EXEC)
    assert not short.value.met and just.value.met and short.value.required == just.value.required == needed
    assert short.article == just.article == ARTICLES[body]
    assert f"quorum des deux tiers des {members} membres en exercice" in just.explanation
    assert "de plein droit trois jours plus tard" in short.explanation
    # The ordinary business of the same council: the majority of its members.
    ordinary = check_quorum(body=body, regime=regime, in_office=members, present=needed - 1, item_kind=ItemKind.ORDINARY)
    assert ordinary.value.required == majority_of(members) and ordinary.value.met


@pytest.mark.parametrize("body", BODIES)
def test_proxies_do_not_make_the_two_thirds(body):
    members = 34
    needed = math.ceil(2 * members / 3)
    decision = check_quorum(body=body, regime=regime_for(ON), in_office=members, present=needed - 1, represented=5, item_kind=EXEC)
    assert not decision.value.met and decision.value.counted == needed - 1


@pytest.mark.parametrize("body", BODIES)
def test_through_the_engine_no_round_without_the_two_thirds(body):
    members = 34
    needed = math.ceil(2 * members / 3)
    engine, c = election_engine(EXEC, n=members, kind=body, population=500_000, present=needed - 1)
    engine.execute(c.open_item("i1"))  # the quorum is judged at the opening of the item, and said
    quorum = engine.state.items["i1"].quorum
    assert not quorum.value.met and quorum.value.required == needed and quorum.article == ARTICLES[body]
    engine.execute(c.declare_candidates("i1", [Candidacy(("m5",)), Candidacy(("m6",))]))
    votants = needed - 1
    assert_refused(
        engine, c.count_round("i1", votants=votants, blancs=0, nuls=0, votes={"m5": votants - 1, "m6": 1}),
        "le quorum n'était pas atteint", "deux tiers", article=ARTICLES[body][5:],
    )
    # One more member arrives: the item is put to discussion again, and the round counts.
    engine.execute(c.arrive(f"m{needed}"))
    engine.execute(c.open_item("i1"))
    assert engine.state.items["i1"].quorum.value.met
    engine.execute(c.count_round("i1", votants=needed, blancs=0, nuls=0, votes={"m5": needed - 1, "m6": 1}))
    assert engine.state.elections["i1"].rounds


@pytest.mark.parametrize("body", BODIES)
def test_the_commission_permanente_and_a_communes_maire_keep_the_majority(body):
    members = 34
    present = majority_of(members)
    engine, c = election_engine(ItemKind.ELECTION_BUREAU, n=members, kind=body, population=500_000, present=present)
    engine.execute(c.open_item("i1"))
    assert engine.state.items["i1"].quorum.value.met and engine.state.items["i1"].quorum.value.required == majority_of(members)
    engine, c = election_engine(EXEC, n=members, population=20_000, present=present)
    engine.execute(c.open_item("i1"))
    assert engine.state.items["i1"].quorum.value.met and "L2121-17" in engine.state.items["i1"].quorum.article


@pytest.mark.parametrize("body", BODIES)
def test_the_meeting_held_three_days_later_elects_without_quorum(body):
    members = 34
    failed = ON - timedelta(days=3)
    agenda = election_agenda(EXEC)
    setup = replace(make_setup(ON, agenda=agenda), reconvocation=Reconvocation(failed, ("i1",)))
    engine = SessionEngine(council(members, body, 500_000), setup, clock=clock_for(ON))
    c = Commands(engine)
    for i in range(1, 6):
        engine.execute(c.arrive(f"m{i}"))
    engine.execute(c.open_session())
    engine.execute(c.open_item("i1"))
    quorum = engine.state.items["i1"].quorum
    assert quorum.value.waived and quorum.value.met and "de plein droit trois jours" in quorum.explanation


def test_a_journal_stored_before_the_rule_keeps_replaying(monkeypatch: pytest.MonkeyPatch):
    members = 34
    present = majority_of(members)  # enough under the former rule, short of the two thirds
    with monkeypatch.context() as patch:  # the version before: the majority of the members
        patch.setattr(elections_region, "judging_stored_event", lambda state: True)
        engine, c = election_engine(EXEC, n=members, kind=BodyKind.DEPARTEMENT, population=500_000, present=present)
        engine.execute(c.open_item("i1"))
        engine.execute(c.declare_candidates("i1", [Candidacy(("m5",)), Candidacy(("m6",))]))
        engine.execute(c.count_round("i1", votants=present, blancs=0, nuls=0, votes={"m5": present - 1, "m6": 1}))
    state = SessionState.fold(engine.assembly, engine.setup, engine.events)
    assert len(state.elections["i1"].rounds) == 1
    assert not state.items["i1"].quorum.value.met  # the item's quorum still says what the law requires
    # Reopened, the session is judged by today's rule from its head on: no further round.
    reopened = SessionEngine(engine.assembly, engine.setup, engine.events, clock=engine.clock, genesis=engine.genesis)
    c = Commands(reopened)
    assert_refused(reopened, c.count_round("i1", votants=present, blancs=0, nuls=0, votes={"m5": present - 1, "m6": 1}), "deux tiers")
