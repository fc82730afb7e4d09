"""Huis clos (LAW.md §6, §10.6): who may ask for it, and the majority that decides it, without debate.

The majority is that of the members present or represented, not of the suffrages exprimés.
Communes (L2121-18 [S]): three members or the maire. EPCI (L5211-11 [S]), départements (L3121-11
[S2], LAW.md §10.11 corrects the former [M]) and régions (L4132-10 [S]): five members or the
président. Example (§10.6): 150 present + 30 represented → 91 votes needed.
"""

from __future__ import annotations

from ..decision import Decision
from ..enums import BodyKind


def huis_clos_article(body: BodyKind) -> tuple[str, bool]:
    return {
        BodyKind.COMMUNE: ("art. L2121-18 CGCT", False),
        BodyKind.EPCI: ("art. L5211-11 CGCT", False),
        BodyKind.SYNDICAT_MIXTE: ("art. L5211-11 CGCT, applicable par l'art. L5711-1", False),
        BodyKind.DEPARTEMENT: ("art. L3121-11 CGCT", False),  # five members or the président: [S2] (LAW.md §10.6, §10.11)
        BodyKind.REGION: ("art. L4132-10 CGCT", False),
    }[body]


def requesters_needed(body: BodyKind) -> int:
    """Three members in a commune (L2121-18); five elsewhere (L5211-11, L3121-11, L4132-10)."""
    return 3 if body is BodyKind.COMMUNE else 5


def votes_needed(present: int, represented: int) -> int:
    """« à la majorité absolue des membres présents ou représentés »: more than half of them."""
    return (present + represented) // 2 + 1


def request_receivable(body: BodyKind, requesters: int, by_chair: bool) -> Decision[bool]:
    article, default_reading = huis_clos_article(body)
    needed = requesters_needed(body)
    chair_word = "du maire" if body is BodyKind.COMMUNE else "du président"
    if by_chair:
        return Decision(True, f"Demande de huis clos recevable : elle émane {chair_word}", article, default_reading)
    if requesters >= needed:
        return Decision(True, f"Demande de huis clos recevable : {requesters} membres la présentent ({needed} requis)", article, default_reading)
    return Decision(
        False,
        f"Demande de huis clos irrecevable : {requesters} membre{'s' if requesters > 1 else ''} la présente{'nt' if requesters > 1 else ''}, "
        f"il en faut {needed} ou la demande {chair_word}",
        article,
        default_reading,
    )


def vote_outcome(body: BodyKind, pour: int, present: int, represented: int) -> Decision[bool]:
    article, default_reading = huis_clos_article(body)
    base = present + represented
    needed = votes_needed(present, represented)
    adopted = pour >= needed
    verdict = "Huis clos décidé" if adopted else "Huis clos refusé"
    return Decision(
        adopted,
        f"{verdict} : {pour} voix pour, majorité absolue des {base} membres présents ou représentés : {needed}",
        article,
        default_reading,
    )
