"""The sitting itself: opening, suspension, resumption, levée, and the secretaries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import ItemStatus, SessionPhase
from ..journal import Event
from ..rules import remote as remote_rules
from .areas import AGENDA, QUORUM, SESSION, Changes
from .guards import refusal_check, refuse, require_no_vote_running, require_not_closed, require_open
from .quorum import QuorumCheck, live_quorum, snapshot_quorum

if TYPE_CHECKING:
    from .session_state import SessionState


@refusal_check
def check_session_opened(state: SessionState) -> None:
    if state.phase is not SessionPhase.NOT_OPENED:
        raise RuleViolation("La séance est déjà ouverte")
    allowed = remote_rules.session_mode_allowed(state.assembly.kind, state.setup.mode, state.setup.date)
    if not allowed.value:
        raise RuleViolation(f"Ouverture impossible : {allowed.explanation}", allowed.article)


def apply_session_opened(state: SessionState, event: Event) -> Changes:
    refuse(check_session_opened(state))
    state.phase = SessionPhase.OPEN
    state.opened_at = event.at
    state.quorum_checks.append(QuorumCheck(event.at, "ouverture de la séance", live_quorum(state)))
    return Changes(frozenset({SESSION, QUORUM, AGENDA}))


@refusal_check
def check_session_suspended(state: SessionState) -> None:
    require_open(state, "Suspension impossible")
    require_no_vote_running(state, "Suspension impossible")
    if state.speakers.current:
        raise RuleViolation(f"Suspension impossible : {state.name(state.speakers.requests[state.speakers.current].member_id)} a la parole")


def apply_session_suspended(state: SessionState, event: Event) -> Changes:
    refuse(check_session_suspended(state))
    state.phase = SessionPhase.SUSPENDED
    state.suspensions.append((event.at, None, event.payload.get("reason") or ""))
    return Changes(frozenset({SESSION}))


@refusal_check
def check_session_resumed(state: SessionState) -> None:
    if state.phase is not SessionPhase.SUSPENDED:
        raise RuleViolation("Reprise impossible : la séance n'est pas suspendue")


def apply_session_resumed(state: SessionState, event: Event) -> Changes:
    refuse(check_session_resumed(state))
    state.phase = SessionPhase.OPEN
    start, _, reason = state.suspensions[-1]
    state.suspensions[-1] = (start, event.at, reason)
    state.quorum_checks.append(QuorumCheck(event.at, "reprise de la séance", live_quorum(state)))
    # The quorum is checked again after each suspension, for the item under discussion too.
    item = state.current_item
    if item is not None and item.status is ItemStatus.OPEN:
        snapshot_quorum(state, item)
    return Changes(frozenset({SESSION, QUORUM, AGENDA}), state.current_item_id)


@refusal_check
def check_session_closed(state: SessionState) -> None:
    if state.phase is SessionPhase.CLOSED:
        raise RuleViolation("La séance est déjà levée")
    if state.phase is SessionPhase.NOT_OPENED:
        raise RuleViolation("La séance n'a pas été ouverte")
    require_no_vote_running(state, "Levée de séance impossible")
    item = state.current_item
    if item is not None and item.status is ItemStatus.OPEN:
        raise RuleViolation(f"Levée de séance impossible : le point n° {item.item.number} est en discussion ; clôturez-le ou reportez-le")


def apply_session_closed(state: SessionState, event: Event) -> Changes:
    refuse(check_session_closed(state))
    state.phase = SessionPhase.CLOSED
    state.closed_at = event.at
    if state.suspensions and state.suspensions[-1][1] is None:
        start, _, reason = state.suspensions[-1]
        state.suspensions[-1] = (start, event.at, reason)
    return Changes(frozenset({SESSION, AGENDA}))


@refusal_check
def check_secretaries_appointed(state: SessionState, *, member_ids: list[str] | tuple[str, ...]) -> None:
    require_not_closed(state, "Désignation impossible")
    for mid in member_ids:
        member = state.member(mid)
        if not member.in_office:
            raise RuleViolation(f"{member.display_name} n'est plus membre en exercice")


def apply_secretaries_appointed(state: SessionState, event: Event) -> Changes:
    ids = event.payload["member_ids"]
    refuse(check_secretaries_appointed(state, member_ids=ids))
    state.secretary_ids = tuple(ids)
    state.minutes.secretary_ids = state.secretary_ids
    return Changes(frozenset({SESSION}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "session.opened": apply_session_opened,
    "session.suspended": apply_session_suspended,
    "session.resumed": apply_session_resumed,
    "session.closed": apply_session_closed,
    "secretaries.appointed": apply_secretaries_appointed,
}
