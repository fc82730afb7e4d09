"""The roll call's four status keys (S, D, A, E) and what each one means for a member: whether he
needs it (already in that status: skipped), the chair's command it records, and the engine's own
check on that very command — the roll call panel greys out a button with its refusal. No Qt here."""

from __future__ import annotations

from enum import Enum

from ...models.commands import Commands
from ...models.decision import RuleViolation
from ...models.engine import Step
from ...models.enums import Attendance
from ...models.state import checks
from ...models.state.session_state import SessionState


class Mark(Enum):
    ON_SITE = "S"
    REMOTE = "D"
    ABSENT = "A"
    EXCUSED = "E"


# (button, one member — agreed with his or her civility: « présent{e} » —, several members)
MARK_TEXT = {
    Mark.ON_SITE: ("Présent sur place", "présent{e} sur place", "présents sur place"),
    Mark.REMOTE: ("Présent à distance", "présent{e} à distance", "présents à distance"),
    Mark.ABSENT: ("Absent (départ s'il siège)", "absent{e}", "absents"),
    Mark.EXCUSED: ("Excusé", "excusé{e}", "excusés"),
}


def needs(state: SessionState, member_id: str, mark: Mark) -> bool:
    """False when the member is already in that status (the panel skips him)."""
    attendance = state.roll.attendance.get(member_id)
    if mark is Mark.ON_SITE:
        return attendance is not Attendance.ON_SITE
    if mark is Mark.REMOTE:
        return attendance is not Attendance.REMOTE
    if mark is Mark.ABSENT:
        return attendance is not None
    return attendance is not None or member_id not in state.roll.excused  # Mark.EXCUSED


def steps(c: Commands, state: SessionState, member_id: str, mark: Mark) -> list[Step]:
    attendance = state.roll.attendance.get(member_id)
    if mark in (Mark.ON_SITE, Mark.REMOTE):
        target = Attendance.ON_SITE if mark is Mark.ON_SITE else Attendance.REMOTE
        if attendance is not None:  # seated elsewhere: he moves, he does not leave the session
            return c.change_attendance(member_id, target)
        return c.arrive(member_id, target)
    if mark is Mark.ABSENT:
        return c.leave(member_id)
    return c.excuse(member_id)  # refused, with its reason, if he is seated


def refusal(state: SessionState, member_id: str, mark: Mark) -> RuleViolation | None:
    """The engine's check of the very command `steps` builds for this member."""
    attendance = state.roll.attendance.get(member_id)
    if mark in (Mark.ON_SITE, Mark.REMOTE):
        target = Attendance.ON_SITE if mark is Mark.ON_SITE else Attendance.REMOTE
        if attendance is not None:
            return checks.attendance_change_refusal(state, member_id=member_id, attendance=target)
        return checks.arrival_refusal(state, member_id=member_id, attendance=target)
    if mark is Mark.ABSENT:
        return checks.departure_refusal(state, member_id=member_id)
    return checks.excuse_refusal(state, member_id=member_id)


def mark_refusal(state: SessionState, member_ids: list[str], mark: Mark) -> RuleViolation | None:
    """The verdict on marking these members in one action: the first refusal among those who need
    the step (those already in that status are skipped, as the panel skips them)."""
    for member_id in member_ids:
        if needs(state, member_id, mark):
            refused = refusal(state, member_id, mark)
            if refused is not None:
                return refused
    return None
