"""Which legal regime governs a session, from its date (LAW.md §2.3)."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.enums import BodyKind
from seance_desk.models.rules.regime import (
    ALL_REGIMES,
    COVID_2020_2021,
    COVID_2020_AUTUMN,
    COVID_2020_SPRING,
    COVID_2020_SUMMER,
    COVID_2021_2022,
    ORDINARY,
    QuorumBase,
    proxy_article,
    quorum_article,
    regime_for,
    resolve_regime,
)

# Each boundary of LAW.md §2.3: the last day of one regime and the first day of the next.
BOUNDARIES = [
    (date(2020, 3, 23), ORDINARY),
    (date(2020, 3, 24), COVID_2020_SPRING),
    (date(2020, 5, 14), COVID_2020_SPRING),
    (date(2020, 7, 10), COVID_2020_SPRING),
    (date(2020, 7, 11), COVID_2020_SUMMER),
    (date(2020, 8, 30), COVID_2020_SUMMER),
    (date(2020, 8, 31), ORDINARY),
    (date(2020, 10, 16), ORDINARY),
    (date(2020, 10, 17), COVID_2020_AUTUMN),
    (date(2020, 11, 14), COVID_2020_AUTUMN),
    (date(2020, 11, 15), COVID_2020_2021),
    (date(2021, 6, 1), COVID_2020_2021),
    (date(2021, 9, 30), COVID_2020_2021),
    (date(2021, 10, 1), ORDINARY),
    (date(2021, 11, 10), ORDINARY),
    (date(2021, 11, 11), COVID_2021_2022),
    (date(2022, 7, 31), COVID_2021_2022),
    (date(2022, 8, 1), ORDINARY),
    (date(2026, 11, 20), ORDINARY),
    (date(2019, 1, 1), ORDINARY),
]


@pytest.mark.parametrize(("on", "expected"), BOUNDARIES, ids=[d.isoformat() for d, _ in BOUNDARIES])
def test_regime_boundaries(on, expected):
    assert regime_for(on) is expected


def test_covid_regimes_are_one_third_and_two_proxies():
    for regime in ALL_REGIMES:
        if regime is ORDINARY:
            assert regime.quorum_base is QuorumBase.MAJORITY
            assert regime.max_proxies == 1
            assert not regime.remote_allowed
            assert not regime.is_covid
        else:
            assert regime.is_covid
            assert regime.quorum_base is QuorumBase.THIRD
            assert regime.max_proxies == 2


def test_only_spring_2020_counts_the_represented():
    assert [r for r in ALL_REGIMES if r.represented_count_for_quorum] == [COVID_2020_SPRING]


@pytest.mark.parametrize(
    ("on", "allowed"),
    [
        (date(2020, 4, 15), True),  # ord. 2020-391 art. 6
        (date(2020, 7, 10), True),
        (date(2020, 7, 11), False),  # loi 2020-760: no remote session in summer 2020
        (date(2020, 8, 30), False),
        (date(2020, 10, 16), False),  # droit commun between the summer and the health emergency declared again
        (date(2020, 10, 17), True),  # LAW.md §10.8: ord. 2020-391 art. 6 ran to 30/10/2020 (« 21/10/2020: video lawful »)
        (date(2020, 10, 30), True),
        (date(2020, 10, 31), True),  # then loi 2020-1379 as the AMF reads it
        (date(2020, 11, 15), True),
        (date(2021, 9, 30), True),
        (date(2021, 11, 11), True),
        (date(2022, 7, 31), True),
    ],
)
def test_remote_allowed_by_the_emergency_texts(on, allowed):
    assert regime_for(on).remote_allowed_on(on) is allowed


@pytest.mark.parametrize(
    ("on", "fragment"),
    [
        (date(2020, 4, 15), "2020-290"),
        (date(2020, 7, 20), "2020-760"),
        (date(2020, 10, 20), "2020-391"),
        (date(2021, 3, 15), "2020-1379"),
        (date(2021, 3, 15), "2021-689"),
        (date(2022, 1, 10), "2021-1465"),
    ],
)
def test_covid_regime_names_its_text(on, fragment):
    decision = resolve_regime(BodyKind.COMMUNE, on)
    assert fragment in decision.article
    assert "tiers" in decision.explanation and "deux pouvoirs" in decision.explanation
    assert on.strftime("%d/%m/%Y") in decision.explanation
    # Under a Covid regime the quorum and proxy rules cite the emergency text, for every body.
    for body in BodyKind:
        assert quorum_article(body, decision.value) == decision.value.basis
        assert proxy_article(body, decision.value) == decision.value.basis


@pytest.mark.parametrize(
    ("body", "quorum", "proxy"),
    [
        (BodyKind.COMMUNE, "L2121-17", "L2121-20"),
        (BodyKind.EPCI, "L5211-1", "L5211-1"),
        (BodyKind.SYNDICAT_MIXTE, "L5711-1", "L5711-1"),
        (BodyKind.DEPARTEMENT, "L3121-14", "L3121-16"),
        (BodyKind.REGION, "L4132-13", "L4132-15"),
    ],
)
def test_ordinary_law_articles(body, quorum, proxy):
    decision = resolve_regime(body, date(2026, 11, 20))
    assert decision.value is ORDINARY
    assert quorum in decision.article
    assert "droit commun" in decision.explanation and "un pouvoir par élu" in decision.explanation
    assert quorum in quorum_article(body, ORDINARY)
    assert proxy in proxy_article(body, ORDINARY)
    if body.is_intercommunal:
        assert "L2121-17" in quorum_article(body, ORDINARY) and "L2121-20" in proxy_article(body, ORDINARY)
