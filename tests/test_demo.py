"""The demo session is legal by construction and contains every kind of event the issue lists."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from seance_desk.tools.demo import DemoError, build_demo
from seance_desk.models.enums import BallotMode, BodyKind, ItemStatus
from seance_desk.models.journal import verify_chain
from seance_desk.models.state.session_state import SessionState


@pytest.fixture(scope="module")
def demo():
    return build_demo(members=33, items=12, session_date=date(2026, 11, 20))


def test_demo_contains_every_kind_of_event(demo):
    types = Counter(event.type for event in demo.events)
    for expected in (
        "member.arrived", "member.left", "member.excused", "proxy.given", "proxy.lapsed",
        "member.recused", "item.opened", "item.postponed", "item.withdrawn", "ballot.requested", "huis_clos.voted",
        "floor.requested", "floor.granted", "floor.ended", "vote.opened", "vote.cast", "vote.counts", "vote.closed",
        "session.suspended", "session.resumed", "correction", "session.opened", "session.closed",
    ):
        assert types[expected] > 0, f"the demo has no {expected}"


def test_demo_grantor_arrival_makes_the_proxy_lapse(demo):
    lapsed = [p for p in demo.engine.state.roll.proxies.values() if not p.active]
    assert any("arrivée du mandant" in p.end_reason for p in lapsed)


def test_demo_has_a_tie_decided_by_the_casting_vote_and_a_secret_ballot(demo):
    state = demo.engine.state
    results = [item.vote.result for item in state.items.values() if item.vote and item.vote.result]
    tie = [r for r in results if r.value.casting_vote_used]
    assert tie and tie[0].value.tally.pour == tie[0].value.tally.contre
    assert "prépondérante" in tie[0].text
    modes = {item.vote.mode.value for item in state.items.values() if item.vote}
    assert {BallotMode.ORDINARY, BallotMode.PUBLIC, BallotMode.SECRET} <= modes


def test_demo_replays_to_the_same_state_and_its_chain_verifies(demo):
    again = SessionState.fold(demo.assembly, demo.setup, demo.events)
    live = demo.engine.state
    assert [(i.status, i.vote.result.text if i.vote and i.vote.result else None) for i in again.items.values()] == [
        (i.status, i.vote.result.text if i.vote and i.vote.result else None) for i in live.items.values()
    ]
    assert verify_chain(demo.engine.genesis, demo.events).ok


def test_remote_demo_postpones_the_item_whose_secret_ballot_request_is_adopted():
    demo = build_demo(members=40, items=8, kind=BodyKind.EPCI, remote=True, session_date=date(2026, 11, 20))
    item7 = demo.engine.state.items["pt7"]
    assert item7.status is ItemStatus.POSTPONED
    assert "ne pourra se tenir à distance" in item7.end_reason


def test_big_demo_has_the_requested_size():
    demo = build_demo(members=240, items=80, session_date=date(2026, 11, 20))
    assert len(demo.assembly.members) == 240 and len(demo.setup.agenda) == 80
    assert len(demo.events) > 15000


@pytest.mark.parametrize("members,items,message", [(4, 3, "entre 5 et 240"), (241, 3, "entre 5 et 240"), (10, 0, "nombre de points")])
def test_demo_refuses_impossible_sizes(members, items, message):
    with pytest.raises(DemoError, match=message):
        build_demo(members=members, items=items)


def test_remote_commune_demo_is_refused_after_2022():
    with pytest.raises(DemoError, match="conseil municipal ne peut pas"):
        build_demo(members=29, items=3, remote=True, session_date=date(2026, 1, 15))
