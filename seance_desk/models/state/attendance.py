"""Who sits: arrivals, departures, excuses, moves between the room and the videoconference, and the
members who take no part in an item (recusals)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..decision import RuleViolation
from ..enums import Attendance, ItemStatus, RecusalReason
from ..journal import Event
from .areas import AGENDA, QUORUM, PROXIES, ROLL, SPEAKERS, VOTE, Changes
from .guards import item_for_movement, refusal_check, refuse, require_not_closed
from .quorum import quorum_of

if TYPE_CHECKING:
    from .session_state import SessionState


@refusal_check
def check_member_arrived(state: SessionState, *, member_id: str, attendance: Attendance = Attendance.ON_SITE) -> None:
    require_not_closed(state, "Arrivée impossible")
    member = state.member(member_id)
    if not member.in_office:
        raise RuleViolation(f"{member.display_name} n'est plus membre en exercice")
    if state.roll.is_seated(member.id):
        raise RuleViolation(f"{member.display_name} est déjà présent{member.e}")
    if attendance is Attendance.REMOTE and not state.setup.mode.is_remote:
        raise RuleViolation(
            f"{member.display_name} ne peut pas être compté présent à distance : la séance se tient en présentiel",
            "art. L2121-17 CGCT",
        )
    seat = state.roll.seat_of(member)
    occupant = state.roll.occupant_of_seat.get(seat)
    if occupant is not None:
        if member.is_titulaire:
            raise RuleViolation(
                f"{state.name(occupant)}, suppléant, siège à la place de {member.display_name} : enregistrez d'abord son départ",
                "art. L5211-6 CGCT",
            )
        raise RuleViolation(
            f"{member.display_name} ne peut siéger : son titulaire, {state.name(seat)}, est présent",
            "art. L5211-6 CGCT",
        )


def apply_member_arrived(state: SessionState, event: Event) -> Changes:
    member_id = event.payload["member_id"]
    attendance = Attendance(event.payload["attendance"])
    refuse(check_member_arrived(state, member_id=member_id, attendance=attendance))
    # A proxy whose grantor (or his suppléant) is seated is not usable; the arrival command
    # journals its lapse explicitly right after this event (Commands.arrive).
    state.roll.seat(state.member(member_id), attendance, event.at, item_for_movement(state))
    return Changes(frozenset({ROLL, QUORUM, PROXIES}))


@refusal_check
def check_member_attendance_changed(state: SessionState, *, member_id: str, attendance: Attendance) -> None:
    require_not_closed(state, "Changement impossible")
    member = state.member(member_id)
    current = state.roll.attendance.get(member.id)
    if current is None:
        raise RuleViolation(f"{member.display_name} n'est pas présent{member.e} : enregistrez son arrivée")
    if current is attendance:
        raise RuleViolation(f"{member.display_name} est déjà {attendance.label}")
    if attendance is Attendance.REMOTE and not state.setup.mode.is_remote:
        raise RuleViolation(
            f"{member.display_name} ne peut pas être compté{member.e} présent{member.e} à distance : la séance se tient en présentiel",
            "art. L2121-17 CGCT",
        )


def apply_member_attendance_changed(state: SessionState, event: Event) -> Changes:
    member_id = event.payload["member_id"]
    attendance = Attendance(event.payload["attendance"])
    refuse(check_member_attendance_changed(state, member_id=member_id, attendance=attendance))
    # Still seated: his raised hand, his proxies and his votes stay as they are.
    state.roll.move(state.member(member_id), attendance, event.at, item_for_movement(state))
    return Changes(frozenset({ROLL}))


@refusal_check
def check_member_left(state: SessionState, *, member_id: str) -> None:
    require_not_closed(state, "Départ impossible")
    member = state.member(member_id)
    if not state.roll.is_seated(member.id):
        raise RuleViolation(f"{member.display_name} n'est pas présent{member.e}")
    if state.speakers.current and state.speakers.requests[state.speakers.current].member_id == member.id:
        raise RuleViolation(f"{member.display_name} a la parole : terminez son intervention avant d'enregistrer son départ")


def apply_member_left(state: SessionState, event: Event) -> Changes:
    member_id = event.payload["member_id"]
    refuse(check_member_left(state, member_id=member_id))
    changes = {ROLL, QUORUM}
    pending = state.speakers.pending_for(member_id)
    if pending is not None:
        # His raised hand goes with him.
        pending.withdrawn = True
        state.speakers.queue.remove(pending.id)
        changes.add(SPEAKERS)
    state.roll.unseat(state.member(member_id), event.at, item_for_movement(state))
    return Changes(frozenset(changes))


@refusal_check
def check_member_excused(state: SessionState, *, member_id: str) -> None:
    require_not_closed(state, "Excuse impossible")
    member = state.member(member_id)
    if state.roll.is_seated(member.id):
        raise RuleViolation(f"{member.display_name} est présent{member.e} : enregistrez d'abord son départ")


def apply_member_excused(state: SessionState, event: Event) -> Changes:
    member_id = event.payload["member_id"]
    refuse(check_member_excused(state, member_id=member_id))
    state.roll.excused.add(state.member(member_id).id)
    return Changes(frozenset({ROLL}))


@refusal_check
def check_member_recused(state: SessionState, *, member_id: str, item_id: str) -> None:
    require_not_closed(state, "Déport impossible")
    member = state.member(member_id)
    item = state.item_state(item_id)
    if item.status not in (ItemStatus.PENDING, ItemStatus.OPEN):
        raise RuleViolation(f"Le point n° {item.item.number} est {item.status.label} : un déport ne peut plus y être enregistré")
    if member.id in item.recusals:
        raise RuleViolation(f"{member.display_name} ne prend déjà pas part au point n° {item.item.number}")


def apply_member_recused(state: SessionState, event: Event) -> Changes:
    p = event.payload
    refuse(check_member_recused(state, member_id=p["member_id"], item_id=p["item_id"]))
    item = state.item_state(p["item_id"])
    item.recusals[p["member_id"]] = RecusalReason(p["reason"])
    # The interested member never counted for this item: re-judge the quorum of an item already opened.
    if item.status is ItemStatus.OPEN:
        item.quorum = quorum_of(state, item, item.present_at_open, item.represented_at_open)
    return Changes(frozenset({AGENDA, QUORUM, VOTE, ROLL}), item.id)


HANDLERS: dict[str, Callable[[SessionState, Event], Changes]] = {
    "member.arrived": apply_member_arrived,
    "member.attendance_changed": apply_member_attendance_changed,
    "member.left": apply_member_left,
    "member.excused": apply_member_excused,
    "member.recused": apply_member_recused,
}
