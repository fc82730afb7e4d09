"""What the per-concern modules share to judge an event: the session's phase, a running vote, the
item a movement belongs to, and the two halves of every rule — a check that says why not, and the
apply that refuses with that very reason.

A check is written in the plain style of the law (« if … raise RuleViolation(…) ») and wrapped by
`refusal_check`, so that its callers get the refusal as a value: the UI to grey out a button and
show the engine's own words, the apply to raise it. A check never changes the state.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, ParamSpec

from ..decision import RuleViolation
from ..enums import ItemStatus, SessionPhase

if TYPE_CHECKING:
    from .session_state import SessionState

P = ParamSpec("P")


def refusal_check(check: Callable[P, None]) -> Callable[P, RuleViolation | None]:
    """`check` raises RuleViolation when the action is illegal; the wrapped one returns it (or None)."""

    @wraps(check)
    def judged(*args: P.args, **kwargs: P.kwargs) -> RuleViolation | None:
        try:
            check(*args, **kwargs)
        except RuleViolation as refusal:
            # Kept by the window for a tooltip: without its traceback it holds on to no frame (nor state).
            return refusal.with_traceback(None)
        return None

    return judged


def refuse(refusal: RuleViolation | None) -> None:
    """Raises the refusal a check returned, if any: the apply's first line."""
    if refusal is not None:
        raise refusal


def require_open(state: SessionState, what: str) -> None:
    if state.phase is SessionPhase.NOT_OPENED:
        raise RuleViolation(f"{what} : la séance n'est pas encore ouverte")
    if state.phase is SessionPhase.SUSPENDED:
        raise RuleViolation(f"{what} : la séance est suspendue")
    if state.phase is SessionPhase.CLOSED:
        raise RuleViolation(f"{what} : la séance est levée")


def require_not_closed(state: SessionState, what: str) -> None:
    if state.phase is SessionPhase.CLOSED:
        raise RuleViolation(f"{what} : la séance est levée")


def require_no_vote_running(state: SessionState, what: str) -> None:
    item = state.current_item
    if item is not None and item.status is ItemStatus.VOTING:
        raise RuleViolation(f"{what} : le vote sur le point n° {item.item.number} est en cours")


def item_for_movement(state: SessionState) -> str | None:
    """The item under discussion, which an arrival, a departure or a raised hand is recorded against."""
    item = state.current_item
    return item.id if item is not None else None
