"""Remote and multi-site sessions (LAW.md §2.3, §2.4)."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.enums import Attendance, BallotMode, BodyKind, ItemKind, ItemStatus, SessionMode, VoteChoice, VoteMethod
from seance_desk.models.rules.remote import item_allowed_remotely, secret_ballot_in_remote_session, session_mode_allowed
from tests.helpers import COVID_DATE, assert_refused, engine_with, make_agenda

AFTER_3DS = date(2022, 8, 1)


@pytest.mark.parametrize("mode", [SessionMode.REMOTE, SessionMode.MULTI_SITE])
@pytest.mark.parametrize("on", [AFTER_3DS, date(2026, 11, 20), date(2021, 10, 15), date(2020, 9, 15), date(2019, 6, 1), date(2020, 7, 20)])
def test_commune_plenary_refused_outside_covid_windows(mode, on):
    d = session_mode_allowed(BodyKind.COMMUNE, mode, on)
    assert not d.value


def test_commune_refusal_wording_after_3ds():
    d = session_mode_allowed(BodyKind.COMMUNE, SessionMode.REMOTE, AFTER_3DS)
    assert "conseil municipal ne peut pas tenir séance plénière en visioconférence" in d.explanation
    assert "3DS" in d.article


@pytest.mark.parametrize("body", list(BodyKind))
@pytest.mark.parametrize("on", [date(2020, 4, 15), date(2020, 10, 21), date(2020, 10, 31), date(2021, 3, 15), date(2022, 7, 31)])
def test_every_body_may_meet_remotely_in_covid_windows(body, on):
    d = session_mode_allowed(body, SessionMode.REMOTE, on)
    assert d.value and "Séance à distance autorisée" in d.explanation
    for kind in ItemKind:
        assert item_allowed_remotely(body, kind, on).value


@pytest.mark.parametrize("on", [date(2020, 7, 11), date(2020, 8, 30)])
def test_covid_windows_without_remote(on):
    d = session_mode_allowed(BodyKind.EPCI, SessionMode.REMOTE, on)
    assert not d.value and "ne permet pas de séance à distance" in d.explanation


@pytest.mark.parametrize(("body", "article", "default"), [
    (BodyKind.EPCI, "L5211-11-1", False),
    (BodyKind.SYNDICAT_MIXTE, "L5711-1", False),
    (BodyKind.REGION, "L4132-9-1", False),
    (BodyKind.DEPARTEMENT, "L3121-9-1", True),  # article number unverified (LAW.md §9)
])
def test_multisite_allowed_after_3ds(body, article, default):
    d = session_mode_allowed(body, SessionMode.MULTI_SITE, AFTER_3DS)
    assert d.value and article in d.article and d.default_reading is default
    assert "plusieurs lieux" in d.explanation and "scrutin public" in d.explanation
    before = session_mode_allowed(body, SessionMode.MULTI_SITE, date(2021, 10, 15))
    if body is BodyKind.EPCI:  # L5211-11-1 and décret 2020-904 (LAW.md §10.7): see test_epci_rooms_2020_2022.py
        assert before.value and "2020-904" in before.article
    elif body is BodyKind.SYNDICAT_MIXTE:
        assert not before.value and "pas aux syndicats" in before.explanation
    else:
        assert not before.value and "aucun texte" in before.explanation


@pytest.mark.parametrize("kind", [ItemKind.BUDGET_PRIMITIF, ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU, ItemKind.ELECTION_DELEGATES, ItemKind.DESIGNATION_L2121_33])
def test_epci_multisite_excludes_budget_and_elections(kind):
    d = item_allowed_remotely(BodyKind.EPCI, kind, AFTER_3DS)
    assert not d.value and "lieu unique" in d.explanation and "L5211-11-1" in d.article


@pytest.mark.parametrize("kind", [ItemKind.ORDINARY, ItemKind.COMPTE_ADMINISTRATIF, ItemKind.NOMINATION])
def test_epci_multisite_allows_other_items(kind):
    assert item_allowed_remotely(BodyKind.EPCI, kind, AFTER_3DS).value


def test_region_multisite_exclusions():
    assert not item_allowed_remotely(BodyKind.REGION, ItemKind.BUDGET_PRIMITIF, AFTER_3DS).value
    assert not item_allowed_remotely(BodyKind.REGION, ItemKind.ELECTION_BUREAU, AFTER_3DS).value
    assert item_allowed_remotely(BodyKind.REGION, ItemKind.ORDINARY, AFTER_3DS).value


@pytest.mark.parametrize(("body", "on", "fragment"), [(BodyKind.EPCI, AFTER_3DS, "L5211-11-1"), (BodyKind.COMMUNE, COVID_DATE, "2020-1379")])
def test_secret_ballot_impossible_remotely(body, on, fragment):
    d = secret_ballot_in_remote_session(body, on)
    assert d.value is False and "scrutin public" in d.explanation and "reporté" in d.explanation
    assert fragment in d.article


# ----------------------------------------------------------------------- through the engine
def test_commune_remote_session_cannot_open_after_3ds():
    engine, c = engine_with(BodyKind.COMMUNE, 15, mode=SessionMode.REMOTE, present=10)
    assert_refused(engine, c.open_session(), "Ouverture impossible", "séance plénière en visioconférence")


def test_remote_attendance_refused_in_an_in_person_session():
    engine, c = engine_with(BodyKind.EPCI, 29, population=80_000, present=10)
    assert_refused(engine, c.arrive("m12", Attendance.REMOTE), "ne peut pas être compté présent à distance", "présentiel")


def test_epci_multisite_refuses_budget_primitif():
    engine, c = engine_with(BodyKind.EPCI, 29, population=80_000, mode=SessionMode.MULTI_SITE, present=15,
                            agenda=make_agenda(ItemKind.BUDGET_PRIMITIF, ItemKind.ORDINARY), open_session=True)
    assert_refused(engine, c.open_item("i1"), "budget primitif", "lieu unique", article="L5211-11-1")
    engine.execute(c.open_item("i2"))


def test_secret_request_adopted_in_remote_epci_session_postpones_the_item():
    engine, c = engine_with(BodyKind.EPCI, 29, population=80_000, mode=SessionMode.MULTI_SITE, present=12, open_session=True)
    for i in range(13, 16):
        engine.execute(c.arrive(f"m{i}", Attendance.REMOTE))
    engine.execute(c.open_item("i1"))
    # 15 present: 4 requesters are not a third; the item stays under discussion.
    engine.execute(c.request_ballot("i1", BallotMode.SECRET, ["m2", "m3", "m4", "m13"]))
    assert engine.state.items["i1"].status is ItemStatus.OPEN
    before = len(engine.events)
    engine.execute(c.request_ballot("i1", BallotMode.SECRET, ["m2", "m3", "m4", "m13", "m14"]))
    item = engine.state.items["i1"]
    assert item.status is ItemStatus.POSTPONED
    assert [e.type for e in engine.events[before:]] == ["ballot.requested", "item.postponed"]
    assert "scrutin public" in item.end_reason and "L5211-11-1" in item.end_reason
    assert_refused(engine, c.open_vote("i1", VoteMethod.ROLL_CALL), "reporté")


def test_remote_session_votes_by_roll_call_or_electronically():
    engine, c = engine_with(BodyKind.SYNDICAT_MIXTE, 15, on=COVID_DATE, mode=SessionMode.REMOTE, present=5,
                            attendance=Attendance.REMOTE, open_session=True)
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.open_vote("i1", VoteMethod.SHOW_OF_HANDS), "appel nominal ou par vote électronique", article="2020-1379")
    engine.execute(c.open_vote("i1", VoteMethod.ROLL_CALL))


def test_remote_nomination_needs_waiver_or_postponement():
    engine, c = engine_with(BodyKind.EPCI, 15, population=80_000, on=COVID_DATE, mode=SessionMode.REMOTE, present=8,
                            attendance=Attendance.REMOTE, open_session=True, agenda=make_agenda(ItemKind.NOMINATION))
    engine.execute(c.open_item("i1"))
    assert_refused(engine, c.open_vote("i1", VoteMethod.ELECTRONIC), "Vote impossible à distance", "unanimité")
    engine.execute(c.waive_secret_ballot("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.ELECTRONIC))


def test_remote_session_ballot_is_public_with_names():
    """LAW.md §2.3/§2.4: in a remote session the vote is by scrutin public and the minutes carry the
    voters' names, even when nobody asked for a particular ballot."""
    engine, c = engine_with(BodyKind.EPCI, 29, population=80_000, mode=SessionMode.MULTI_SITE, present=15, open_session=True)
    engine.execute(c.open_item("i1"))
    mode = engine.state.ballot_mode_for(engine.state.items["i1"])
    assert mode.value is BallotMode.PUBLIC and "L5211-11-1" in mode.article
    engine.execute(c.open_vote("i1", VoteMethod.ELECTRONIC))
    assert_refused(engine, c.counts("i1", 10, 5), "nom des votants")
    engine.execute(c.unanimity("i1", {"m2": VoteChoice.AGAINST}))
    engine.execute(c.close_vote("i1"))
    assert engine.state.items["i1"].vote.result.value.adopted
