"""Huis clos (art. L2121-18 CGCT and its equivalents): a receivable request, the assembly's vote on
it without debate, and the return to a public sitting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ..decision import Decision, RuleViolation
from ..journal import Event
from ..rules import huis_clos as huis_clos_rules
from .areas import HUIS_CLOS, SESSION, Changes
from .guards import refusal_check, refuse, require_not_closed, require_open

if TYPE_CHECKING:
    from .session_state import SessionState


@dataclass(slots=True)
class HuisClosState:
    """Whether the session sits in camera, and the requests to do so."""
    active: bool = False
    pending_request: Decision[bool] | None = None
    history: list[tuple[datetime, str]] = field(default_factory=list)


def _request_decision(state: SessionState, requester_ids: list[str] | tuple[str, ...], by_chair: bool) -> Decision[bool]:
    """The request's receivability; raises RuleViolation when the session or a requester forbids it."""
    require_open(state, "Demande de huis clos impossible")
    if state.huis_clos.active:
        # Otherwise a second, rejected vote would end the huis clos without any lifting event.
        raise RuleViolation("La séance est déjà à huis clos", huis_clos_rules.huis_clos_article(state.assembly.kind)[0])
    for mid in requester_ids:
        requester = state.member(mid)
        if not state.roll.is_seated(requester.id):
            raise RuleViolation(f"{requester.display_name} n'est pas présent{requester.e} : {requester.il} ne peut demander le huis clos")
    decision = huis_clos_rules.request_receivable(state.assembly.kind, len(requester_ids), by_chair)
    if not decision.value:
        raise RuleViolation(decision.explanation, decision.article)
    return decision


@refusal_check
def check_huis_clos_requested(state: SessionState, *, requester_ids: list[str] | tuple[str, ...] = (), by_chair: bool = False) -> None:
    _request_decision(state, requester_ids, by_chair)


def apply_huis_clos_requested(state: SessionState, event: Event) -> Changes:
    decision = _request_decision(state, event.payload.get("requester_ids") or [], bool(event.payload.get("by_chair")))
    state.huis_clos.pending_request = decision
    state.huis_clos.history.append((event.at, decision.text))
    return Changes(frozenset({HUIS_CLOS}))


@refusal_check
def check_huis_clos_voted(state: SessionState, *, pour: int, contre: int, abstention: int) -> None:
    require_open(state, "Vote sur le huis clos impossible")
    if state.huis_clos.pending_request is None:
        raise RuleViolation("Aucune demande de huis clos recevable n'est en attente de vote", huis_clos_rules.huis_clos_article(state.assembly.kind)[0])
    present = len(state.roll.attendance)
    represented = len(state.roll.usable_proxies())
    if pour + contre + abstention > present + represented:
        raise RuleViolation(f"Décompte impossible : {pour + contre + abstention} voix pour {present + represented} membres présents ou représentés")


def apply_huis_clos_voted(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_huis_clos_voted(state, pour=p["pour"], contre=p["contre"], abstention=p["abstention"]))
    decision = huis_clos_rules.vote_outcome(state.assembly.kind, p["pour"], len(state.roll.attendance), len(state.roll.usable_proxies()))
    state.huis_clos.pending_request = None
    state.huis_clos.active = decision.value
    state.huis_clos.history.append((event.at, decision.text))
    return Changes(frozenset({HUIS_CLOS, SESSION}))


@refusal_check
def check_huis_clos_lifted(state: SessionState) -> None:
    require_not_closed(state, "Retour en séance publique impossible")
    if not state.huis_clos.active:
        raise RuleViolation("La séance n'est pas à huis clos")


def apply_huis_clos_lifted(state: SessionState, event: Event) -> Changes:
    refuse(check_huis_clos_lifted(state))
    state.huis_clos.active = False
    state.huis_clos.history.append((event.at, "Retour en séance publique"))
    return Changes(frozenset({HUIS_CLOS, SESSION}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "huis_clos.requested": apply_huis_clos_requested,
    "huis_clos.voted": apply_huis_clos_voted,
    "huis_clos.lifted": apply_huis_clos_lifted,
}
