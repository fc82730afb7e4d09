"""The number of seats of a municipal council set by law (art. L2121-2 CGCT), so that `prepare`
can warn — never refuse — when the roster does not match the population.

A mismatch is often legitimate (seats vacant after deaths or resignations: the quorum is then
counted on the members in office), but it is also how a line missing from the roster, a line
pasted twice or a population typed wrong shows: the clerk is told, and decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..assembly import Member
from ..enums import BodyKind
from ..french import french_int

# (population below which, seats), art. L2121-2 CGCT (the table in ../shared/LAW.md § 7).
_SEATS: tuple[tuple[int, int], ...] = (
    (100, 7), (500, 11), (1_500, 15), (2_500, 19), (3_500, 23), (5_000, 27), (10_000, 29), (20_000, 33),
    (30_000, 35), (40_000, 39), (50_000, 43), (60_000, 45), (80_000, 49), (100_000, 53), (150_000, 55),
    (200_000, 59), (250_000, 61), (300_000, 65),
)
_SEATS_ABOVE = 69

# Since loi 2025-444 (art. 5), a council of a commune under 1,000 inhabitants is « réputé complet »
# from 5 (< 100), 9 (100–499) or 13 (500–999) members after an election (art. L2121-2-1 CGCT):
# up to two seats fewer than the table is then normal, not a warning. Its effectif, for every legal
# provision, is then the number of members after the last election — not the legal number of
# seats (LAW.md §0 [S]); that is what `effectif_reference` holds.
_REPUTED_COMPLETE: tuple[tuple[int, int], ...] = ((100, 5), (500, 9), (1_000, 13))

# Paris, Lyon and Marseille have councils of their own (chapitre Ier du titre Ier du livre V):
# the table does not apply. Recognised by name and size, so that Marseille-en-Beauvaisis is not.
_PLM_WORDS = {"paris", "lyon", "marseille"}
_PLM_MINIMUM_POPULATION = 300_000


def legal_seats(population: int) -> int:
    """The seats of a municipal council of this population (art. L2121-2 CGCT)."""
    return next((seats for below, seats in _SEATS if population < below), _SEATS_ABOVE)


def reputed_complete_minimum(population: int) -> int | None:
    """The fewest members with which a council of a commune under 1,000 inhabitants is complete (L2121-2-1)."""
    return next((members for below, members in _REPUTED_COMPLETE if population < below), None)


def is_paris_lyon_marseille(name: str, population: int) -> bool:
    words = set(re.findall(r"[a-z]+", name.casefold()))
    return population >= _PLM_MINIMUM_POPULATION and bool(words & _PLM_WORDS)


def council_size_warning(
    kind: BodyKind, population: int, name: str, members: Sequence[Member], effectif_reference: int | None = None
) -> str | None:
    """A French warning when a commune's roster does not have the legal number of councillors, else None."""
    if kind is not BodyKind.COMMUNE or population < 0 or is_paris_lyon_marseille(name, population):
        return None
    seats = legal_seats(population)
    count = sum(1 for m in members if m.suppleant_of is None and m.in_office)
    where = f"une commune de {french_int(population)} habitants a {seats} conseillers municipaux (art. L2121-2 CGCT)"
    if count > seats:
        return (
            f"le tableau compte {count} membres : c'est plus que la loi ne le permet, {where} ; vérifiez la liste des "
            "membres (une ligne en double ?) et la population"
        )
    if count == seats or effectif_reference is not None:  # vacancies declared: the clerk has said the effectif
        return None
    minimum = reputed_complete_minimum(population)
    if minimum is not None and count >= minimum:
        return None  # réputé complet
    complete = (
        f" ; depuis 2025, un conseil de commune de moins de 1 000 habitants est réputé complet à partir de {minimum} membres "
        "(art. L2121-2-1 CGCT)" if minimum is not None else ""
    )
    return (
        f"le tableau compte {count} membre{'s' if count > 1 else ''} : {where}{complete} ; vérifiez la liste des membres "
        "(une ligne manquante ?) et la population ; si des sièges sont vacants, le quorum se compte sur les membres en exercice"
    )


def effectif_reference_problem(effectif: int, in_office_now: int) -> str | None:
    """Refusal (French) of an effectif « réputé complet » (L2121-2-1 [S], LAW.md §0) below the members in office now: members
    only leave between two elections, so the effectif after the last one cannot be smaller."""
    if effectif >= max(in_office_now, 1):
        return None
    return (
        f"effectif de référence {effectif} inférieur au nombre de membres en exercice ({in_office_now}) : l'effectif d'un "
        "conseil « réputé complet » est le nombre de ses membres à l'issue de la dernière élection, qui ne peut être "
        "moindre que celui des membres aujourd'hui en exercice (art. L2121-2-1 CGCT)"
    )


def effectif_reference_warning(kind: BodyKind, population: int, effectif: int) -> str | None:
    """A French warning when the effectif « réputé complet » the clerk gives does not fit L2121-2-1 [S]:
    a commune under 1,000 inhabitants, whose council had at least 5, 9 or 13 members after its last
    election and no more than the legal seats. A warning only: the clerk knows the council."""
    article = "(art. L2121-2-1 CGCT)"
    minimum = reputed_complete_minimum(population) if kind is BodyKind.COMMUNE else None
    if minimum is None:
        return (
            f"effectif de référence {effectif} : seul un conseil municipal d'une commune de moins de 1 000 habitants peut être "
            f"« réputé complet » {article} ; ailleurs le quorum se compte sur les membres en exercice"
        )
    seats = legal_seats(population)
    if effectif > seats:
        return (
            f"effectif de référence {effectif} : plus que les {seats} sièges d'une commune de {french_int(population)} habitants "
            "(art. L2121-2 CGCT) ; l'effectif d'un conseil « réputé complet » est le nombre de ses membres à l'issue de la "
            "dernière élection"
        )
    if effectif < minimum:
        return (
            f"effectif de référence {effectif} : un conseil de commune de {french_int(population)} habitants n'est « réputé complet » "
            f"qu'avec au moins {minimum} membres à l'issue de la dernière élection {article}"
        )
    return None
