"""Majority (LAW.md §4.1): pour > contre, ties, 0–0, secret ballot, the chair's casting vote, the
compte administratif."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import BallotMode, BodyKind, ItemKind, VoteChoice, VoteMethod
from seance_desk.models.rules.majority import Tally, decide_vote, majority_article
from tests.helpers import assert_refused, engine_with


def decide(pour, contre, abst=0, *, body=BodyKind.COMMUNE, kind=ItemKind.ORDINARY, ballot=BallotMode.ORDINARY, chair=None, nppv=0, blancs=0):
    return decide_vote(Tally(pour, contre, abst, nppv, blancs), body=body, item_kind=kind, ballot=ballot, chair_choice=chair)


def test_tally_exprimes_excludes_abstention_blank_and_nppv():
    t = Tally(5, 3, 4, 2, 1)
    assert t.exprimes == 8 and t.votants == 13
    assert t.to_dict()["exprimes"] == 8


@pytest.mark.parametrize(("pour", "contre", "adopted"), [(1, 0, True), (8, 7, True), (7, 8, False), (0, 1, False), (10, 9, True)])
def test_majority_of_suffrages_exprimes(pour, contre, adopted):
    d = decide(pour, contre, 5)
    assert d.value.adopted is adopted and not d.value.casting_vote_used
    assert d.article == "art. L2121-20 CGCT" and not d.default_reading
    assert d.explanation.startswith("Adopté" if adopted else "Rejeté")
    exprimes = pour + contre
    assert f"{pour} pour, {contre} contre, 5 abstentions" in d.explanation
    assert f"{exprimes} suffrage" in d.explanation and f"majorité absolue : {exprimes // 2 + 1}" in d.explanation


def test_abstentions_do_not_block_adoption():
    d = decide(1, 0, 20)
    assert d.value.adopted


def test_nothing_expressed_is_rejected():
    d = decide(0, 0, 6, nppv=2)
    assert not d.value.adopted
    assert "aucun suffrage exprimé" in d.explanation and "2 ne prenant pas part au vote" in d.explanation


@pytest.mark.parametrize("body", [BodyKind.COMMUNE, BodyKind.EPCI, BodyKind.DEPARTEMENT])
def test_secret_ballot_tie_is_rejected_even_with_the_chair_for(body):
    d = decide(6, 6, ballot=BallotMode.SECRET, chair=VoteChoice.FOR, body=body, blancs=1)
    assert not d.value.adopted and not d.value.casting_vote_used
    assert "partage égal" in d.explanation and "n'est pas prépondérante" in d.explanation
    assert "1 blanc ou nul" in d.explanation


@pytest.mark.parametrize(("chair", "adopted"), [(VoteChoice.FOR, True), (VoteChoice.AGAINST, False)])
@pytest.mark.parametrize("ballot", [BallotMode.ORDINARY, BallotMode.PUBLIC])
def test_casting_vote_of_the_chair(chair, adopted, ballot):
    d = decide(4, 4, 1, ballot=ballot, chair=chair)
    assert d.value.adopted is adopted and d.value.casting_vote_used
    assert f"qui a voté {chair.label}, est prépondérante" in d.explanation
    assert "L2121-20" in d.article and not d.default_reading


@pytest.mark.parametrize("chair", [None, VoteChoice.ABSTAIN, VoteChoice.NPPV])
def test_tie_without_chair_pour_or_contre_is_rejected_as_default_reading(chair):
    d = decide(4, 4, ballot=BallotMode.PUBLIC, chair=chair)
    assert not d.value.adopted and not d.value.casting_vote_used
    assert "pas de voix prépondérante" in d.explanation
    assert d.default_reading  # LAW.md §4.1 marks this case [M/medium]
    assert "lecture par défaut" in d.text


@pytest.mark.parametrize(
    ("pour", "contre", "adopted", "fragment"),
    [
        (5, 5, True, "en cas de partage, le compte est arrêté"),
        (0, 0, True, "en cas de partage"),
        (6, 5, True, "aucune majorité ne s'est dégagée contre"),
        (5, 6, False, "une majorité s'est dégagée contre"),
        (2, 3, False, "Compte non arrêté"),
    ],
)
def test_compte_administratif(pour, contre, adopted, fragment):
    d = decide(pour, contre, 4, kind=ItemKind.COMPTE_ADMINISTRATIF, chair=VoteChoice.AGAINST)
    assert d.value.adopted is adopted
    assert not d.value.casting_vote_used  # no casting vote: a tie adopts the account whatever the chair voted
    assert fragment in d.explanation and d.article == "art. L1612-12 CGCT"


def test_majority_articles_per_body():
    assert majority_article(BodyKind.DEPARTEMENT) == ("art. L3121-15 CGCT", False)
    article, default = majority_article(BodyKind.REGION)
    assert "L4132-14" in article and default  # LAW.md names no regional article: default reading
    assert "L5211-1" in majority_article(BodyKind.EPCI)[0]
    assert decide(3, 2, body=BodyKind.REGION).default_reading


# ----------------------------------------------------------------------- through the engine
def _vote(engine, c, item, choices, method=VoteMethod.SHOW_OF_HANDS):
    engine.execute(c.open_vote(item, method))
    for whose, choice in choices.items():
        voter = whose
        proxy = engine.state.roll.active_proxy_from(whose)
        if proxy is not None and not engine.state.roll.is_seated(whose):
            voter = proxy.holder_id
        engine.execute(c.cast(item, voter, choice, on_behalf_of=whose))
    engine.execute(c.close_vote(item))
    return engine.state.items[item].vote.result


def test_casting_vote_is_the_chairs_own_vote_not_one_by_proxy():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.give_proxy("m9", "m1"))  # the chair m1 holds m9's proxy
    engine.execute(c.open_item("i1"))
    # m1 abstains himself but votes pour for m9: 4–4, the chair did not vote pour/contre himself.
    result = _vote(engine, c, "i1", {"m1": VoteChoice.ABSTAIN, "m9": VoteChoice.FOR, "m2": VoteChoice.FOR, "m3": VoteChoice.FOR,
                                       "m4": VoteChoice.FOR, "m5": VoteChoice.AGAINST, "m6": VoteChoice.AGAINST,
                                       "m7": VoteChoice.AGAINST, "m8": VoteChoice.AGAINST})
    assert not result.value.adopted and not result.value.casting_vote_used
    assert result.value.tally.pour == 4 and result.value.tally.contre == 4


def test_casting_vote_through_the_engine():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.open_item("i1"))
    result = _vote(engine, c, "i1", {"m1": VoteChoice.FOR, "m2": VoteChoice.FOR, "m3": VoteChoice.FOR, "m4": VoteChoice.FOR,
                                       "m5": VoteChoice.AGAINST, "m6": VoteChoice.AGAINST, "m7": VoteChoice.AGAINST, "m8": VoteChoice.AGAINST})
    assert result.value.adopted and result.value.casting_vote_used


def test_departed_member_counts_as_abstaining():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.leave("m9"))  # present at the opening of the item, gone before the vote, no proxy
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1"))
    engine.execute(c.close_vote("i1"))
    vote = engine.state.items["i1"].vote
    assert vote.departed_abstainers == ("m9",)
    assert vote.result.value.tally.abstention == 1 and vote.result.value.tally.pour == 8


def test_secret_ballot_tie_through_counts():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=12, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.request_ballot("i1", BallotMode.SECRET, ["m2", "m3", "m4", "m5"]))
    engine.execute(c.open_vote("i1", VoteMethod.BALLOT_PAPER))
    assert_refused(engine, c.cast("i1", "m2", VoteChoice.FOR), "Scrutin secret", "décompte")
    assert_refused(engine, c.counts("i1", 6, 6, chair_choice=VoteChoice.FOR), "vote du président n'est pas connu")
    assert_refused(engine, c.counts("i1", 7, 6), "13 voix pour 12 votants possibles")
    engine.execute(c.counts("i1", 6, 6))
    engine.execute(c.close_vote("i1"))
    result = engine.state.items["i1"].vote.result
    assert not result.value.adopted and "n'est pas prépondérante" in result.explanation


def test_public_ballot_refuses_anonymous_counts():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=12, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.request_ballot("i1", BallotMode.PUBLIC, ["m2", "m3", "m4"]))
    assert_refused(engine, c.open_vote("i1", VoteMethod.BALLOT_PAPER), "pas de bulletins anonymes")
    engine.execute(c.open_vote("i1", VoteMethod.ROLL_CALL))
    assert_refused(engine, c.counts("i1", 6, 6), "Scrutin public", "nom des votants")


def test_close_vote_without_any_vote_refused():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=12, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.close_vote("i1"), "Aucun vote n'a été saisi")
