"""Requests for a public or secret ballot (LAW.md §4.2)."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import BallotMode, BodyKind, ItemKind, ItemStatus, VoteMethod
from seance_desk.models.rules.ballot_mode import request_outcome, request_threshold, resulting_mode
from tests.helpers import assert_refused, engine_with, make_agenda

COMMUNE_LIKE = [BodyKind.COMMUNE, BodyKind.EPCI, BodyKind.SYNDICAT_MIXTE]
CD_CR = [BodyKind.DEPARTEMENT, BodyKind.REGION]


@pytest.mark.parametrize(("present", "public", "secret"), [(15, 4, 5), (8, 2, 3), (12, 3, 4), (13, 4, 5), (29, 8, 10), (240, 60, 80), (1, 1, 1)])
@pytest.mark.parametrize("body", COMMUNE_LIKE)
def test_quarter_and_third_of_present_for_communes_and_epci(present, public, secret, body):
    pub = request_threshold(body, BallotMode.PUBLIC, present)
    sec = request_threshold(body, BallotMode.SECRET, present)
    assert (pub.value, sec.value) == (public, secret)
    assert "du quart des membres présents" in pub.explanation and f"{public} sur {present}" in pub.explanation
    assert "du tiers des membres présents" in sec.explanation and f"{secret} sur {present}" in sec.explanation
    assert "L2121-21" in pub.article and not pub.default_reading
    assert request_outcome(body, BallotMode.PUBLIC, public, present).value
    assert not request_outcome(body, BallotMode.PUBLIC, public - 1, present).value or public == 1
    assert request_outcome(body, BallotMode.SECRET, secret, present).value


def test_outcome_wording():
    ok = request_outcome(BodyKind.COMMUNE, BallotMode.SECRET, 5, 15)
    assert ok.value and ok.explanation == "Demande de scrutin secret retenue : 5 demandeurs pour 5 requis (15 membres présents)"
    ko = request_outcome(BodyKind.COMMUNE, BallotMode.PUBLIC, 3, 15)
    assert not ko.value and "non retenue : 3 demandeurs pour 4 requis" in ko.explanation
    assert ko.text.endswith("— art. L2121-21 CGCT")


@pytest.mark.parametrize(("present", "needed"), [(30, 5), (31, 6), (36, 6), (82, 14), (209, 35)])
@pytest.mark.parametrize(("body", "article"), [(BodyKind.DEPARTEMENT, "L3121-15"), (BodyKind.REGION, "L4132-14")])
def test_sixth_for_departement_and_region(present, needed, body, article):
    d = request_threshold(body, BallotMode.PUBLIC, present)
    assert d.value == needed and "sixième des membres présents" in d.explanation and article in d.article
    assert not d.default_reading


def test_cd_cr_secret_request_threshold_is_a_default_reading():
    d = request_threshold(BodyKind.DEPARTEMENT, BallotMode.SECRET, 30)
    assert d.value == 10 and d.default_reading and "1/3" in d.explanation
    custom = request_threshold(BodyKind.REGION, BallotMode.SECRET, 30, secret_divisor_cd_cr=6)
    assert custom.value == 5


def test_ordinary_mode_cannot_be_requested():
    with pytest.raises(ValueError):
        request_threshold(BodyKind.COMMUNE, BallotMode.ORDINARY, 10)


@pytest.mark.parametrize("body", COMMUNE_LIKE)
def test_secret_prevails_for_communes_and_epci(body):
    d = resulting_mode(body, ItemKind.ORDINARY, public_granted=True, secret_granted=True)
    assert d.value is BallotMode.SECRET and "prévaut" in d.explanation and "8312" in d.explanation


@pytest.mark.parametrize("body", CD_CR)
def test_public_prevails_for_departement_and_region(body):
    d = resulting_mode(body, ItemKind.ORDINARY, public_granted=True, secret_granted=True)
    assert d.value is BallotMode.PUBLIC and "prévaut" in d.explanation and "46449" in d.explanation
    # Stated for départements by AN RM q. 46449 [S]; extended to régions as a default reading.
    assert d.default_reading is (body is BodyKind.REGION)


@pytest.mark.parametrize("kind", [k for k in ItemKind if k.is_nomination and not k.secret_by_law])
@pytest.mark.parametrize("body", list(BodyKind))
def test_nominations_secret_unless_waived_unanimously(kind, body):
    d = resulting_mode(body, kind, public_granted=False, secret_granted=False)
    assert d.value is BallotMode.SECRET and "nomination" in d.explanation
    waived = resulting_mode(body, kind, public_granted=False, secret_granted=False, secret_waived_unanimously=True)
    assert waived.value is BallotMode.ORDINARY


@pytest.mark.parametrize("body", list(BodyKind))
def test_no_request_gives_an_ordinary_vote(body):
    d = resulting_mode(body, ItemKind.ORDINARY, public_granted=False, secret_granted=False)
    assert d.value is BallotMode.ORDINARY and "aucune demande" in d.explanation


def test_public_alone_for_a_commune():
    d = resulting_mode(BodyKind.COMMUNE, ItemKind.ORDINARY, public_granted=True, secret_granted=False)
    assert d.value is BallotMode.PUBLIC and "quart" in d.explanation and "nom des votants" in d.explanation


# ----------------------------------------------------------------------- through the engine
def test_fifteen_present_public_needs_four_secret_five():
    engine, c = engine_with(BodyKind.COMMUNE, 20, population=2000, present=15, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.request_ballot("i1", BallotMode.PUBLIC, ["m2", "m3", "m4"]))
    engine.execute(c.request_ballot("i1", BallotMode.SECRET, ["m5", "m6", "m7", "m8"]))
    item = engine.state.items["i1"]
    assert [r.decision.value for r in item.requests] == [False, False]
    assert "3 demandeurs pour 4 requis (15 membres présents)" in item.requests[0].decision.explanation
    engine.execute(c.request_ballot("i1", BallotMode.PUBLIC, ["m2", "m3", "m4", "m9"]))
    assert engine.state.ballot_mode_for(item).value is BallotMode.PUBLIC
    engine.execute(c.request_ballot("i1", BallotMode.SECRET, ["m5", "m6", "m7", "m8", "m10"]))
    assert engine.state.ballot_mode_for(item).value is BallotMode.SECRET


def test_requests_count_present_members_not_proxies_nor_recused():
    engine, c = engine_with(BodyKind.COMMUNE, 20, population=2000, present=13, open_session=True)
    engine.execute(c.give_proxy("m15", "m2"))
    engine.execute(c.recuse("m13", "i1"))
    engine.execute(c.open_item("i1"))
    assert engine.state.present_count_for_requests(engine.state.items["i1"]) == 12
    engine.execute(c.request_ballot("i1", BallotMode.SECRET, ["m2", "m3", "m4", "m5"]))
    assert engine.state.items["i1"].requests[-1].decision.value  # 4 of 12 present


def test_absent_member_cannot_request_a_ballot():
    engine, c = engine_with(BodyKind.COMMUNE, 20, present=13, open_session=True)
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.request_ballot("i1", BallotMode.SECRET, ["m2", "m19"]), "Prénom19 NOM19 n'est pas présent")
    assert_refused(engine, c.request_ballot("i2", BallotMode.SECRET, ["m2"]), "n'est pas en discussion")


def test_departement_public_prevails_through_the_engine():
    engine, c = engine_with(BodyKind.DEPARTEMENT, 34, population=500_000, present=30, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.request_ballot("i1", BallotMode.SECRET, [f"m{i}" for i in range(2, 12)]))
    engine.execute(c.request_ballot("i1", BallotMode.PUBLIC, [f"m{i}" for i in range(12, 17)]))
    item = engine.state.items["i1"]
    assert [r.decision.value for r in item.requests] == [True, True]
    mode = engine.state.ballot_mode_for(item)
    assert mode.value is BallotMode.PUBLIC and "L3121-15" in mode.article


def test_nomination_waiver_through_the_engine():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=12, open_session=True, agenda=make_agenda(ItemKind.NOMINATION, ItemKind.ORDINARY))
    engine.execute(c.open_item("i1"))
    item = engine.state.items["i1"]
    assert engine.state.ballot_mode_for(item).value is BallotMode.SECRET
    assert_refused(engine, c.open_vote("i1", VoteMethod.SHOW_OF_HANDS), "bulletins secrets")
    engine.execute(c.waive_secret_ballot("i1"))
    assert engine.state.ballot_mode_for(item).value is BallotMode.ORDINARY
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1"))
    engine.execute(c.close_vote("i1"))
    assert engine.state.items["i1"].status is ItemStatus.VOTED
    # Waiving is only for nominations.
    engine.execute(c.open_item("i2"))
    assert_refused(engine, c.waive_secret_ballot("i2"), "n'est pas une nomination", article="L2121-21")


# ------------------------------------------------------------------ elections secret by law
@pytest.mark.parametrize("kind", [ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU])
@pytest.mark.parametrize("body", list(BodyKind))
def test_elections_stay_secret_even_if_waived_or_public_requested(kind, body):
    """L2121-21 allows waiving the secret ballot for nominations "sauf disposition législative ou
    réglementaire prévoyant expressément ce mode de scrutin": the election of the maire/président
    and of the adjoints/bureau is by secret ballot by law (LAW.md §4.4)."""
    d = resulting_mode(body, kind, public_granted=True, secret_granted=False, secret_waived_unanimously=True)
    assert d.value is BallotMode.SECRET
    assert "scrutin secret" in d.explanation.lower() and "loi" in d.explanation
    assert not d.default_reading  # LAW.md §10.11: L2122-7 is [S] now, the law's reading
    expected = {BodyKind.DEPARTEMENT: "L3122-1", BodyKind.REGION: "L4133-1"}.get(
        body, "L2122-7-2" if body is BodyKind.COMMUNE and kind is ItemKind.ELECTION_BUREAU else "L2122-7"
    )
    assert expected in d.article


def test_election_secret_ballot_cannot_be_waived_through_the_engine():
    engine, c = engine_with(BodyKind.COMMUNE, 15, present=12, open_session=True, agenda=make_agenda(ItemKind.ELECTION_BUREAU))
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.waive_secret_ballot("i1"), "scrutin secret", "ne peut y renoncer", article="L2121-21")
    assert engine.state.ballot_mode_for(engine.state.items["i1"]).value is BallotMode.SECRET
