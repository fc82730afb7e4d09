"""A correction that brings the state back to what it was before the previous correction: the
chair's Ctrl+Y after Ctrl+Z (and Ctrl+Z again after it) costs no replay.

The state is a function of the journal's effective events other than corrections: corrections
are never dispatched, they only decide which events are. So when a correction leaves exactly the
same non-correction events effective as the state the previous correction replaced, that state is
the answer, as it stood. SessionState._apply_correction keeps it (`_left`): the attributes of the
state a correction replaced, whose slices nothing references any more (the rebuilt state works on
clones of a checkpoint), so they are as that state left them. It is used only while the journal
since it holds nothing but corrections (checked here), once (the next correction replaces it), and
by one state: a clone (refused()'s probe) and a rebuilt candidate do not get it; the engine's
rollback (truncated) keeps it, its state rebuilt on slices of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..journal import Event
    from .session_state import SessionState


def left_state(state: SessionState) -> dict[str, Any]:
    """What to keep of `state` as it is being replaced by a correction's result."""
    left = dict(state.__dict__)
    left["_left"] = None  # never a chain of them: one state back is what Ctrl+Y needs
    return left


def returning_to(state: SessionState, cancelled: frozenset[int]) -> SessionState | None:
    """The state the previous correction replaced, as a candidate for the correction being applied
    (it is not in state.events yet) if that correction leaves the same non-correction events
    effective as it had; None otherwise. The caller appends the correction, as for a rebuilt one."""
    left = state.__dict__.get("_left")
    if left is None:
        return None
    events: list[Event] = state.events
    covered = len(left["events"])
    # The left state covered a prefix of this journal (the same event objects), followed by
    # corrections only.
    if covered == 0 or covered > len(events) or left["events"][-1] is not events[covered - 1]:
        return None
    if any(event.type != "correction" for event in events[covered:]):
        return None
    # Every event whose fate differs must be a correction: then the effective events that are
    # dispatched are the same, hence the same slices.
    if any(events[seq - 1].type != "correction" for seq in cancelled ^ left["cancelled"]):
        return None
    from .session_state import SessionState

    candidate = SessionState.__new__(SessionState)
    candidate.__dict__.update(left)
    candidate.events = list(events)  # the corrections since, with the same objects
    candidate.reducer_steps = state.reducer_steps  # nothing was dispatched
    state._left = None  # taken: the live state's own slices from now on
    return candidate
