"""The ordre du tableau (art. L2121-1 CGCT): the order in which documents list the members.

L2121-1: the maire first, then the adjoints in the order of their election, then the conseillers
« 1° par la date la plus ancienne de leur élection intervenue depuis le dernier renouvellement
intégral du conseil municipal ; 2° entre conseillers élus le même jour, par le plus grand nombre de
suffrages obtenus ; 3° et, à égalité de voix, par la priorité d'âge ».

What the data allows, and what is approximated (said here because the documents rely on it):
- maire / président: the member whose function says so (or the assembly's executive);
- adjoints / vice-présidents: by the number their function carries (« 1er adjoint », « 2e
  vice-présidente »); without a number, in the order of the roster;
- conseillers: by the date they took their seat in the register (the installation after the
  general election, or the date of a later change for a replacement or a suppléant become titulaire:
  the date of the change stands for the date of election, which the register does not hold);
- the number of votes is not in the data. Members installed together keep the order of the roster
  file, which the clerk writes « dans l'ordre du tableau » (files/prepare/roster.py) and which
  therefore already carries the votes and the ages he knows; members entering on the same later date
  are ordered by age (the older first), the third criterion.
Suppléants (EPCI, L5211-6) are not on the tableau: they get no rank.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from .assembly import Member

_HEADS = {"maire", "president", "presidente"}
_DEPUTIES = ("adjoint", "vice-president", "vice president")
_NUMBER = re.compile(r"(\d+)")
_WORD_NUMBERS = {
    "premier": 1, "premiere": 1, "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3, "quatrieme": 4,
    "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8, "neuvieme": 9, "dixieme": 10,
}
_NO_NUMBER = 10_000  # an adjoint whose function gives no rank comes after the numbered ones


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def function_group(member: Member, executive_id: str | None = None) -> tuple[int, int]:
    """(0, 0) for the maire or président, (1, n) for the n-th adjoint or vice-président, (2, 0) otherwise."""
    function = _fold(member.function)
    if member.id == executive_id or function in _HEADS:
        return (0, 0)
    if any(word in function for word in _DEPUTIES):
        found = _NUMBER.search(function)
        if found:
            return (1, int(found.group(1)))
        for word, number in _WORD_NUMBERS.items():
            if word in function.split():
                return (1, number)
        return (1, _NO_NUMBER)
    return (2, 0)


def tableau_order(
    members: Sequence[Member],
    seated_since: Mapping[str, date],
    executive_id: str | None = None,
) -> list[Member]:
    """The titulaires in office in the ordre du tableau (see the module's note on what is
    approximated). `members` in roster order; `seated_since`: the date each took his seat."""
    position = {m.id: i for i, m in enumerate(members)}
    earliest = min(seated_since.values(), default=date.min)

    def key(member: Member) -> tuple:
        group, rank = function_group(member, executive_id)
        since = seated_since.get(member.id, earliest)
        # Installed together: the roster's order. Entered later on the same day: the older first.
        later = since > earliest
        age = member.birth_date.toordinal() if (later and member.birth_date) else date.max.toordinal()
        return (group, rank, since, age if later else 0, position[member.id])

    return sorted((m for m in members if m.is_titulaire and m.in_office), key=key)


def with_tableau_ranks(members: Sequence[Member], seated_since: Mapping[str, date], executive_id: str | None = None) -> tuple[Member, ...]:
    """`members` (same order) with rank_in_tableau set for the titulaires in office, None for others."""
    ranks = {m.id: i for i, m in enumerate(tableau_order(members, seated_since, executive_id), start=1)}
    return tuple(replace(m, rank_in_tableau=ranks.get(m.id)) for m in members)
