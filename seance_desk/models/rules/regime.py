"""The legal regime in force for a session, from its date (LAW.md §2.3 and §2.4).

The Covid-period regimes (2020-2022) are kept so that past sessions replay under the law they were
held under: one third quorum, two proxies per holder, remote sessions with a public ballot only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..decision import Decision
from ..enums import BodyKind


class QuorumBase(StrEnum):
    MAJORITY = "majorite"  # more than half of the members in office: floor(n/2) + 1
    THIRD = "tiers"  # one third of the members in office: ceil(n/3)


@dataclass(frozen=True, slots=True)
class Regime:
    """The legal regime of a session's date: quorum base, proxies, remote sessions."""
    code: str
    label: str
    basis: str  # the text that sets it, as printed in explanations
    quorum_base: QuorumBase
    represented_count_for_quorum: bool  # spring 2020 only: proxies counted in the quorum
    max_proxies: int
    remote_allowed: bool  # remote sessions allowed by the emergency texts (all bodies)
    remote_from: date | None = None  # autumn 2020: remote allowed only from this date on
    # Autumn 2020 (LAW.md §10.8): whether the regime applied at all is contested; its decisions are
    # marked as the default reading and say what the strict reading (droit commun) would give.
    contested_quorum: bool = False

    @property
    def is_covid(self) -> bool:
        return self.code != ORDINARY.code

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "quorum_base": self.quorum_base.value,
            "max_proxies": self.max_proxies,
            "represented_count_for_quorum": self.represented_count_for_quorum,
        }

    def remote_allowed_on(self, on: date) -> bool:
        return self.remote_allowed and (self.remote_from is None or on >= self.remote_from)


ORDINARY = Regime(
    code="droit_commun",
    label="droit commun",
    basis="CGCT",
    quorum_base=QuorumBase.MAJORITY,
    represented_count_for_quorum=False,
    max_proxies=1,
    remote_allowed=False,
)
COVID_2020_SPRING = Regime(
    code="covid_2020_printemps",
    label="état d'urgence sanitaire (printemps 2020)",
    basis="art. 10 de la loi n° 2020-290 et art. 6 de l'ordonnance n° 2020-391",
    quorum_base=QuorumBase.THIRD,
    represented_count_for_quorum=True,
    max_proxies=2,
    remote_allowed=True,
)
COVID_2020_SUMMER = Regime(
    code="covid_2020_ete",
    label="sortie de l'état d'urgence sanitaire (été 2020)",
    basis="art. 10 de la loi n° 2020-290 modifié par la loi n° 2020-760",
    quorum_base=QuorumBase.THIRD,
    represented_count_for_quorum=False,
    max_proxies=2,
    remote_allowed=False,
)
# Autumn 2020 (LAW.md §10.8, §10.11): the state of health emergency was declared again from
# 17/10/2020. LAW.md's reading (Landot 16/10/2020, maire-info) [S2]: art. 10 of loi 2020-290 — one
# third quorum, two proxies — applied again from that day; the strict reading (AMF: « depuis le
# 16 novembre ») waits for loi 2020-1379. Contested: every decision under it says so (« lecture par
# défaut »). Video is not part of the doubt: ord. 2020-391 art. 6 ran to 30/10/2020 (AN amendment
# 3347/190, Landot 14/08/2020), then loi 2020-1379 as the AMF reads it « depuis le 31 octobre »; so
# LAW.md §10.8's answer: « 21/10/2020: video lawful » — from the regime's first day, not from 31/10
# as §2.3's row said before §10.8.
COVID_2020_GAP = Regime(
    code="covid_2020_automne",  # kept: the code replay and exports have always printed
    label="état d'urgence sanitaire (automne 2020, lecture contestée)",
    basis="art. 10 de la loi n° 2020-290 réactivé ; visioconférence : art. 6 de l'ordonnance n° 2020-391 jusqu'au 30/10/2020, puis loi n° 2020-1379",
    quorum_base=QuorumBase.THIRD,
    represented_count_for_quorum=False,
    max_proxies=2,
    remote_allowed=True,
    contested_quorum=True,
)
COVID_2020_AUTUMN = COVID_2020_GAP  # the name it had before LAW.md §10.8
COVID_2020_2021 = Regime(
    code="covid_2020_2021",
    label="état d'urgence sanitaire (loi n° 2020-1379)",
    basis="art. 6-IV de la loi n° 2020-1379, prorogé par la loi n° 2021-689",
    quorum_base=QuorumBase.THIRD,
    represented_count_for_quorum=False,
    max_proxies=2,
    remote_allowed=True,
)
COVID_2021_2022 = Regime(
    code="covid_2021_2022",
    label="vigilance sanitaire (loi n° 2021-1465)",
    basis="loi n° 2021-1465 du 10 novembre 2021",
    quorum_base=QuorumBase.THIRD,
    represented_count_for_quorum=False,
    max_proxies=2,
    remote_allowed=True,
)

# (first day, last day, regime); every other day is droit commun.
_PERIODS: tuple[tuple[date, date, Regime], ...] = (
    (date(2020, 3, 24), date(2020, 7, 10), COVID_2020_SPRING),
    (date(2020, 7, 11), date(2020, 8, 30), COVID_2020_SUMMER),
    # Through 14/11: loi 2020-1379 (JO of 15/11/2020) governs from 15/11 in LAW.md's table (§2.3).
    (date(2020, 10, 17), date(2020, 11, 14), COVID_2020_GAP),
    (date(2020, 11, 15), date(2021, 9, 30), COVID_2020_2021),
    (date(2021, 11, 11), date(2022, 7, 31), COVID_2021_2022),
)

ALL_REGIMES = (ORDINARY, COVID_2020_SPRING, COVID_2020_SUMMER, COVID_2020_GAP, COVID_2020_2021, COVID_2021_2022)

# The date from which EPCI, départements and régions may meet in several places by videoconference
# (loi 3DS, art. 170).
MULTI_SITE_LAW_START = date(2022, 8, 1)


def regime_for(on: date) -> Regime:
    for first, last, regime in _PERIODS:
        if first <= on <= last:
            return regime
    return ORDINARY


def resolve_regime(body: BodyKind, on: date) -> Decision[Regime]:
    regime = regime_for(on)
    when = on.strftime("%d/%m/%Y")
    if regime is ORDINARY:
        return Decision(
            regime,
            f"Séance du {when} ({body.label}) : droit commun — quorum de la majorité des membres en exercice, un pouvoir par élu",
            quorum_article(body, ORDINARY),
        )
    if regime.contested_quorum:
        return Decision(
            regime,
            f"Séance du {when} ({body.label}) : régime dérogatoire « {regime.label} » — quorum du tiers des membres en "
            "exercice, deux pouvoirs par élu, selon la lecture retenue (art. 10 de la loi n° 2020-290 applicable de "
            "nouveau dès le 17/10/2020) ; selon la lecture stricte, le droit commun (quorum de la majorité, un pouvoir) "
            "s'appliquait jusqu'à la loi n° 2020-1379",
            regime.basis,
            default_reading=True, reglement_may_choose=False,
        )
    return Decision(
        regime,
        f"Séance du {when} ({body.label}) : régime dérogatoire « {regime.label} » — quorum du tiers des membres en exercice, deux pouvoirs par élu",
        regime.basis,
    )


def quorum_article(body: BodyKind, regime: Regime) -> str:
    if regime.is_covid:
        return regime.basis
    return {
        BodyKind.COMMUNE: "art. L2121-17 CGCT",
        BodyKind.EPCI: "art. L2121-17 CGCT, applicable par l'art. L5211-1",
        BodyKind.SYNDICAT_MIXTE: "art. L2121-17 CGCT, applicable par l'art. L5711-1",
        BodyKind.DEPARTEMENT: "art. L3121-14 CGCT",
        BodyKind.REGION: "art. L4132-13 CGCT",
    }[body]


def proxy_article(body: BodyKind, regime: Regime) -> str:
    if regime.is_covid:
        return regime.basis
    return {
        BodyKind.COMMUNE: "art. L2121-20 CGCT",
        BodyKind.EPCI: "art. L2121-20 CGCT, applicable par l'art. L5211-1",
        BodyKind.SYNDICAT_MIXTE: "art. L2121-20 CGCT, applicable par l'art. L5711-1",
        BodyKind.DEPARTEMENT: "art. L3121-16 CGCT",
        BodyKind.REGION: "art. L4132-15 CGCT",
    }[body]
