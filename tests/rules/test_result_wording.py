"""One way of saying a vote's result (models/wording.py): the verdict, unanimity, the casting vote,
the compte administratif's « arrêté », the figures."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import BallotMode, BodyKind, ItemKind, VoteChoice
from seance_desk.models.rules.majority import Tally, decide_vote
from seance_desk.models.wording import figures, headline, result_sentence, result_summary, unanimity, verdict


def decided(pour, contre, abstention=0, nppv=0, blancs_nuls=0, *, kind=ItemKind.ORDINARY, ballot=BallotMode.ORDINARY, chair=None):
    return decide_vote(Tally(pour, contre, abstention, nppv, blancs_nuls), body=BodyKind.COMMUNE, item_kind=kind, ballot=ballot, chair_choice=chair)


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (decided(12, 0), "Adopté à l'unanimité"),
        (decided(10, 0, 2), "Adopté à l'unanimité des suffrages exprimés"),
        (decided(10, 0, 0, blancs_nuls=1, ballot=BallotMode.SECRET), "Adopté à l'unanimité des suffrages exprimés"),
        (decided(8, 4), "Adopté"),
        (decided(3, 9), "Rejeté"),
        (decided(0, 0, 5), "Rejeté"),
        (decided(5, 5, chair=VoteChoice.FOR), "Adopté à la voix prépondérante du président"),
        (decided(5, 5, chair=VoteChoice.AGAINST), "Rejeté à la voix prépondérante du président"),
        (decided(5, 5, ballot=BallotMode.SECRET), "Rejeté"),
        (decided(9, 0, kind=ItemKind.COMPTE_ADMINISTRATIF), "Compte arrêté"),
        (decided(4, 4, kind=ItemKind.COMPTE_ADMINISTRATIF), "Compte arrêté"),
        (decided(3, 6, kind=ItemKind.COMPTE_ADMINISTRATIF), "Compte non arrêté"),
    ],
)
def test_the_headline(result, expected):
    assert headline(result.value, _kind_of(result)) == expected


def _kind_of(result):
    # The compte administratif's decision rests on L1612-12; every other on the majority article.
    return ItemKind.COMPTE_ADMINISTRATIF if "L1612-12" in result.article else ItemKind.ORDINARY


def test_verdict_agrees_with_la_deliberation_and_says_arrete_for_the_account():
    assert verdict(decided(8, 4).value, ItemKind.ORDINARY) == "adopté"
    assert verdict(decided(8, 4).value, ItemKind.ORDINARY, feminine=True) == "adoptée"
    assert verdict(decided(2, 4).value, ItemKind.ORDINARY, feminine=True) == "rejetée"
    assert verdict(decided(3, 6, kind=ItemKind.COMPTE_ADMINISTRATIF).value, ItemKind.COMPTE_ADMINISTRATIF) == "non arrêté"


def test_no_unanimity_with_a_vote_against_nor_for_the_account():
    assert unanimity(decided(11, 1).value, ItemKind.ORDINARY) == ""
    assert unanimity(decided(9, 0, kind=ItemKind.COMPTE_ADMINISTRATIF).value, ItemKind.COMPTE_ADMINISTRATIF) == ""
    assert unanimity(decided(9, 0).value, ItemKind.ORDINARY) == "à l'unanimité"


def test_figures_in_full_and_abbreviated():
    tally = Tally(25, 3, 2, 2, 1)
    assert figures(tally) == "25 pour, 3 contre, 2 abstentions, 1 blanc ou nul, 2 ne prenant pas part au vote"
    assert figures(tally, abbreviated=True) == "25 pour, 3 contre, 2 abst., 1 blanc ou nul, 2 NPPV"
    assert figures(Tally(9, 0, 1, 0, 2)) == "9 pour, 0 contre, 1 abstention, 2 blancs ou nuls"
    assert figures(Tally(9, 0, 0)) == "9 pour, 0 contre, 0 abstention"


def test_the_summary_and_the_record_sentence():
    tie = decided(5, 5, 1, chair=VoteChoice.FOR)
    assert result_summary(tie, ItemKind.ORDINARY) == "Adopté (voix prépondérante du président) — 5 pour, 5 contre, 1 abstention"
    account = decided(3, 6, kind=ItemKind.COMPTE_ADMINISTRATIF)
    assert result_summary(account, ItemKind.COMPTE_ADMINISTRATIF, abbreviated=True) == "Non arrêté — 3 pour, 6 contre, 0 abst."
    unanimous = decided(12, 0)
    sentence = result_sentence(unanimous, ItemKind.ORDINARY)
    assert sentence.startswith("Adopté à l'unanimité — Adopté : ") and sentence.endswith("art. L2121-20 CGCT")
    assert sentence == f"Adopté à l'unanimité — {unanimous.text}"


def test_the_state_result_reads_the_same():
    from seance_desk.models.enums import VoteMethod
    from tests.helpers import engine_with

    engine, c = engine_with(present=9, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1", exceptions={"m9": VoteChoice.ABSTAIN}))
    engine.execute(c.close_vote("i1"))
    result = engine.state.result_of("i1")
    assert headline(result.value, ItemKind.ORDINARY) == "Adopté à l'unanimité des suffrages exprimés"
    assert result_summary(result, ItemKind.ORDINARY) == "Adopté — 8 pour, 0 contre, 1 abstention"
