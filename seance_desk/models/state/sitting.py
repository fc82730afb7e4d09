"""The sitting itself: opening, suspension, resumption, levée, the constat de carence, the
secretaries and their auxiliaries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import ItemStatus, SessionPhase
from ..journal import Event
from ..rules import remote as remote_rules
from .areas import AGENDA, QUORUM, SESSION, Changes
from .carence import Carence
from .guards import refusal_check, refuse, require_no_vote_running, require_not_closed, require_open
from .quorum import QuorumCheck, live_quorum, represented_for, snapshot_quorum

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


SECRETARY_ARTICLE = "art. L2121-15 CGCT"


@refusal_check
def check_secretaries_appointed(state: SessionState, *, member_ids: list[str] | tuple[str, ...]) -> None:
    """« Au début de chacune de ses séances, le conseil municipal nomme un ou plusieurs de ses
    membres pour remplir les fonctions de secrétaire » (L2121-15): members present when named.
    A later appointment replaces the secretaries (the journal keeps each)."""
    what = "Désignation du secrétaire de séance impossible"
    require_not_closed(state, what)
    for mid in member_ids:
        member = state.member(mid)
        if not member.in_office:
            raise RuleViolation(f"{member.display_name} n'est plus membre en exercice")
        if not state.roll.is_seated(mid):
            raise RuleViolation(
                f"{what} : {member.display_name} n'est pas présent{member.e} ; le conseil nomme son secrétaire parmi ses membres présents",
                SECRETARY_ARTICLE,
            )


def apply_secretaries_appointed(state: SessionState, event: Event) -> Changes:
    ids = event.payload["member_ids"]
    refuse(check_secretaries_appointed(state, member_ids=ids))
    state.secretary_ids = tuple(ids)
    state.minutes.secretary_ids = state.secretary_ids
    return Changes(frozenset({SESSION}))


@refusal_check
def check_auxiliaries_appointed(state: SessionState, *, names: list[str] | tuple[str, ...]) -> None:
    """The council may add auxiliaries taken outside its members (L2121-15): they attend, take no
    part in the deliberations, never vote and never count in the quorum. An empty list removes them."""
    what = "Désignation des auxiliaires impossible"
    require_not_closed(state, what)
    members = {_folded(m.display_name): m for m in state.assembly.members} | {_folded(m.full_name): m for m in state.assembly.members}
    for name in names:
        member = members.get(_folded(name))
        if member is not None:
            raise RuleViolation(
                f"{what} : {member.display_name} est membre de l'assemblée ; un auxiliaire est pris en dehors de ses membres "
                "(désignez un membre comme secrétaire de séance)",
                SECRETARY_ARTICLE,
            )


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def apply_auxiliaries_appointed(state: SessionState, event: Event) -> Changes:
    names = event.payload["names"]
    refuse(check_auxiliaries_appointed(state, names=names))
    state.auxiliaries = tuple(" ".join(n.split()) for n in names)
    return Changes(frozenset({SESSION}))


CARENCE_ARTICLE = "art. L2121-17 CGCT"


@refusal_check
def check_session_carence(state: SessionState) -> None:
    """The quorum is not reached at the opening: the chair records the carence (the members present
    as they are) instead of deliberating. Refused once anything was put to discussion."""
    what = "Constat de carence impossible"
    if state.phase is SessionPhase.CLOSED:
        raise RuleViolation(f"{what} : la séance est levée")
    if state.phase is SessionPhase.SUSPENDED:
        raise RuleViolation(f"{what} : la séance est suspendue ; le quorum est vérifié à la reprise")
    examined = [item.item.number for item in state.items.values() if item.status is not ItemStatus.PENDING]
    if examined:
        raise RuleViolation(
            f"{what} : l'assemblée a déjà délibéré (point n° {examined[0]}) ; la carence se constate à l'ouverture de la séance",
            CARENCE_ARTICLE,
        )
    quorum = live_quorum(state)
    if quorum.value.met:
        raise RuleViolation(f"{what} : {quorum.explanation}", quorum.article)


def apply_session_carence(state: SessionState, event: Event) -> Changes:
    refuse(check_session_carence(state))
    present = set(state.roll.attendance)
    state.carence = Carence(
        at=event.at,
        present_ids=tuple(m.id for m in state.assembly.members if m.id in present),
        represented_ids=tuple(sorted(represented_for(state, None))),
        quorum=live_quorum(state),
        after_opening=state.phase is SessionPhase.OPEN,
    )
    state.phase = SessionPhase.CLOSED
    state.closed_at = event.at
    return Changes(frozenset({SESSION, QUORUM, AGENDA}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "session.opened": apply_session_opened,
    "session.suspended": apply_session_suspended,
    "session.resumed": apply_session_resumed,
    "session.closed": apply_session_closed,
    "secretaries.appointed": apply_secretaries_appointed,
    "auxiliaries.appointed": apply_auxiliaries_appointed,
    "session.carence": apply_session_carence,
}
