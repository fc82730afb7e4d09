"""Resuming a fold from a saved state: the start-up folds only the events after it (issue 8, speed).

A ResumePoint is the state's slices after the first `head_seq` events of a journal whose event
`head_seq` has the hash `head_hash`, as this very code folded them (store/state_checkpoint.py keeps
it beside the database, authenticated, keyed by the code's fingerprint). It is taken only from a
state that applied those events successfully, so every check the fold makes on them was made then.

The fold uses it only if it gives exactly what a full fold would: the same journal up to its head
(hash), the same fate for each of those events under the whole journal's corrections (a later
correction cancelling an earlier event changes what the events before the head did), and the same
urgency reading (urgency.py). Otherwise it is ignored and the journal is folded from its start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .snapshot import SLICE_NAMES, clone_slices

if TYPE_CHECKING:
    from ..journal import Event
    from .session_state import SessionState


@dataclass(frozen=True)
class ResumePoint:
    """A folded state saved at one journal head, to fold only the events after it."""
    head_seq: int
    head_hash: str
    slices: dict[str, Any]  # SLICE_NAMES → value, after event head_seq
    cancelled: frozenset[int]  # the seqs its corrections had cancelled then
    urgency_predates_rule: bool


def resume_point(state: SessionState) -> ResumePoint | None:
    """The point a state stands at (a copy: the state may go on), or None for an empty journal."""
    if not state.events:
        return None
    head = state.events[-1]
    return ResumePoint(
        head_seq=head.seq,
        head_hash=head.hash,
        slices=clone_slices({name: getattr(state, name) for name in SLICE_NAMES}),
        cancelled=frozenset(state.cancelled),
        urgency_predates_rule=state.urgency_predates_rule,
    )


def fits(point: ResumePoint, journal: list[Event], cancelled: frozenset[int], urgency_predates_rule: bool) -> bool:
    """Whether folding `journal` (whose corrections cancel `cancelled`) may start from `point`."""
    seq = point.head_seq
    if not 0 < seq <= len(journal) or journal[seq - 1].seq != seq or journal[seq - 1].hash != point.head_hash:
        return False
    if set(SLICE_NAMES) != set(point.slices):
        return False
    if frozenset(s for s in cancelled if s <= seq) != point.cancelled:
        return False  # a correction after the head changed the fate of an event before it
    return point.urgency_predates_rule == urgency_predates_rule


def resume(state: SessionState, point: ResumePoint, journal: list[Event]) -> int:
    """Sets a fresh state to `point` over `journal` (fits() said yes); returns how many events it
    covers. A checkpoint is taken there, so that a correction after the head replays from it."""
    state.__dict__.update(clone_slices(point.slices))  # the point stays untouched, reusable
    covered = journal[: point.head_seq]
    state.events.extend(covered)
    state._corrections.extend(e for e in covered if e.type == "correction")
    state._take_checkpoint()
    return point.head_seq
