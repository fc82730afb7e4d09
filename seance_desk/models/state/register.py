"""The register numbers of the session's délibérations (issue 9 § 2; LAW.md § 10.10).

Every délibération voted gets a number, adopted or rejected alike (a rejected délibération is a
decision of the assembly too, and the register keeps every délibération « par ordre de date »,
art. L2121-23 CGCT); an item closed without a vote, postponed or withdrawn gets none.

The approval of the previous session's procès-verbal (ItemKind.APPROBATION_PV) gets none either:
the vote arrêtes a document of the assembly (art. L2121-15: « arrêté au commencement de la séance
suivante »), it decides nothing and is not an act transmitted to the préfet (art. L2131-1, L2131-2);
published PVs print it as « Approbation du procès-verbal de la séance du … » without a number, and
LAW.md § 10.10 numbers the délibérations only (§ 5: R2121-9's rank within the session, which it
keeps, is another thing). A number for it would open a gap in the @ctes sequence the préfecture
receives. Journals numbered before this rule (the approval numbered with the others) still fold:
check_acts_numbered accepts that older list too; only new numberings follow the rule.

When: at the levée, in the same action as `session.closed` (Commands.close_session, given the next
free number by the service). Then no later vote can slip in between, an undo of the levée cancels
the numbers with it (they become free again), and the numbers follow the order of the agenda.

Which numbers: consecutive, from `first`, the next free rank of the assembly's year — which only
the store knows (the other sessions of the year: Store.next_register_number). The state checks
what it can: the session's year, every voted item numbered once in agenda order, consecutive ranks,
the numbers written by the règlement's pattern, and their @ctes form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import ItemKind, ItemStatus, SessionPhase
from ..journal import Event
from ..rules.numbering import ctes_problem, register_number
from .acts_state import RegisterEntry
from .areas import AGENDA, Changes
from .guards import refusal_check, refuse

if TYPE_CHECKING:
    from ..session_setup import AgendaItem
    from .session_state import SessionState

_ARTICLE = "art. L2121-23 CGCT"


def takes_register_number(item: AgendaItem) -> bool:
    """Whether a vote on `item` makes a délibération of the register: every kind but the approval of
    a previous PV (see the module's docstring for why)."""
    return item.kind is not ItemKind.APPROBATION_PV


def items_to_number(state: SessionState) -> list[str]:
    """The voted délibérations, in the agenda's order: the items the register numbers."""
    return [item_id for item_id in _voted_in_order(state) if takes_register_number(state.items[item_id].item)]


def _voted_in_order(state: SessionState) -> list[str]:
    voted = [item for item in state.items.values() if item.status is ItemStatus.VOTED]
    return [item.id for item in sorted(voted, key=lambda item: item.item.number)]


def numbers_for(state: SessionState, first: int, count: int) -> list[str]:
    """The numbers the règlement's pattern gives ranks first … first + count - 1 of the session's year."""
    pattern = state.assembly.reglement.register_number_pattern
    return [register_number(pattern, state.session_date.year, rank) for rank in range(first, first + count)]


@refusal_check
def check_acts_numbered(state: SessionState, *, year: int, first: int, item_ids: Sequence[str], numbers: Sequence[str]) -> None:
    what = "Numérotation des délibérations impossible"
    if state.phase is not SessionPhase.CLOSED:
        raise RuleViolation(f"{what} : les délibérations sont numérotées à la levée de la séance")
    if state.acts.register:
        ranks = sorted(entry.rank for entry in state.acts.register.values())
        raise RuleViolation(f"{what} : les délibérations de cette séance sont déjà numérotées (rangs {ranks[0]} à {ranks[-1]})", _ARTICLE)
    if year != state.session_date.year:
        raise RuleViolation(f"{what} : l'année du registre ({year}) n'est pas celle de la séance ({state.session_date.year})", _ARTICLE)
    if first < 1:
        raise RuleViolation(f"{what} : le premier rang de l'année est 1", _ARTICLE)
    expected = items_to_number(state)
    # A journal numbered before the approval of the PV was left out numbered every voted item: it
    # was right then, and the stored event must still fold (the module's docstring).
    if list(item_ids) == _voted_in_order(state):
        expected = list(item_ids)
    if list(item_ids) != expected:
        listed = ", ".join(f"n° {state.items[i].item.number}" for i in expected) or "aucun"
        raise RuleViolation(f"{what} : chaque point voté reçoit un numéro, dans l'ordre de l'ordre du jour (points votés : {listed})", _ARTICLE)
    try:
        wanted = numbers_for(state, first, len(expected))
    except ValueError as exc:
        raise RuleViolation(f"{what} : {exc}") from None
    if list(numbers) != wanted:
        raise RuleViolation(f"{what} : les numéros doivent se suivre à partir du rang {first} selon le motif du règlement ({', '.join(wanted)})", _ARTICLE)
    for number in numbers:
        problem = ctes_problem(number)
        if problem is not None:
            raise RuleViolation(f"{what} : {problem}")


def apply_acts_numbered(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_acts_numbered(state, year=p["year"], first=p["first"], item_ids=p["item_ids"], numbers=p["numbers"]))
    for offset, (item_id, number) in enumerate(zip(p["item_ids"], p["numbers"], strict=True)):
        state.acts.register[item_id] = RegisterEntry(p["year"], p["first"] + offset, number)
    return Changes(frozenset({AGENDA}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "acts.numbered": apply_acts_numbered,
}
