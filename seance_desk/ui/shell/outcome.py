"""What one chair action came to, as the controller returns it.

A panel that shows the law's reason for a refusal reads it here, instead of listening to the status
line's signal while it acts. Truthy exactly when the action was done, so `if controller.act(...)`
reads as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...models.state.session_state import Changes


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    """Whether a chair action was done, else why not, and what changed."""
    done: bool
    # The French reason shown on the status line when the action was not done (refused by the
    # rules, blocked, or not stored); None when done.
    refusal: str | None = None
    # The domain changes the controller emitted (also on a refusal that caught up with another
    # laptop's actions), or None when nothing changed.
    changes: Changes | None = None
    # The seqs of the events the action appended to the journal.
    events: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return self.done

    @classmethod
    def performed(cls, changes: Changes, seqs: Iterable[int]) -> ActionOutcome:
        return cls(True, None, changes, tuple(seqs))

    @classmethod
    def refused(cls, reason: str, changes: Changes | None = None) -> ActionOutcome:
        return cls(False, reason, changes)
