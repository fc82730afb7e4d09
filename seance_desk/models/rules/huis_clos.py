"""Huis clos (LAW.md §6): who may ask for it, and the majority that decides it, without debate.

The majority is that of the members present or represented, not of the suffrages exprimés.
"""

from __future__ import annotations

from ..decision import Decision
from ..enums import BodyKind


def huis_clos_article(body: BodyKind) -> tuple[str, bool]:
    return {
        BodyKind.COMMUNE: ("art. L2121-18 CGCT", False),
        BodyKind.EPCI: ("art. L5211-11 CGCT", False),
        BodyKind.SYNDICAT_MIXTE: ("art. L5211-11 CGCT, applicable par l'art. L5711-1", False),
        BodyKind.DEPARTEMENT: ("art. L3121-11 CGCT", True),  # five members: LAW.md marks it [M]
        BodyKind.REGION: ("art. L4132-10 CGCT", False),
    }[body]


def requesters_needed(body: BodyKind) -> int:
    return 3 if body is BodyKind.COMMUNE else 5


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
    needed = base // 2 + 1
    adopted = pour >= needed
    verdict = "Huis clos décidé" if adopted else "Huis clos refusé"
    return Decision(
        adopted,
        f"{verdict} : {pour} voix pour, majorité absolue des {base} membres présents ou représentés : {needed}",
        article,
        default_reading,
    )
