"""The work no one waits for, done when the chair pauses rather than inside an action (issue 8, speed).

Two things used to ride on some of the chair's actions, making them the slowest few percent:
- the periodic anchor of the journal (anchoring.py): one action in 50 signed the head and wrote the
  anchor in its own transaction, 0.5 to 10 ms instead of 0.3;
- the state's checkpoint before an action (SessionState.due_checkpoint), so that undoing it replays
  little: one action in 32 cloned the state's slices first (0.1 to 0.4 ms at 240 members).

In the window (SessionController sets `work_at_pauses`), both wait for the chair's pause: the
application's pause clock (ui/shell/seal_clock.py) calls `at_pause` once no action has come for
PAUSE_MS. Nothing is lost meanwhile: the action is durable before it is acknowledged, whatever its
anchor; an anchor only seals what is already written, and the events between two anchors are
protected by the hash chain as before. A chair who never pauses still gets both, inside an action,
past a bound (anchoring.DEFER_AT_MOST_EVENTS; due_checkpoint's ACTION_CHECKPOINT_EVERY). The sealing
minute and the service's close anchor whatever is left, as before.

Without a window (the command line, the tests) nothing waits for a pause: `work_at_pauses` is False
and both are done inside the actions, as before.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .session import SessionService

log = logging.getLogger("seance_desk.session")

# How long without an action counts as the chair's pause (the window's pause clock).
PAUSE_MS = 400


def at_pause(service: SessionService) -> None:
    """The chair has paused: the journal's head anchored if the policy wants it now, and the state's
    checkpoint taken if enough events followed the last one. Never raises: both are tried again at
    the next pause, and neither is needed for anything already acknowledged."""
    if service._closed or not service.verified:
        return
    try:
        service.state.checkpoint_at_pause()
    except Exception as exc:  # noqa: BLE001 — a checkpoint only makes a later undo cheaper
        log.warning("Point de reprise de la séance n° %s non pris : %s", service.session_id, exc)
    if service.wrote_through_store:  # anchoring is loaded, and this post wrote what it would seal
        from . import anchoring

        anchoring.anchor_at_pause(service)
