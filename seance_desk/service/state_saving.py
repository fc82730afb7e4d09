"""When the session's state is saved beside the database (store/state_checkpoint.py), so that the
next start folds only the events after it (issue 8, speed): when the service closes, and now and
then during the session — at the levée and every SAVE_EVERY_EVENTS events — so that a start after
a crash has little to fold too.

The state saved is always one this code folded and whose chain was verified (an unverified service
saves nothing). During the session only the copy of the state's slices is taken on the caller's
thread (≈ 2 ms at 240 members, models/state/snapshot.py); the pickling and the write run on a
worker thread, off the chair's action — and once the chair has paused (IDLE_BEFORE_SAVE without an
action): a worker that pickles while the window repaints shares the interpreter's lock with it
(Python hands it over every few milliseconds), and the action it ran beside took 2 to 3 times as
long (« unanimité » 20 → 65 ms in the bench). The copy was taken at the action: waiting changes
nothing of what is written, and a close saves at once anyway (save_now)."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models.journal import Event
    from .session import SessionService

# About a quarter of a 240-member sitting's journal: a start after a crash folds at most that many.
SAVE_EVERY_EVENTS = 2000
# The pause in the chair's actions the worker waits for before pickling (and again if an action
# comes while it writes: store/state_checkpoint.py lets it pause between the items).
IDLE_BEFORE_SAVE = 1.0  # seconds


def database_of(service: SessionService) -> Path | None:
    """The SQLite file beside which the state is kept; None on PostgreSQL (no file to keep it by)."""
    if service.checkpoint_database is not None:
        return service.checkpoint_database
    store = service.__dict__.get("_store")
    return store.database if store is not None else None


def save_now(service: SessionService) -> None:
    """At close: the state as it stands. Never raises (a failure is logged)."""
    database = database_of(service)
    if database is None or not service.verified:
        return
    from ..store.state_checkpoint import write_checkpoint

    write_checkpoint(database, service.session_id, service.engine.genesis, service.engine.state, service.verified_texts)


def save_if_due(service: SessionService, created: Sequence[Event]) -> threading.Thread | None:
    """After an action: saves the state on a worker thread at the levée or when SAVE_EVERY_EVENTS
    events were appended since the last save. Returns the thread (for tests), or None."""
    service._last_action_at = time.monotonic()
    unsaved = service.__dict__.get("_unsaved_events", 0) + len(created)
    levee = any(event.type == "session.closed" for event in created)
    if unsaved < SAVE_EVERY_EVENTS and not levee:
        service._unsaved_events = unsaved
        return None
    service._unsaved_events = 0
    database = database_of(service)
    if database is None or not service.verified:
        return None
    from ..models.state.resume import resume_point

    state = service.engine.state
    point = resume_point(state)  # a copy, on this thread: the session goes on meanwhile
    if point is None:
        return None
    events = state.events[: point.head_seq]
    args = (database, service.session_id, service.engine.genesis, point, state.assembly, state.setup, events)
    thread = threading.Thread(target=_write_when_idle, args=(service, args, service.verified_texts), name="etat-seance", daemon=True)
    thread.start()
    return thread


def _write_when_idle(service: SessionService, args: tuple, texts: Sequence[tuple[str, str]] | None = None) -> None:
    """The worker's work: write_point once the chair has paused, pausing again between the items
    whenever an action came meanwhile (see the module's docstring)."""
    from ..store import state_checkpoint

    def wait_for_idle() -> None:
        while (quiet := time.monotonic() - service.__dict__.get("_last_action_at", 0.0)) < IDLE_BEFORE_SAVE:
            time.sleep(IDLE_BEFORE_SAVE - quiet)

    wait_for_idle()
    state_checkpoint.write_point(*args, between_parts=wait_for_idle, texts=texts)
