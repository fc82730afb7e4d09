"""The floor (la parole): raised hands, their order in the queue, the speaker and the end of his
intervention. The queue itself is speakers.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import FloorKind
from ..journal import Event
from .areas import SPEAKERS, Changes
from .elections_region import no_debate_refusal
from .guards import item_for_movement, refusal_check, refuse, require_open
from .speakers import FloorRequest

if TYPE_CHECKING:
    from .session_state import SessionState


@refusal_check
def check_floor_requested(state: SessionState, *, member_id: str, request_id: str | None = None) -> None:
    """request_id: the id the event will carry (None: a new one)."""
    require_open(state, "Demande de parole impossible")
    no_debate_refusal(state, "Demande de parole impossible")  # région: the président's election, L4133-1
    if request_id is not None and request_id in state.speakers.requests:
        raise RuleViolation("Cette demande de parole est déjà enregistrée")
    member = state.member(member_id)
    if not state.roll.is_seated(member.id):
        raise RuleViolation(f"{member.display_name} n'est pas présent{member.e} : {member.il} ne peut demander la parole")
    if state.speakers.pending_for(member.id) is not None:
        raise RuleViolation(f"{member.display_name} a déjà demandé la parole")
    if state.speakers.current and state.speakers.requests[state.speakers.current].member_id == member.id:
        raise RuleViolation(f"{member.display_name} a déjà la parole")


def apply_floor_requested(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_floor_requested(state, member_id=p["member_id"], request_id=p["request_id"]))
    state.speakers.enqueue(FloorRequest(p["request_id"], p["member_id"], FloorKind(p["kind"]), item_for_movement(state), event.at))
    return Changes(frozenset({SPEAKERS}))


def _require_queued(state: SessionState, request_id: str) -> None:
    if request_id not in state.speakers.queue:
        raise RuleViolation("Cette demande de parole n'est pas dans la file d'attente")


@refusal_check
def check_floor_moved(state: SessionState, *, request_id: str, position: int) -> None:
    _require_queued(state, request_id)
    if position >= len(state.speakers.queue):
        raise RuleViolation(f"Position {position + 1} hors de la file ({len(state.speakers.queue)} demandes)")


def apply_floor_moved(state: SessionState, event: Event) -> Changes:
    request_id, position = event.payload["request_id"], event.payload["position"]
    refuse(check_floor_moved(state, request_id=request_id, position=position))
    state.speakers.queue.remove(request_id)
    state.speakers.queue.insert(position, request_id)
    return Changes(frozenset({SPEAKERS}))


@refusal_check
def check_floor_granted(state: SessionState, *, request_id: str, ending_current: bool = False) -> None:
    """ending_current: judge Commands.give_floor, which ends whoever still speaks in the same action."""
    require_open(state, "Parole impossible")
    no_debate_refusal(state, "Parole impossible")  # région: the président's election, L4133-1
    _require_queued(state, request_id)
    if state.speakers.current is not None and not ending_current:
        speaker = state.speakers.requests[state.speakers.current]
        raise RuleViolation(f"{state.name(speaker.member_id)} a encore la parole : terminez son intervention d'abord")


def apply_floor_granted(state: SessionState, event: Event) -> Changes:
    request_id = event.payload["request_id"]
    refuse(check_floor_granted(state, request_id=request_id))
    request = state.speakers.requests[request_id]
    state.speakers.queue.remove(request.id)
    request.granted_at = event.at
    # The item is the one under discussion when the floor is given, not when the hand went up.
    request.item_id = item_for_movement(state)
    state.speakers.current = request.id
    return Changes(frozenset({SPEAKERS}))


@refusal_check
def check_floor_ended(state: SessionState, *, request_id: str | None = None) -> None:
    """request_id: the intervention to end (None: whoever has the floor, as Commands.end_floor)."""
    if request_id is None and state.speakers.current is None:
        raise RuleViolation("Personne n'a la parole")
    if request_id is not None and state.speakers.current != request_id:
        raise RuleViolation("Cette intervention n'est pas en cours")


def apply_floor_ended(state: SessionState, event: Event) -> Changes:
    request_id = event.payload["request_id"]
    refuse(check_floor_ended(state, request_id=request_id))
    state.speakers.requests[request_id].ended_at = event.at
    state.speakers.current = None
    return Changes(frozenset({SPEAKERS}))


@refusal_check
def check_floor_withdrawn(state: SessionState, *, request_id: str) -> None:
    _require_queued(state, request_id)


def apply_floor_withdrawn(state: SessionState, event: Event) -> Changes:
    request_id = event.payload["request_id"]
    refuse(check_floor_withdrawn(state, request_id=request_id))
    state.speakers.queue.remove(request_id)
    state.speakers.requests[request_id].withdrawn = True
    return Changes(frozenset({SPEAKERS}))


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "floor.requested": apply_floor_requested,
    "floor.moved": apply_floor_moved,
    "floor.granted": apply_floor_granted,
    "floor.ended": apply_floor_ended,
    "floor.withdrawn": apply_floor_withdrawn,
}
