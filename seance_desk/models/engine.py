"""The session engine: turns validated intents into chained events, applied all-or-nothing.

Persistence is not its business: the caller hands it a `persist` callback that durably stores the
new events (one transaction) before anything is acknowledged; if that fails, the engine rolls its
state back, so the screen never shows what the disk does not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Union

from .assembly import Assembly
from .decision import RuleViolation
from .journal import Event, make_event, setup_hash
from .session_setup import SessionSetup
from .state.resume import ResumePoint
from .state.session_state import ALL, Changes, SessionState

Intent = tuple[str, dict[str, Any]]
# A follow-up decides its events from the state left by the intents before it (e.g. postponing an
# item once a secret-ballot request turns out to be adopted in a remote session).
FollowUp = Callable[[SessionState], list[Intent]]
Step = Union[Intent, FollowUp]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def setup_dict(assembly: Assembly, setup: SessionSetup) -> dict[str, Any]:
    return {"assembly": assembly.to_dict(), "session": setup.to_dict()}


class SessionEngine:
    # True when a caller takes the state's checkpoints at the chair's pauses (the window's service,
    # service/pause_work.py): the one after a long action (« unanimité ») then waits for the pause.
    checkpoint_at_pauses = False

    def __init__(
        self,
        assembly: Assembly,
        setup: SessionSetup,
        events: Iterable[Event] = (),
        clock: Clock = utc_now,
        genesis: str | None = None,
        resume_from: ResumePoint | None = None,
    ):
        self.assembly = assembly
        self.setup = setup
        # A stored session passes the hash of its setup as it was stored and hashed: recomputing it
        # from to_dict() would change whenever a later version adds a field with a default.
        self.genesis = genesis or setup_hash(setup_dict(assembly, setup))
        self.clock = clock
        if resume_from is None:
            self.state = SessionState.fold(assembly, setup, events)
        else:  # the state saved at the last close (state/resume.py): only the events after it are folded
            self.state = SessionState.fold(assembly, setup, events, resume_from)
        # Who the new events are by (issue 14 § 3): the signed-in login the service sets; None: nobody signed in.
        self.actor: str | None = None

    @property
    def events(self) -> list[Event]:
        return self.state.events

    @property
    def head_hash(self) -> str:
        return self.events[-1].hash if self.events else self.genesis

    @property
    def next_seq(self) -> int:
        return len(self.events) + 1

    def execute(
        self, steps: Sequence[Step], persist: Callable[[list[Event]], None] | None = None, checkpoint: bool = True
    ) -> tuple[list[Event], Changes]:
        """Applies the steps as one action. On a refusal or a failed persist, nothing has changed.

        `checkpoint`: the state's checkpoint before the action if one is due, kept once it is done,
        so that its undo replays little, and one after a long action (SessionState.due_checkpoint);
        not around a correction, whose redo goes back to the state it replaced (state/returning.py),
        nor on refused()'s throwaway probe."""
        checkpoint = checkpoint and bool(steps) and not (isinstance(steps[0], tuple) and steps[0][0] == "correction")
        taken = self.state.due_checkpoint() if checkpoint else None
        before = len(self.events)
        steps_before = self.state.reducer_steps
        created: list[Event] = []
        applied: list[Changes] = []
        try:
            pending = list(steps)
            while pending:
                step = pending.pop(0)
                if callable(step):
                    pending[0:0] = step(self.state)
                    continue
                type_, payload = step
                # The journal read once per event (the properties above would read it five times).
                journal = self.state.events
                head = journal[-1] if journal else None
                at = self._timestamp(head)
                event = make_event(len(journal) + 1, type_, at, payload, head.hash if head is not None else self.genesis, self.actor)
                applied.append(self.state.apply(event))
                created.append(event)
            if persist is not None and created:
                persist(created)
        except BaseException:
            if len(self.events) != before:
                self._rollback(before)
                self.state.reducer_steps = steps_before  # a refused action leaves the state as it was, counter included
            raise
        if checkpoint:
            self.state.keep_checkpoint(taken, after=not self.checkpoint_at_pauses)
        return created, _merged(applied)

    def _timestamp(self, head: Event | None) -> datetime:
        now = self.clock()
        # Never earlier than the head: the journal's time only moves forward, even if the clock jumps back.
        if head is not None and now < head.at:
            return head.at
        return now

    def _rollback(self, keep: int) -> None:
        # From the checkpoint before the action, not from the start: a refused « unanimité » at
        # 240 members must not cost a whole fold.
        self.state = self.state.truncated(keep)

    def refused(self, steps: Sequence[Step]) -> RuleViolation | None:
        """Would these steps be refused? (For the UI to grey out actions.) Changes nothing."""
        probe = SessionEngine.__new__(SessionEngine)
        probe.__dict__.update(self.__dict__)
        probe.state = self.state.clone()
        try:
            probe.execute(steps, checkpoint=False)
        except RuleViolation as exc:
            return exc
        return None


def _merged(applied: list[Changes]) -> Changes:
    """What an action changed: every area its events touched, and the last item one of them named."""
    if len(applied) == 1:
        return applied[0]  # most actions are one event
    areas = frozenset().union(*(changes.areas for changes in applied))
    item_id = next((changes.item_id for changes in reversed(applied) if changes.item_id), None)
    return Changes(areas, item_id)


__all__ = ["ALL", "Changes", "SessionEngine", "Intent", "Step", "setup_dict", "utc_now"]
