"""Remote and multi-site sessions (LAW.md §2.3, §2.4).

During the Covid windows every body could meet by videoconference. Since 1 August 2022 (loi 3DS)
EPCI, syndicats, départements and régions may meet in several places by videoconference, but not
for the elections and the budget primitif; a conseil municipal's plenary session may not.
In every remote session the ballot is public; an adopted secret-ballot request postpones the item.
"""

from __future__ import annotations

from datetime import date

from ..decision import Decision
from ..enums import BodyKind, ItemKind, SessionMode
from .regime import MULTI_SITE_LAW_START, regime_for


def multisite_article(body: BodyKind) -> tuple[str, bool]:
    return {
        BodyKind.COMMUNE: ("loi n° 2022-217 (3DS), art. 170", False),
        BodyKind.EPCI: ("art. L5211-11-1 CGCT", False),
        BodyKind.SYNDICAT_MIXTE: ("art. L5211-11-1 CGCT, applicable par l'art. L5711-1", False),
        BodyKind.DEPARTEMENT: ("art. L3121-9-1 CGCT", True),  # article number unverified (LAW.md §9)
        BodyKind.REGION: ("art. L4132-9-1 CGCT", False),
    }[body]


# Items that may not be handled in a multi-site session under the loi 3DS.
_EXCLUDED_FROM_MULTISITE = {
    BodyKind.EPCI: {ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU, ItemKind.BUDGET_PRIMITIF, ItemKind.ELECTION_DELEGATES, ItemKind.DESIGNATION_L2121_33},
    BodyKind.REGION: {ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU, ItemKind.BUDGET_PRIMITIF, ItemKind.DESIGNATION_L2121_33},
}
_EXCLUDED_FROM_MULTISITE[BodyKind.SYNDICAT_MIXTE] = _EXCLUDED_FROM_MULTISITE[BodyKind.EPCI]
_EXCLUDED_FROM_MULTISITE[BodyKind.DEPARTEMENT] = _EXCLUDED_FROM_MULTISITE[BodyKind.REGION]


def session_mode_allowed(body: BodyKind, mode: SessionMode, on: date) -> Decision[bool]:
    if not mode.is_remote:
        return Decision(True, "Séance en présentiel", "CGCT")
    regime = regime_for(on)
    when = on.strftime("%d/%m/%Y")
    if regime.is_covid:
        if regime.remote_allowed_on(on):
            return Decision(True, f"Séance à distance autorisée le {when} par le régime « {regime.label} »", regime.basis)
        return Decision(False, f"Le {when}, le régime « {regime.label} » ne permet pas de séance à distance", regime.basis)
    article, default_reading = multisite_article(body)
    if body is BodyKind.COMMUNE:
        return Decision(
            False,
            "Un conseil municipal ne peut pas tenir séance plénière en visioconférence hors des périodes d'état d'urgence sanitaire",
            article,
        )
    if on < MULTI_SITE_LAW_START:
        return Decision(False, f"Le {when}, aucun texte ne permet une séance par visioconférence", "CGCT")
    return Decision(
        True,
        f"Réunion en plusieurs lieux par visioconférence décidée par le président ({body.label}) ; "
        "les membres présents à distance comptent pour le quorum, le vote a lieu au scrutin public",
        article,
        default_reading,
    )


def item_allowed_remotely(body: BodyKind, kind: ItemKind, on: date) -> Decision[bool]:
    regime = regime_for(on)
    if regime.is_covid:
        return Decision(True, f"Point traité à distance sous le régime « {regime.label} »", regime.basis)
    article, default_reading = multisite_article(body)
    excluded = _EXCLUDED_FROM_MULTISITE.get(body, set())
    if kind in excluded:
        return Decision(
            False,
            f"Ce point ({kind.label}) ne peut pas être traité en séance par visioconférence ; il doit l'être en séance en un lieu unique",
            article,
            default_reading,
        )
    return Decision(True, "Point pouvant être traité en séance par visioconférence", article, default_reading)


def secret_ballot_in_remote_session(body: BodyKind, on: date) -> Decision[bool]:
    """False: a remote session votes by public ballot only; an adopted secret request postpones the item."""
    regime = regime_for(on)
    article = regime.basis if regime.is_covid else multisite_article(body)[0]
    return Decision(
        False,
        "En séance à distance le vote a lieu au scrutin public ; la demande de scrutin secret étant adoptée, "
        "le point est reporté à une séance ultérieure, qui ne pourra se tenir à distance",
        article,
    )
