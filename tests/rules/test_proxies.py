"""Proxies (LAW.md §3): one per holder in ordinary law, two in the Covid windows, three sessions
unless illness, one meeting for départements and régions; and what the session does with them."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.enums import BodyKind, VoteChoice, VoteMethod
from seance_desk.models.rules.proxies import holder_may_accept, max_proxies_per_holder, validity_ok
from seance_desk.models.rules.regime import ALL_REGIMES, COVID_2020_2021, COVID_2021_2022, ORDINARY
from tests.helpers import COVID_DATE, assert_refused, engine_with, refold


@pytest.mark.parametrize("body", list(BodyKind))
def test_one_proxy_per_holder_in_ordinary_law(body):
    limit = max_proxies_per_holder(body, ORDINARY)
    assert limit.value == 1 and "un seul pouvoir" in limit.explanation
    assert holder_may_accept(body, ORDINARY, 0).value
    refused = holder_may_accept(body, ORDINARY, 1)
    assert not refused.value and "il en porte déjà 1" in refused.explanation
    expected = {BodyKind.COMMUNE: "L2121-20", BodyKind.EPCI: "L5211-1", BodyKind.SYNDICAT_MIXTE: "L5711-1",
                BodyKind.DEPARTEMENT: "L3121-16", BodyKind.REGION: "L4132-15"}[body]
    assert expected in refused.article


@pytest.mark.parametrize("regime", [r for r in ALL_REGIMES if r.is_covid], ids=lambda r: r.code)
def test_two_proxies_per_holder_in_covid_windows(regime):
    limit = max_proxies_per_holder(BodyKind.COMMUNE, regime)
    assert limit.value == 2 and "deux pouvoirs" in limit.explanation and limit.article == regime.basis
    assert holder_may_accept(BodyKind.COMMUNE, regime, 1).value
    third = holder_may_accept(BodyKind.COMMUNE, regime, 2)
    assert not third.value and "il en porte déjà 2" in third.explanation


@pytest.mark.parametrize("body", [BodyKind.COMMUNE, BodyKind.EPCI, BodyKind.SYNDICAT_MIXTE])
def test_three_consecutive_sessions_unless_illness(body):
    for n in (1, 2, 3):
        assert validity_ok(body, ORDINARY, n, False).value
    fourth = validity_ok(body, ORDINARY, 4, False)
    assert not fourth.value
    # One meaning of the count: « couvre N séances » (it was also read as « its Nth session »).
    assert "trois séances consécutives" in fourth.explanation and "celui-ci en couvre 4" in fourth.explanation
    assert "L2121-20" in fourth.article
    ill = validity_ok(body, ORDINARY, 7, True)
    assert ill.value and "maladie dûment constatée" in ill.explanation


@pytest.mark.parametrize("body", [BodyKind.COMMUNE, BodyKind.EPCI])
def test_rank_counted_from_the_stored_sessions(body):
    """A written proxy « jusqu'à nouvel ordre » covers 3 sessions: the 3rd OK, the 4th refused, the 4th
    OK with illness certified; a rank beyond what the proxy covers is refused too."""
    assert validity_ok(body, ORDINARY, 3, False, session_rank=3).value
    fourth = validity_ok(body, ORDINARY, 3, False, session_rank=4)
    assert not fourth.value and "cette séance serait la 4e qu'il couvre" in fourth.explanation and "L2121-20" in fourth.article
    second_of_one = validity_ok(body, ORDINARY, 1, False, session_rank=2)
    assert not second_of_one.value and "couvre 1 séance : il ne vaut pas pour une 2e" in second_of_one.explanation
    assert not validity_ok(body, ORDINARY, 4, False, session_rank=4).value
    assert validity_ok(body, ORDINARY, 4, True, session_rank=4).value
    assert not validity_ok(body, ORDINARY, 2, False, session_rank=0).value


def test_written_proxy_rank_in_the_journal_and_replay():
    engine, c = engine_with(n=15)
    assert_refused(engine, c.give_proxy("m9", "m2", consecutive_sessions=3, written_proxy_id="WP1", session_rank=4), "4e", article="L2121-20")
    engine.execute(c.give_proxy("m9", "m2", consecutive_sessions=3, written_proxy_id="WP1", session_rank=3))
    proxy = engine.state.roll.active_proxy_from("m9")
    assert (proxy.session_rank, proxy.written_proxy_id, proxy.consecutive_sessions) == (3, "WP1", 3)
    assert refold(engine).roll.active_proxy_from("m9").session_rank == 3


@pytest.mark.parametrize(("body", "article"), [(BodyKind.DEPARTEMENT, "L3121-16"), (BodyKind.REGION, "L4132-15")])
def test_departement_region_delegation_for_one_meeting_only(body, article):
    assert validity_ok(body, ORDINARY, 1, False).value
    two = validity_ok(body, ORDINARY, 2, False)
    assert not two.value and "une seule réunion" in two.explanation and article in two.article
    # Illness does not extend a CD/CR delegation beyond the meeting.
    assert not validity_ok(body, ORDINARY, 2, True).value


# ----------------------------------------------------------------------- through the engine
def test_second_proxy_refused_in_ordinary_law():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.give_proxy("m9", "m2"))
    assert_refused(engine, c.give_proxy("m10", "m2"), "Prénom2 NOM2 ne peut pas recevoir ce pouvoir",
                   "un seul pouvoir", "il en porte déjà 1", article="L2121-20")
    engine.execute(c.give_proxy("m10", "m3"))  # another holder is fine
    assert engine.state.roll.held_count("m3") == 1


def test_third_proxy_refused_in_a_covid_window():
    engine, c = engine_with(BodyKind.COMMUNE, 15, on=COVID_DATE, present=5, open_session=True)
    engine.execute(c.give_proxy("m9", "m2"))
    engine.execute(c.give_proxy("m10", "m2"))
    assert engine.state.roll.held_count("m2") == 2
    assert_refused(engine, c.give_proxy("m11", "m2"), "deux pouvoirs", "il en porte déjà 2", article="2020-1379")


def test_four_sessions_refused_without_illness():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8)
    assert_refused(engine, c.give_proxy("m9", "m2", consecutive_sessions=4), "trois séances consécutives", article="L2121-20")
    engine.execute(c.give_proxy("m9", "m2", consecutive_sessions=4, illness_certified=True))
    assert engine.state.roll.active_proxy_from("m9").illness_certified


def test_departement_delegation_covering_two_meetings_refused():
    engine, c = engine_with(BodyKind.DEPARTEMENT, 33, population=500_000, present=20)
    assert_refused(engine, c.give_proxy("m25", "m2", consecutive_sessions=2), "une seule réunion", article="L3121-16")


def test_grantor_arrival_lapses_the_proxy_and_he_votes_himself():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.give_proxy("m9", "m2"))
    proxy = engine.state.roll.active_proxy_from("m9")
    engine.execute(c.arrive("m9"))
    assert not proxy.active and "arrivée du mandant" in proxy.end_reason
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.cast("i1", "m2", VoteChoice.FOR, on_behalf_of="m9"),
                   "ne détient pas de pouvoir actif de M. Prénom9 NOM9", article="L2121-20")
    engine.execute(c.cast("i1", "m9", VoteChoice.AGAINST))
    assert engine.state.items["i1"].vote.ballots["m9"].voter_id == "m9"


def test_leave_with_proxy_is_one_action():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.give_proxy("m12", "m2"))
    # m5 leaves and hands his proxy to m2, who already holds one: the whole action is refused.
    assert_refused(engine, c.leave("m5", proxy_to="m2"), "un seul pouvoir")
    assert engine.state.roll.is_seated("m5")
    engine.execute(c.leave("m5", proxy_to="m3"))
    assert not engine.state.roll.is_seated("m5") and engine.state.roll.active_proxy_from("m5").holder_id == "m3"


def test_revoked_proxy_frees_the_holder():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    engine.execute(c.give_proxy("m9", "m2"))
    pid = engine.state.roll.active_proxy_from("m9").id
    engine.execute(c.revoke_proxy(pid))
    engine.execute(c.give_proxy("m10", "m2"))
    assert_refused(engine, c.revoke_proxy(pid), "n'est plus actif", "révoqué")


def test_present_member_cannot_give_a_proxy_nor_to_himself():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=8, open_session=True)
    assert_refused(engine, c.give_proxy("m3", "m2"), "Prénom3 NOM3 est présent")
    assert_refused(engine, c.give_proxy("m9", "m9"), "lui-même")
    assert_refused(engine, c.give_proxy("m99", "m2"), "Membre inconnu")


def test_holder_recused_may_not_vote_as_mandataire():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.give_proxy("m12", "m3"))
    engine.execute(c.recuse("m3", "i1"))
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.cast("i1", "m3", VoteChoice.FOR, on_behalf_of="m12"),
                   "ne peut voter ni en son nom ni comme mandataire", article="L2131-11")
    assert_refused(engine, c.cast("i1", "m3", VoteChoice.FOR), "intéressé à l'affaire", article="L2131-11")
    # The eligible voters exclude both the recused holder and the proxy he carries.
    assert ("m3", "m12") not in engine.state.eligible_voters(engine.state.items["i1"])
    assert all(v != "m3" for v, _ in engine.state.eligible_voters(engine.state.items["i1"]))


def test_proxy_of_a_recused_grantor_cannot_serve():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.give_proxy("m12", "m3"))
    engine.execute(c.recuse("m12", "i1"))
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    assert_refused(engine, c.cast("i1", "m3", VoteChoice.FOR, on_behalf_of="m12"), "son pouvoir ne peut servir", article="L2131-11")


def test_proxy_used_in_running_vote_cannot_be_revoked():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=9, open_session=True)
    engine.execute(c.give_proxy("m12", "m3"))
    pid = engine.state.roll.active_proxy_from("m12").id
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.cast("i1", "m3", VoteChoice.FOR, on_behalf_of="m12"))
    assert_refused(engine, c.revoke_proxy(pid), "a déjà servi dans le vote en cours")


def test_regime_governs_proxies_in_covid_2021_2022():
    engine, c = engine_with(BodyKind.EPCI, 29, population=80_000, on=date(2022, 1, 10), present=10)
    engine.execute(c.give_proxy("m20", "m2"))
    engine.execute(c.give_proxy("m21", "m2"))
    assert engine.state.regime is COVID_2021_2022
    assert_refused(engine, c.give_proxy("m22", "m2"), "il en porte déjà 2", article="2021-1465")
    # One day after the window: ordinary law again.
    engine2, c2 = engine_with(BodyKind.EPCI, 29, population=80_000, on=date(2022, 8, 1), present=10)
    engine2.execute(c2.give_proxy("m20", "m2"))
    assert_refused(engine2, c2.give_proxy("m21", "m2"), "il en porte déjà 1", article="L2121-20")
    assert COVID_2020_2021.max_proxies == 2


@pytest.mark.parametrize("recused", [(), ("m4",), ("m3",)], ids=["sans intéressé", "un présent intéressé", "un mandataire intéressé"])
def test_the_voters_at_a_vote_s_closing_are_the_eligible_voters_by_whose_vote_they_cast(recused):
    """voters_by_whose, which the closing records, says what eligible_voters says: each present
    member for himself, each usable proxy's holder for its grantor, nobody barred from the item
    (a proxy whose holder is barred carries no vote on it), whose → voter."""
    from seance_desk.models.state.ballots import eligible_voters, voters_by_whose

    engine, c = engine_with(n=15, present=10, open_session=True)
    engine.execute(c.give_proxy("m11", "m2"))  # absent grantors, present holders
    engine.execute(c.give_proxy("m12", "m3"))
    engine.execute(c.leave("m9", proxy_to="m5"))  # left, with a proxy
    item_id = engine.setup.agenda[0].id
    for member_id in recused:
        engine.execute(c.recuse(member_id, item_id))
    engine.execute(c.open_item(item_id))
    state = engine.state
    item = state.items[item_id]
    voters = voters_by_whose(state, item)
    assert voters == {whose: voter for voter, whose in eligible_voters(state, item)}
    assert (voters["m11"], voters["m9"]) == ("m2", "m5")
    assert ("m12" in voters) == ("m3" not in recused) and not set(recused) & set(voters)
    engine.execute(c.open_vote(item_id, VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity(item_id))
    engine.execute(c.close_vote(item_id))
    assert state.items[item_id].vote.voters_at_close == voters
    assert state.items[item_id].vote.tally().pour == len(voters)
