"""A délibération that fixed the number of adjoints, later corrected into a rejection before the PV
is arrêté (issue 10's loose ends, point 2): before the election the number is voided (the council
must fix it again); once the election used it, the correction is refused and says what to do."""

from __future__ import annotations

from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import BodyKind, ItemKind, VoteChoice, VoteMethod
from seance_desk.models.state import checks
from seance_desk.ui.panels.vote.election_seats import seats_target

from ..helpers import assert_refused, refold, summarize
from .election_sessions import election_engine

BUREAU = ItemKind.ELECTION_BUREAU
REASON = "vote mal saisi : l'élu avait levé la main contre"


def narrowly_adopted(against: int = 7, n: int = 15, kind: BodyKind = BodyKind.COMMUNE, name: str = "Commune de Test", number: int = 4):
    """Item 1 fixes the number of seats of item 2, adopted by n - against voix pour."""
    engine, c = election_engine(ItemKind.ORDINARY, BUREAU, n=n, kind=kind, name=name)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1", {f"m{i}": VoteChoice.AGAINST for i in range(n - against + 1, n + 1)}))
    engine.execute(c.close_vote("i1"))
    engine.execute(c.fix_number_of_seats("i1", "i2", number))
    assert engine.state.elections["i2"].number_fixed_by == "i1"
    return engine, c


def test_before_the_election_a_rejection_voids_the_number():
    engine, c = narrowly_adopted()
    engine.execute(c.correct_ballot("i1", "m2", REASON, choice=VoteChoice.AGAINST))
    state = engine.state
    assert not state.result_of("i1").value.adopted  # 7 pour, 8 contre
    election = state.elections["i2"]
    assert election.number_fixed_by is None and election.seats is None
    assert seats_target(state, state.items["i1"]) is None  # the rejected délibération no longer offers to fix it
    assert checks.seats_fixing_refusal(state, item_id="i1", election_item_id="i2", number=4) is not None
    assert summarize(refold(engine)) == summarize(state)
    assert refold(engine).elections["i2"].number_fixed_by is None


def test_a_correction_that_keeps_it_adopted_keeps_the_number():
    engine, c = narrowly_adopted(against=5)
    engine.execute(c.correct_ballot("i1", "m2", REASON, choice=VoteChoice.AGAINST))  # 9 pour, 6 contre
    election = engine.state.elections["i2"]
    assert election.number_fixed_by == "i1" and election.seats == 4


def test_undoing_the_correction_restores_the_number():
    engine, c = narrowly_adopted()
    engine.execute(c.correct_ballot("i1", "m2", REASON, choice=VoteChoice.AGAINST))
    engine.execute(c.correct(len(engine.events)))
    election = engine.state.elections["i2"]
    assert election.number_fixed_by == "i1" and election.seats == 4


def test_once_the_election_used_the_number_the_correction_is_refused():
    engine, c = narrowly_adopted()
    engine.execute(c.open_item("i2"))
    list_a = Candidacy(("m2", "m3", "m4", "m5"), "Liste A")
    list_b = Candidacy(("m7", "m6", "m9", "m8"), "Liste B")
    engine.execute(c.declare_candidates("i2", [list_a, list_b]))
    engine.execute(c.count_round("i2", votants=15, blancs=1, nuls=0, votes={"Liste A": 8, "Liste B": 6}))
    refusal = checks.ballot_correction_refusal(engine.state, item_id="i1", member_id="m2", choice=VoteChoice.AGAINST)
    assert refusal is not None and "le nombre qu'elle a fixé ne tiendrait plus" in refusal.message
    assert_refused(
        engine, c.correct_ballot("i1", "m2", REASON, choice=VoteChoice.AGAINST),
        "Correction du vote impossible", "a fixé à 4 le nombre d'adjoints", "des tours de scrutin ont été dépouillés",
        "serait rejetée", "Annulez d'abord les tours", article="art. L2122-2 CGCT",
    )
    engine.execute(c.proclaim("i2"))
    assert_refused(engine, c.correct_ballot("i1", "m3", REASON, choice=VoteChoice.AGAINST), "des élus ont été proclamés")
    # A correction that leaves it adopted is still possible: 7 pour, 7 contre, the maire's casting vote.
    engine.execute(c.correct_ballot("i1", "m3", REASON, choice=VoteChoice.ABSTAIN))
    assert engine.state.result_of("i1").value.adopted and engine.state.elections["i2"].number_fixed_by == "i1"


def test_after_undoing_the_election_the_correction_goes_through():
    engine, c = narrowly_adopted()
    engine.execute(c.open_item("i2"))
    engine.execute(c.declare_candidates("i2", [Candidacy(("m2", "m3", "m4", "m5"), "Liste A"), Candidacy(("m7", "m6", "m9", "m8"), "Liste B")]))
    engine.execute(c.count_round("i2", votants=15, blancs=1, nuls=0, votes={"Liste A": 8, "Liste B": 6}))
    engine.execute(c.correct(len(engine.events)))  # « Annuler » the round
    engine.execute(c.correct_ballot("i1", "m2", REASON, choice=VoteChoice.AGAINST))
    assert engine.state.elections["i2"].number_fixed_by is None


def test_epci_a_number_that_needed_two_thirds_falls_with_them():
    """33 seats: 7 vice-présidents at most, 9 with a two-thirds vote (L5211-10). Adopted 22 to 11,
    the délibération fixed 9; corrected to 21 to 12 it is still adopted but without the two thirds."""
    engine, c = narrowly_adopted(against=11, n=33, kind=BodyKind.EPCI, name="Communauté de communes", number=9)
    assert engine.state.elections["i2"].two_thirds
    engine.execute(c.correct_ballot("i1", "m2", REASON, choice=VoteChoice.AGAINST))
    assert engine.state.result_of("i1").value.adopted
    election = engine.state.elections["i2"]
    assert election.number_fixed_by is None and not election.two_thirds


def test_epci_once_vice_presidents_are_elected_on_it_the_correction_is_refused():
    engine, c = narrowly_adopted(against=11, n=33, kind=BodyKind.EPCI, name="Communauté de communes", number=9)
    engine.execute(c.open_item("i2"))
    engine.execute(c.declare_candidates("i2", [Candidacy(("m2",)), Candidacy(("m3",))]))
    engine.execute(c.count_round("i2", votants=33, blancs=0, nuls=0, votes={"m2": 20, "m3": 13}))
    assert_refused(engine, c.correct_ballot("i1", "m2", REASON, choice=VoteChoice.AGAINST),
                   "nombre de vice-présidents", "sans la majorité des deux tiers", article="art. L5211-10 CGCT")
