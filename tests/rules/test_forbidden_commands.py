"""Commands the law forbids, issued through SessionEngine + Commands: each is refused with a clear
French message, and neither the journal nor the state moves (assert_refused checks both, and that
the state still equals a fresh fold of the journal)."""

from __future__ import annotations

from seance_desk.models.enums import BodyKind, ItemKind, ItemStatus, RecusalReason, SessionMode, VoteChoice, VoteMethod
from seance_desk.models.journal import verify_chain
from tests.helpers import assert_refused, engine_with, make_agenda

CA_AGENDA = make_agenda(ItemKind.ORDINARY, ItemKind.COMPTE_ADMINISTRATIF)


def test_vote_by_an_absent_member():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.cast("i1", "m12", VoteChoice.FOR), "Prénom12 NOM12 n'est pas présent : il ne peut pas voter", article="L2121-20")
    engine.execute(c.leave("m8"))
    assert_refused(engine, c.cast("i1", "m8", VoteChoice.FOR), "n'est pas présent")
    assert_refused(engine, c.cast("i1", "m99", VoteChoice.FOR), "Membre inconnu")


def test_vote_on_an_item_not_opened():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    assert_refused(engine, c.open_vote("i1", VoteMethod.SHOW_OF_HANDS), "le point n° 1 n'a pas été mis en discussion")
    assert_refused(engine, c.cast("i1", "m2", VoteChoice.FOR), "n'a pas été mis en discussion")
    assert_refused(engine, c.open_vote("i9", VoteMethod.SHOW_OF_HANDS), "Point inconnu de l'ordre du jour", "qui n'y est pas inscrite")
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.cast("i1", "m2", VoteChoice.FOR), "le vote sur le point n° 1 n'est pas ouvert")


def test_vote_on_an_item_opened_without_quorum():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=7, open_session=True)
    engine.execute(c.open_item("i1"))
    assert not engine.state.items["i1"].quorum.value.met
    assert_refused(
        engine,
        c.open_vote("i1", VoteMethod.SHOW_OF_HANDS),
        "Vote impossible sur le point n° 1 : le quorum n'était pas atteint lors de sa mise en discussion",
        "7 présents < 8 requis",
        article="L2121-17",
    )
    # Latecomers do not cure the item: it must be put to discussion again once the quorum is there.
    engine.execute(c.arrive("m8"))
    assert_refused(engine, c.open_vote("i1", VoteMethod.SHOW_OF_HANDS), "quorum n'était pas atteint")
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))


def test_no_item_opened_while_another_is_under_discussion():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.open_item("i2"), "Le point n° 1 est encore en discussion")


def test_nothing_before_opening_nor_during_suspension():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8)
    assert_refused(engine, c.open_item("i1"), "la séance n'est pas encore ouverte")
    engine.execute(c.open_session())
    engine.execute(c.suspend())
    assert_refused(engine, c.open_item("i1"), "la séance est suspendue")
    engine.execute(c.resume())
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.suspend(), "le vote sur le point n° 1 est en cours")


def test_recused_holder_voting_as_mandataire():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.give_proxy("m14", "m4"))
    engine.execute(c.recuse("m4", "i1", RecusalReason.INTEREST))
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.ROLL_CALL))
    assert_refused(engine, c.cast("i1", "m4", VoteChoice.AGAINST, on_behalf_of="m14"),
                   "intéressé à l'affaire", "ni comme mandataire", article="L2131-11")


def test_proxy_lapses_when_its_grantor_arrives():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.give_proxy("m14", "m4"))
    engine.execute(c.arrive("m14"))
    assert engine.state.roll.active_proxy_from("m14") is None
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.ROLL_CALL))
    assert_refused(engine, c.cast("i1", "m4", VoteChoice.FOR, on_behalf_of="m14"), "ne détient pas de pouvoir actif")


def test_second_proxy_in_ordinary_law_and_third_in_covid():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.give_proxy("m14", "m4"))
    assert_refused(engine, c.give_proxy("m15", "m4"), "un seul pouvoir", article="L2121-20")
    from tests.helpers import COVID_DATE
    engine2, c2 = engine_with(BodyKind.COMMUNE, 15, on=COVID_DATE, present=9, open_session=True)
    engine2.execute(c2.give_proxy("m13", "m4"))
    engine2.execute(c2.give_proxy("m14", "m4"))
    assert_refused(engine2, c2.give_proxy("m15", "m4"), "deux pouvoirs")


# ------------------------------------------------------------------ compte administratif (L2121-14)
def test_compte_administratif_executive_must_withdraw():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=10, open_session=True, agenda=CA_AGENDA)
    # Raw intent, without the command that records the withdrawal: refused.
    assert_refused(engine, [("item.opened", {"item_id": "i2"})], "doit se retirer pour le vote du compte administratif", article="L2121-14")


def test_compte_administratif_needs_the_councils_own_chair():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=10, open_session=True, agenda=CA_AGENDA)
    exc = assert_refused(engine, c.open_item("i2"), "le conseil élit son président de séance", article="L2121-14")
    # The command was three events (withdrawal, …, opening): none of them stayed.
    assert engine.state.items["i2"].recusals == {}
    assert_refused(engine, c.open_item("i2", item_chair_id="m1"), "ne peut présider la séance pendant le vote du compte administratif", article="L2121-14")
    assert exc.message


def test_compte_administratif_all_or_nothing_when_another_item_is_open():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=10, open_session=True, agenda=CA_AGENDA)
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.open_item("i2", item_chair_id="m2"), "Le point n° 1 est encore en discussion")
    assert engine.state.items["i2"].recusals == {} and engine.state.items["i2"].chair_id is None


def test_compte_administratif_executive_cannot_vote_in_person_nor_by_proxy():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=10, open_session=True, agenda=CA_AGENDA)
    engine.execute(c.give_proxy("m12", "m1"))  # the maire holds m12's proxy
    engine.execute(c.open_item("i2", item_chair_id="m2"))
    item = engine.state.items["i2"]
    assert item.recusals == {"m1": RecusalReason.COMPTE_ADMINISTRATIF} and item.chair_id == "m2"
    q = item.quorum.value
    assert q.present == 9 and q.met  # the maire is not counted present for this item
    engine.execute(c.open_vote("i2", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.cast("i2", "m1", VoteChoice.FOR), "compte administratif", article="L2121-14")
    assert_refused(engine, c.cast("i2", "m1", VoteChoice.FOR, on_behalf_of="m12"), "ni comme mandataire", article="L2121-14")
    # 5 pour, 4 contre among the nine others: the account is adopted; m12's vote is lost with the maire.
    engine.execute(c.unanimity("i2", {f"m{i}": VoteChoice.AGAINST for i in (7, 8, 9, 10)}))
    engine.execute(c.close_vote("i2"))
    result = engine.state.items["i2"].vote.result
    assert result.value.adopted and (result.value.tally.pour, result.value.tally.contre) == (5, 4)
    assert result.article == "art. L1612-12 CGCT"


def test_compte_administratif_executive_cannot_give_a_proxy_for_the_vote():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=10, open_session=True, agenda=CA_AGENDA)
    engine.execute(c.open_item("i2", item_chair_id="m2"))
    engine.execute(c.leave("m1", proxy_to="m3"))
    engine.execute(c.open_vote("i2", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.cast("i2", "m3", VoteChoice.FOR, on_behalf_of="m1"), "compte administratif", article="L2121-14")
    assert ("m3", "m1") not in engine.state.eligible_voters(engine.state.items["i2"])


def test_compte_administratif_tie_adopts_without_casting_vote():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True, agenda=CA_AGENDA)
    engine.execute(c.open_item("i2", item_chair_id="m2"))
    engine.execute(c.open_vote("i2", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i2", {"m2": VoteChoice.AGAINST, "m3": VoteChoice.AGAINST, "m4": VoteChoice.AGAINST, "m5": VoteChoice.AGAINST}))
    engine.execute(c.close_vote("i2"))
    result = engine.state.items["i2"].vote.result
    assert result.value.adopted and not result.value.casting_vote_used and "partage" in result.explanation


# ------------------------------------------------------------------ remote sessions
def test_remote_attendance_in_an_in_person_session():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8)
    from seance_desk.models.enums import Attendance
    assert_refused(engine, c.arrive("m10", Attendance.REMOTE), "ne peut pas être compté présent à distance", article="L2121-17")


def test_secret_request_in_remote_epci_session_postpones_and_nothing_else():
    from seance_desk.models.enums import Attendance, BallotMode
    engine, c = engine_with(BodyKind.EPCI, 15, population=40_000, mode=SessionMode.MULTI_SITE, present=6, open_session=True)
    for i in range(7, 10):
        engine.execute(c.arrive(f"m{i}", Attendance.REMOTE))
    engine.execute(c.open_item("i1"))
    engine.execute(c.request_ballot("i1", BallotMode.SECRET, ["m2", "m7", "m8"]))  # 3 of 9 present: a third
    assert engine.state.items["i1"].status is ItemStatus.POSTPONED
    assert engine.events[-1].type == "item.postponed"
    assert_refused(engine, c.open_item("i1"), "reporté")
    assert verify_chain(engine.genesis, engine.events).ok


def test_ballot_request_refused_leaves_no_follow_up():
    from seance_desk.models.enums import BallotMode
    engine, c = engine_with(BodyKind.EPCI, 15, population=40_000, mode=SessionMode.MULTI_SITE, present=9, open_session=True)
    assert_refused(engine, c.request_ballot("i1", BallotMode.SECRET, ["m2", "m3", "m4"]), "n'est pas en discussion")


# ------------------------------------------------------------------ the engine's all-or-nothing
def test_failed_persist_rolls_everything_back():
    from tests.helpers import summarize
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True, agenda=CA_AGENDA)
    before_events, before = list(engine.events), summarize(engine.state)

    def persist(events):
        raise OSError("disque plein")

    import pytest
    with pytest.raises(OSError):
        engine.execute(c.open_item("i2", item_chair_id="m2"), persist=persist)
    assert engine.events == before_events and summarize(engine.state) == before


def test_refused_probe_changes_nothing():
    from tests.helpers import summarize
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=7, open_session=True)
    engine.execute(c.open_item("i1"))
    before_events, before = list(engine.events), summarize(engine.state)
    exc = engine.refused(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert exc is not None and "quorum" in exc.message
    assert engine.refused(c.arrive("m8")) is None
    assert engine.events == before_events and summarize(engine.state) == before
