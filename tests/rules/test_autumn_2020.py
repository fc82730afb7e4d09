"""Autumn 2020 (issue 10, part 4; LAW.md §10.8, §10.11 « row 17/10/2020: contested »): regime
COVID_2020_GAP from 17/10/2020 until loi 2020-1379 (15/11/2020 in LAW.md §2.3). LAW.md's reading
(Landot): art. 10 of loi 2020-290 applied again — one third quorum, two proxies; the strict reading
keeps the ordinary majority. The doubt is shown as the « lecture par défaut » warning.
Example: 29 members, 11 present — met under Landot (10 needed), not under the strict reading (15)."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.enums import Attendance, BodyKind, SessionMode
from seance_desk.models.rules.proxies import holder_may_accept, max_proxies_per_holder
from seance_desk.models.rules.quorum import check_quorum
from seance_desk.models.rules.regime import COVID_2020_2021, COVID_2020_GAP, ORDINARY, regime_for, resolve_regime
from seance_desk.models.rules.remote import session_mode_allowed
from tests.helpers import engine_with

ON = date(2020, 10, 21)


@pytest.mark.parametrize(
    ("on", "regime"),
    [
        (date(2020, 10, 16), ORDINARY),
        (date(2020, 10, 17), COVID_2020_GAP),
        (date(2020, 11, 2), COVID_2020_GAP),
        (date(2020, 11, 14), COVID_2020_GAP),
        (date(2020, 11, 15), COVID_2020_2021),  # loi 2020-1379: no longer contested
    ],
)
def test_the_gap_runs_from_17_october_until_loi_2020_1379(on, regime):
    assert regime_for(on) is regime
    assert resolve_regime(BodyKind.COMMUNE, on).default_reading is (regime is COVID_2020_GAP)


def test_the_example_29_members_11_present():
    d = check_quorum(body=BodyKind.COMMUNE, regime=COVID_2020_GAP, in_office=29, present=11)
    assert d.value.met and d.value.required == 10
    assert "11 présents ≥ 10 requis (quorum du tiers des 29 membres en exercice)" in d.explanation
    assert "lecture contestée" in d.explanation and "15 requis, non atteint" in d.explanation
    assert d.default_reading and "lecture par défaut" in d.text


def test_met_under_both_readings_still_says_the_doubt():
    d = check_quorum(body=BodyKind.COMMUNE, regime=COVID_2020_GAP, in_office=29, present=15)
    assert d.value.met and "15 requis, atteint" in d.explanation and d.default_reading


def test_neighbouring_regimes_are_not_contested():
    for regime in (ORDINARY, COVID_2020_2021):
        d = check_quorum(body=BodyKind.COMMUNE, regime=regime, in_office=29, present=11)
        assert not d.default_reading and "lecture contestée" not in d.explanation


def test_regime_decision_names_both_readings():
    d = resolve_regime(BodyKind.COMMUNE, ON)
    assert d.value is COVID_2020_GAP
    assert "lecture stricte" in d.explanation and "loi n° 2020-1379" in d.explanation and "lecture par défaut" in d.text


def test_video_lawful_from_17_october_under_ord_2020_391_then_loi_2020_1379():
    """LAW.md §10.8: ord. 2020-391 art. 6 ran to 30/10/2020, then loi 2020-1379 as the AMF reads it;
    « 21/10/2020: video lawful (remote members present, public ballot only) »."""
    assert not session_mode_allowed(BodyKind.COMMUNE, SessionMode.REMOTE, date(2020, 10, 16)).value
    for on in (date(2020, 10, 17), ON, date(2020, 10, 30), date(2020, 10, 31), date(2020, 11, 2)):
        allowed = session_mode_allowed(BodyKind.COMMUNE, SessionMode.REMOTE, on)
        assert allowed.value, allowed.explanation


def test_a_remote_session_on_21_october_2020_counts_remote_members_and_says_the_doubt():
    engine, _ = engine_with(BodyKind.COMMUNE, 29, population=8_000, on=ON, present=11, open_session=True, mode=SessionMode.REMOTE, attendance=Attendance.REMOTE)
    opening = engine.state.quorum_checks[-1].decision
    assert opening.value.met and opening.value.required == 10 and "lecture par défaut" in opening.text


def test_through_the_engine_the_opening_shows_the_warning():
    engine, _ = engine_with(BodyKind.COMMUNE, 29, population=8_000, on=ON, present=11, open_session=True)
    opening = engine.state.quorum_checks[-1].decision
    assert opening.value.met and opening.value.required == 10 and opening.default_reading
    assert "lecture par défaut" in opening.text and engine.state.regime_decision.default_reading


def test_two_proxies_under_the_same_doubt():
    two = max_proxies_per_holder(BodyKind.COMMUNE, COVID_2020_GAP)
    assert two.value == 2 and two.default_reading and "selon la lecture stricte, un seul" in two.explanation
    assert holder_may_accept(BodyKind.COMMUNE, COVID_2020_GAP, 1).default_reading
    assert not max_proxies_per_holder(BodyKind.COMMUNE, COVID_2020_2021).default_reading


def test_the_doubt_on_the_regime_is_not_said_to_be_the_reglement_s_to_settle():
    """No règlement intérieur can choose which law applied on a date: the autumn 2020 reading is a
    default reading of the texts, whereas the secret ballot's threshold of a département is the
    assembly's to set (its default reading says so)."""
    from seance_desk.models.enums import BallotMode
    from seance_desk.models.rules.ballot_mode import request_threshold

    d = resolve_regime(BodyKind.COMMUNE, ON)
    assert d.default_reading and not d.reglement_may_choose
    assert "règlement intérieur" not in d.text and "lecture par défaut : la portée du texte reste incertaine" in d.text
    threshold = request_threshold(BodyKind.DEPARTEMENT, BallotMode.SECRET, 30)
    assert threshold.default_reading and "modifiable dans le règlement intérieur" in threshold.text
