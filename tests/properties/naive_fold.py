"""The fold as it was first written, kept as the oracle: after every correction, refold the whole
journal from the first event with the cancellations known so far. Quadratic, obviously right; the
state machine checks that the real fold (one pass, checkpoints for live corrections) agrees."""

from __future__ import annotations

from seance_desk.models.state.corrections import effective_cancellations
from seance_desk.models.state.session_state import SessionState


def naive_fold(assembly, setup, events) -> SessionState:
    state = SessionState(assembly, setup)
    for event in events:
        if event.type != "correction":
            state._check_next(event)
            state._dispatch(event)
            state.events.append(event)
            continue
        prefix = [*state.events, event]
        cancelled = effective_cancellations(prefix)
        rebuilt = SessionState(assembly, setup)
        for past in state.events:
            if past.type != "correction" and past.seq not in cancelled:
                rebuilt._dispatch(past)
            rebuilt.events.append(past)
        rebuilt.events.append(event)
        rebuilt.cancelled = frozenset(cancelled)
        state = rebuilt
    return state

