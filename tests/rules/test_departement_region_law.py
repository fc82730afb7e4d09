"""Départements and régions (issue 10, part 4): huis clos (LAW.md §10.6, art. L3121-11 / L4132-10) and
a nomination's secret ballot, which a public-ballot request by a sixth does not override (LAW.md §10.2,
§10.11, art. L3121-15 / L4132-14). Their reconvocation date is in test_reconvocation_law.py."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import BallotMode, BodyKind, ItemKind, VoteMethod
from seance_desk.models.rules.ballot_mode import request_outcome, resulting_mode
from seance_desk.models.rules.huis_clos import request_receivable, vote_outcome, votes_needed
from tests.helpers import assert_refused, engine_with, make_agenda

CD_CR = [(BodyKind.DEPARTEMENT, "art. L3121-11 CGCT"), (BodyKind.REGION, "art. L4132-10 CGCT")]


# ----------------------------------------------------------------------------------- huis clos
@pytest.mark.parametrize(("body", "article"), CD_CR)
def test_huis_clos_requested_by_five_members_or_the_president(body, article):
    four = request_receivable(body, 4, by_chair=False)
    assert not four.value and "il en faut 5 ou la demande du président" in four.explanation and four.article == article
    assert request_receivable(body, 5, by_chair=False).value
    by_chair = request_receivable(body, 0, by_chair=True)
    assert by_chair.value and "du président" in by_chair.explanation
    # LAW.md §10.11: the département's five members are [S2] now, no longer the default reading.
    assert not four.default_reading


@pytest.mark.parametrize(("body", "article"), CD_CR)
def test_huis_clos_absolute_majority_of_members_present_or_represented(body, article):
    # LAW.md §10.6: 150 present + 30 represented → 91.
    assert votes_needed(150, 30) == 91
    adopted = vote_outcome(body, 91, 150, 30)
    assert adopted.value and "majorité absolue des 180 membres présents ou représentés : 91" in adopted.explanation
    assert adopted.article == article
    refused = vote_outcome(body, 90, 150, 30)
    assert not refused.value and refused.explanation.startswith("Huis clos refusé")


def test_huis_clos_through_the_engine_in_a_departement():
    engine, c = engine_with(BodyKind.DEPARTEMENT, 42, population=600_000, present=30, open_session=True)
    assert_refused(engine, c.request_huis_clos([f"m{i}" for i in range(2, 6)]), "il en faut 5", article="L3121-11")
    engine.execute(c.request_huis_clos([f"m{i}" for i in range(2, 7)]))
    engine.execute(c.vote_huis_clos(15, 15))  # 15 of 30 present: not more than half
    assert not engine.state.huis_clos.active
    engine.execute(c.request_huis_clos(by_chair=True))
    engine.execute(c.vote_huis_clos(16, 14))
    assert engine.state.huis_clos.active


# ----------------------------------------------------------------------------------- nominations
@pytest.mark.parametrize("body", [BodyKind.DEPARTEMENT, BodyKind.REGION])
@pytest.mark.parametrize("kind", [ItemKind.NOMINATION, ItemKind.DESIGNATION_L2121_33, ItemKind.ELECTION_DELEGATES])
def test_a_sixths_public_request_does_not_lift_a_nominations_secret_ballot(body, kind):
    # 60 present: a sixth is 10, the request is receivable…
    assert request_outcome(body, BallotMode.PUBLIC, 10, 60).value
    # …and still the nomination is voted by secret ballot.
    mode = resulting_mode(body, kind, public_granted=True, secret_granted=False)
    assert mode.value is BallotMode.SECRET
    assert "ne l'écarte pas" in mode.explanation and "46449" in mode.explanation
    assert ("L3121-15" if body is BodyKind.DEPARTEMENT else "L4132-14") in mode.article
    # Only unanimity waives it: then the public request applies.
    waived = resulting_mode(body, kind, public_granted=True, secret_granted=False, secret_waived_unanimously=True)
    assert waived.value is BallotMode.PUBLIC


@pytest.mark.parametrize("body", [BodyKind.DEPARTEMENT, BodyKind.REGION])
def test_ordinary_business_the_public_request_still_prevails(body):
    mode = resulting_mode(body, ItemKind.ORDINARY, public_granted=True, secret_granted=True)
    assert mode.value is BallotMode.PUBLIC and "prévaut" in mode.explanation


def test_nomination_in_a_departement_through_the_engine():
    engine, c = engine_with(
        BodyKind.DEPARTEMENT, 42, population=600_000, present=36, open_session=True,
        agenda=make_agenda(ItemKind.NOMINATION, ItemKind.ORDINARY),
    )
    engine.execute(c.open_item("i1"))
    engine.execute(c.request_ballot("i1", BallotMode.PUBLIC, [f"m{i}" for i in range(2, 8)]))  # 6 of 36: a sixth
    item = engine.state.items["i1"]
    assert item.granted(BallotMode.PUBLIC)
    mode = engine.state.ballot_mode_for(item)
    assert mode.value is BallotMode.SECRET and "ne l'écarte pas" in mode.explanation
    assert_refused(engine, c.open_vote("i1", VoteMethod.SHOW_OF_HANDS), "bulletins secrets")
