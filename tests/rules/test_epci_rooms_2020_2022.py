"""EPCI sessions by videoconference between 2020 and 2022 under ordinary law (issue 10, part 4;
LAW.md §10.7): art. L5211-11-1 CGCT as created by loi 2019-1461 art. 11, décret 2020-904 in force
from 31/10/2020 — communautés de communes, d'agglomération, urbaines and métropoles only (not
syndicats and pôles métropolitains), in rooms designated beforehand (no connection from home),
public ballot only, the elections of the président and bureau, the budget primitif, delegates and
L2121-33 designations excluded. LAW.md's example: 15/10/2021, between the Covid windows."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.enums import Attendance, BallotMode, BodyKind, ItemKind, ItemStatus, SessionMode
from seance_desk.models.rules.regime import ORDINARY, regime_for
from seance_desk.models.rules.remote import item_allowed_remotely, secret_ballot_in_remote_session, session_mode_allowed
from tests.helpers import assert_refused, engine_with, make_agenda

ON = date(2021, 10, 15)  # LAW.md §10.7: the Covid rules ended 30/09/2021, loi 2021-1465 applied from 11/11/2021
EXCLUDED = [ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU, ItemKind.BUDGET_PRIMITIF, ItemKind.ELECTION_DELEGATES, ItemKind.DESIGNATION_L2121_33]


def test_the_example_date_is_ordinary_law():
    assert regime_for(ON) is ORDINARY


@pytest.mark.parametrize("on", [date(2021, 10, 1), ON, date(2021, 11, 10)])
def test_communaute_in_rooms_is_lawful_between_the_covid_windows(on):
    d = session_mode_allowed(BodyKind.EPCI, SessionMode.MULTI_SITE, on)
    assert d.value and "2020-904" in d.article and "L5211-11-1" in d.article
    assert "salles" in d.explanation and "scrutin public" in d.explanation and not d.default_reading


def test_syndicats_and_poles_are_excluded():
    d = session_mode_allowed(BodyKind.SYNDICAT_MIXTE, SessionMode.MULTI_SITE, ON)
    assert not d.value and "pas aux syndicats ni aux pôles métropolitains" in d.explanation and "2020-904" in d.article


def test_no_connection_from_home():
    d = session_mode_allowed(BodyKind.EPCI, SessionMode.REMOTE, ON)
    assert not d.value and "depuis le domicile" in d.explanation and "L5211-11-1" in d.article


def test_before_the_decree_nothing_allowed_it():
    # Between the summer and autumn 2020 windows (31/08–16/10/2020) the décret was not yet in force.
    d = session_mode_allowed(BodyKind.EPCI, SessionMode.MULTI_SITE, date(2020, 9, 15))
    assert not d.value and "aucun texte" in d.explanation


def test_a_commune_still_cannot():
    assert not session_mode_allowed(BodyKind.COMMUNE, SessionMode.MULTI_SITE, ON).value


@pytest.mark.parametrize("kind", EXCLUDED)
def test_excluded_items_are_refused_with_the_decree(kind):
    d = item_allowed_remotely(BodyKind.EPCI, kind, ON)
    assert not d.value and "lieu unique" in d.explanation and "2020-904" in d.article


def test_public_ballot_only_cites_the_decree():
    d = secret_ballot_in_remote_session(BodyKind.EPCI, ON)
    assert d.value is False and "2020-904" in d.article


# ----------------------------------------------------------------------------------- the engine
def test_communaute_opens_in_rooms_and_refuses_the_budget_primitif():
    engine, c = engine_with(
        BodyKind.EPCI, 29, population=80_000, on=ON, mode=SessionMode.MULTI_SITE, present=10, open_session=False,
        agenda=make_agenda(ItemKind.BUDGET_PRIMITIF, ItemKind.ORDINARY),
    )
    for i in range(11, 16):
        engine.execute(c.arrive(f"m{i}", Attendance.REMOTE))  # in another designated room
    engine.execute(c.open_session())
    opening = engine.state.quorum_checks[-1].decision.value
    assert opening.met and opening.present == 15  # the members in the other rooms count
    assert_refused(engine, c.open_item("i1"), "budget primitif", "lieu unique", article="2020-904")
    engine.execute(c.open_item("i2"))
    engine.execute(c.request_ballot("i2", BallotMode.SECRET, ["m2", "m3", "m4", "m11", "m12"]))  # a third of 15
    item = engine.state.items["i2"]
    assert item.status is ItemStatus.POSTPONED and "2020-904" in item.end_reason


def test_syndicat_in_rooms_cannot_open():
    engine, c = engine_with(BodyKind.SYNDICAT_MIXTE, 15, on=ON, mode=SessionMode.MULTI_SITE, present=10)
    assert_refused(engine, c.open_session(), "Ouverture impossible", "pas aux syndicats", article="2020-904")
