"""Remote and multi-site sessions (LAW.md §2.3, §2.4).

During the Covid windows every body could meet by videoconference. Since 1 August 2022 (loi 3DS)
EPCI, syndicats, départements and régions may meet in several places by videoconference, but not
for the elections and the budget primitif; a conseil municipal's plenary session may not.
In every remote session the ballot is public; an adopted secret-ballot request postpones the item.

Between the Covid windows of 2020-2022, EPCI à fiscalité propre (communautés de communes,
d'agglomération, urbaines, métropoles: BodyKind.EPCI) could already meet in several rooms linked by
videoconference under art. L5211-11-1 CGCT as created by loi 2019-1461 art. 11 [S2] and its décret
2020-904 (R5211-2 to R5211-2-2), in force from 31/10/2020 [S] (LAW.md §10.7): the président decides,
rooms designated beforehand by a délibération, public ballot only, the same items excluded as under
the loi 3DS; not for syndicats and pôles métropolitains, and no connection from home [S2].
"""

from __future__ import annotations

from datetime import date

from ..decision import Decision
from ..enums import BodyKind, ItemKind, SessionMode
from .regime import MULTI_SITE_LAW_START, regime_for

# Décret n° 2020-904: in force « le lendemain de la fin de l'application » of ord. 2020-391 art. 6,
# i.e. 31/10/2020 (FNCCR; LAW.md §10.7 [S]).
EPCI_ROOMS_DECREE_START = date(2020, 10, 31)
EPCI_ROOMS_ARTICLE = "art. L5211-11-1 CGCT (loi n° 2019-1461, art. 11) et décret n° 2020-904 (art. R5211-2 à R5211-2-2 CGCT)"


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
        return _before_the_3ds_law(body, mode, on)
    return Decision(
        True,
        f"Réunion en plusieurs lieux par visioconférence décidée par le président ({body.label}) ; "
        "les membres présents à distance comptent pour le quorum, le vote a lieu au scrutin public",
        article,
        default_reading,
    )


def _before_the_3ds_law(body: BodyKind, mode: SessionMode, on: date) -> Decision[bool]:
    """Outside the Covid windows, before 01/08/2022: only an EPCI à fiscalité propre, in rooms, from 31/10/2020."""
    when = on.strftime("%d/%m/%Y")
    if body is BodyKind.SYNDICAT_MIXTE and on >= EPCI_ROOMS_DECREE_START:
        return Decision(
            False,
            f"Le {when}, la réunion en plusieurs lieux par visioconférence n'est ouverte qu'aux communautés de communes, "
            "d'agglomération, urbaines et aux métropoles, pas aux syndicats ni aux pôles métropolitains",
            EPCI_ROOMS_ARTICLE,
        )
    if body is not BodyKind.EPCI or on < EPCI_ROOMS_DECREE_START:
        return Decision(False, f"Le {when}, aucun texte ne permet une séance par visioconférence", "CGCT")
    if mode is not SessionMode.MULTI_SITE:
        return Decision(
            False,
            f"Le {when}, le conseil communautaire ne peut se réunir qu'en plusieurs salles désignées au préalable par "
            "délibération, reliées par visioconférence : la participation depuis le domicile n'est pas permise",
            EPCI_ROOMS_ARTICLE,
        )
    return Decision(
        True,
        f"Réunion en plusieurs lieux par visioconférence décidée par le président ({body.label}), dans des salles "
        "désignées au préalable par délibération et mentionnées dans la convocation ; les membres présents dans "
        "ces salles comptent pour le quorum, le vote a lieu au scrutin public",
        EPCI_ROOMS_ARTICLE,
    )


def _multisite_basis(body: BodyKind, on: date) -> tuple[str, bool]:
    """The article governing a multi-site session on that date outside the Covid windows."""
    if body is BodyKind.EPCI and EPCI_ROOMS_DECREE_START <= on < MULTI_SITE_LAW_START:
        return EPCI_ROOMS_ARTICLE, False
    return multisite_article(body)


def item_allowed_remotely(body: BodyKind, kind: ItemKind, on: date) -> Decision[bool]:
    regime = regime_for(on)
    if regime.is_covid:
        return Decision(True, f"Point traité à distance sous le régime « {regime.label} »", regime.basis)
    article, default_reading = _multisite_basis(body, on)
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
    article = regime.basis if regime.is_covid else _multisite_basis(body, on)[0]
    return Decision(
        False,
        "En séance à distance le vote a lieu au scrutin public ; la demande de scrutin secret étant adoptée, "
        "le point est reporté à une séance ultérieure, qui ne pourra se tenir à distance",
        article,
    )
