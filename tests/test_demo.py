"""The demo session is legal by construction and contains every kind of event the issue lists."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from seance_desk.files.session_file import parse_session_file, session_file_bytes
from seance_desk.tools.demo import DemoError, build_demo
from seance_desk.tools.demo_texts import demo_act
from seance_desk.models.act_text import ActeNature, matiere_problem
from seance_desk.models.enums import BallotMode, BodyKind, ItemKind, ItemStatus
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
    grouped = [e for e in demo.events if e.type == "vote.ballots_cast"]
    assert grouped and all(len(e.payload["ballots"]) > 200 for e in grouped)  # « unanimité »: one event each
    heaviest = build_demo(members=240, items=80, session_date=date(2026, 11, 20), one_by_one=True)
    assert len(heaviest.events) > 15000 and not any(e.type == "vote.ballots_cast" for e in heaviest.events)
    ballots = sum(len(e.payload["ballots"]) for e in grouped)
    assert len(demo.events) - len(grouped) + ballots == len(heaviest.events)  # the same evening, the same votes


@pytest.mark.parametrize("members,items,message", [(4, 3, "entre 5 et 240"), (241, 3, "entre 5 et 240"), (10, 0, "nombre de points")])
def test_demo_refuses_impossible_sizes(members, items, message):
    with pytest.raises(DemoError, match=message):
        build_demo(members=members, items=items)


def test_remote_commune_demo_is_refused_after_2022():
    with pytest.raises(DemoError, match="conseil municipal ne peut pas"):
        build_demo(members=29, items=3, remote=True, session_date=date(2026, 1, 15))


def test_every_voted_item_has_a_realistic_projet_with_its_ctes_classification(demo):
    state = demo.engine.state
    voted = [item_id for item_id, item in state.items.items() if item.vote and item.vote.result]
    assert len(voted) >= 8
    for item in demo.setup.agenda:
        assert item.nature is not None and matiere_problem(item.matiere) is None, item.title
        if item.id not in voted:
            continue
        text = item.text
        assert text is not None and text.visas and text.considerants and text.articles and text.rapport, item.title
        assert all(visa.startswith("Vu ") for visa in text.visas)
        assert all(considerant.startswith("Considérant") for considerant in text.considerants)
        assert not any(article.startswith("Article") for article in text.articles)  # numbered on print


def test_demo_texts_are_varied_by_kind_of_act(demo):
    by_title = {item.title: item for item in demo.setup.agenda}
    compte = next(item for item in demo.setup.agenda if item.kind is ItemKind.COMPTE_ADMINISTRATIF)
    assert (compte.nature, compte.matiere) == (ActeNature.BUDGETAIRE, "7.1") and "L1612-12" in compte.text.visas[0]
    assert (by_title["Décision modificative n° 2 du budget principal"].nature, by_title["Décision modificative n° 2 du budget principal"].matiere) == (
        ActeNature.BUDGETAIRE, "7.1",
    )
    assert by_title["Tarifs de la restauration scolaire pour l'année 2027"].matiere == "7.10"
    assert by_title["Acquisition d'une parcelle pour l'extension du groupe scolaire"].matiere == "3.1"
    assert by_title["Modification du tableau des effectifs"].matiere == "4.1"
    assert by_title["Convention avec le département pour l'entretien des routes"].matiere == "1.4"
    # Titles of longer agendas.
    assert demo_act("Attribution de subventions aux associations sportives").matiere == "7.5"
    assert demo_act("Cession d'un bien immobilier communal").matiere == "3.2"
    assert demo_act("Plan local d'urbanisme : modification simplifiée n° 3").matiere == "2.1"
    assert demo_act("Sujet que rien ne classe").matiere == "9.1"
    designation = next(item for item in demo.setup.agenda if item.kind is ItemKind.NOMINATION)
    assert designation.matiere == "5.3" and "L2121-21" in designation.text.visas[0]
    assert len({item.text.articles for item in demo.setup.agenda}) >= 8


def test_a_demo_session_file_with_texts_reads_back_identical(demo):
    back = parse_session_file(session_file_bytes(demo.assembly, demo.setup, demo.events))
    assert back.setup == demo.setup
