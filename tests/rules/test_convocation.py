"""Convocation delays in jours francs and reconvocation after a failed quorum (LAW.md §1.2, §2.1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from seance_desk.models.enums import BodyKind
from seance_desk.models.rules.convocation import (
    clear_days_between,
    convocation_in_time,
    french_date,
    latest_send_date,
    min_clear_days,
    note_de_synthese_required,
    reconvocation_earliest,
)

MEETING = date(2026, 11, 20)  # a Friday


def test_french_date():
    assert french_date(MEETING) == "vendredi 20 novembre 2026"
    assert french_date(date(2026, 3, 1)) == "dimanche 1er mars 2026"


def test_jours_francs_exclude_both_ends():
    assert clear_days_between(date(2026, 11, 16), MEETING) == 3
    assert clear_days_between(date(2026, 11, 19), MEETING) == 0


@pytest.mark.parametrize(
    ("body", "population", "kwargs", "days", "article"),
    [
        (BodyKind.COMMUNE, 99, {}, 3, "art. L2121-11 CGCT"),
        (BodyKind.COMMUNE, 3499, {}, 3, "art. L2121-11 CGCT"),
        (BodyKind.COMMUNE, 3500, {}, 5, "art. L2121-12 CGCT"),
        (BodyKind.COMMUNE, 250_000, {}, 5, "art. L2121-12 CGCT"),
        (BodyKind.EPCI, 2_000, {}, 5, "L5211-1"),
        (BodyKind.EPCI, 1_900_000, {}, 5, "L5211-1"),
        (BodyKind.SYNDICAT_MIXTE, 800, {}, 5, "L5211-1"),
        (BodyKind.COMMUNE, 3499, {"urgent": True}, 1, "art. L2121-11 CGCT"),
        (BodyKind.COMMUNE, 12_000, {"urgent": True}, 1, "art. L2121-12 CGCT"),
        (BodyKind.EPCI, 12_000, {"urgent": True}, 1, "L2121-12"),
        (BodyKind.COMMUNE, 12_000, {"first_after_renewal": True}, 3, "art. L2121-7 CGCT"),
        (BodyKind.COMMUNE, 800, {"first_after_renewal": True}, 3, "art. L2121-7 CGCT"),
        (BodyKind.EPCI, 12_000, {"first_after_renewal": True}, 5, "L5211-1"),  # L2121-7's 3 days: communes only
        (BodyKind.SYNDICAT_MIXTE, 12_000, {"first_after_renewal": True}, 5, "L5211-1"),
    ],
)
def test_min_clear_days(body, population, kwargs, days, article):
    d = min_clear_days(body, population, **kwargs)
    assert d.value == days
    assert article in d.article
    latest = latest_send_date(MEETING, body, population, **kwargs)
    assert latest.value == MEETING - timedelta(days=days + 1)
    assert clear_days_between(latest.value, MEETING) == days
    assert french_date(latest.value) in latest.explanation and french_date(MEETING) in latest.explanation
    assert f"({days} jour{'s francs' if days > 1 else ' franc'} avant la séance" in latest.explanation
    assert convocation_in_time(latest.value, MEETING, body, population, **kwargs).value
    late = convocation_in_time(latest.value + timedelta(days=1), MEETING, body, population, **kwargs)
    assert not late.value and "hors délai" in late.explanation and french_date(latest.value) in late.explanation


def test_population_threshold_wording():
    small = min_clear_days(BodyKind.COMMUNE, 3499)
    big = min_clear_days(BodyKind.COMMUNE, 3500)
    assert "3\u202f499 habitants (moins de 3 500) : trois jours francs" in small.explanation
    assert "3\u202f500 habitants (3 500 et plus) : cinq jours francs" in big.explanation


def test_urgency_wording():
    d = min_clear_days(BodyKind.COMMUNE, 5000, urgent=True)
    assert "un jour franc" in d.explanation and "se prononce sur l'urgence" in d.explanation


@pytest.mark.parametrize(("body", "article", "default"), [(BodyKind.DEPARTEMENT, "L3121-19", True), (BodyKind.REGION, "L4132-18", False)])
def test_departement_region_twelve_days(body, article, default):
    d = min_clear_days(body, 1_000_000)
    assert d.value == 12 and article in d.article and d.default_reading is default  # LAW.md: L3121-19 [M]
    latest = latest_send_date(MEETING, body, 1_000_000)
    assert latest.value == MEETING - timedelta(days=12) == date(2026, 11, 8)
    assert "douze jours" in latest.explanation and latest.default_reading is default
    assert convocation_in_time(date(2026, 11, 8), MEETING, body, 1).value
    assert not convocation_in_time(date(2026, 11, 9), MEETING, body, 1).value


def test_latest_send_examples():
    # 3 jours francs before Friday 20: send by Sunday 16 (Monday to Thursday are the three clear days).
    assert latest_send_date(MEETING, BodyKind.COMMUNE, 1200).value == date(2026, 11, 16)
    assert latest_send_date(MEETING, BodyKind.COMMUNE, 12_000).value == date(2026, 11, 14)
    assert latest_send_date(MEETING, BodyKind.COMMUNE, 12_000, urgent=True).value == date(2026, 11, 18)


@pytest.mark.parametrize("body", [BodyKind.COMMUNE, BodyKind.EPCI, BodyKind.SYNDICAT_MIXTE])
def test_reconvocation_for_communes_and_epci(body):
    d = reconvocation_earliest(body, date(2026, 11, 20), new_send=date(2026, 11, 21))
    assert d.value == date(2026, 11, 25)  # send + 4: three jours francs in between
    assert clear_days_between(date(2026, 11, 21), d.value) == 3
    assert "L2121-17" in d.article and "Pfister" in d.article
    assert "trois jours francs" in d.explanation and "sans condition de quorum" in d.explanation
    assert french_date(date(2026, 11, 25)) in d.explanation
    # Without a new sending date, counted from the failed meeting (the earliest the new convocation can go).
    assert reconvocation_earliest(body, date(2026, 11, 20)).value == date(2026, 11, 24)


@pytest.mark.parametrize(("body", "article"), [(BodyKind.DEPARTEMENT, "L3121-14"), (BodyKind.REGION, "L4132-13")])
def test_reconvocation_de_plein_droit_for_cd_cr(body, article):
    d = reconvocation_earliest(body, date(2026, 11, 20), new_send=date(2026, 11, 25))
    assert d.value == date(2026, 11, 23) and article in d.article
    assert "de plein droit trois jours plus tard" in d.explanation and "sans nouvelle convocation" in d.explanation


@pytest.mark.parametrize(
    ("body", "population", "icpe", "required"),
    [
        (BodyKind.COMMUNE, 3499, False, False),
        (BodyKind.COMMUNE, 3499, True, True),
        (BodyKind.COMMUNE, 3500, False, True),
        (BodyKind.EPCI, 900, False, True),
        (BodyKind.SYNDICAT_MIXTE, 900, False, True),
        (BodyKind.DEPARTEMENT, 900, False, True),
    ],
)
def test_note_de_synthese(body, population, icpe, required):
    d = note_de_synthese_required(body, population, icpe)
    assert d.value is required
    if body is BodyKind.COMMUNE and icpe and population < 3500:
        assert "ICPE" in d.explanation and "L2121-12" in d.article
