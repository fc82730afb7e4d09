"""A fold resumed from a saved state (models/state/resume.py, store/state_checkpoint.py) is the full
fold, whatever the session and wherever the state was saved: the same state, the same journal, and
the same answers to the next actions and corrections. When a correction after the saved head
changes the fate of an event before it, the saved state is not used and the whole journal is folded."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seance_desk.models.commands import Commands
from seance_desk.models.decision import RuleViolation
from seance_desk.models.engine import SessionEngine
from seance_desk.models.state.corrections import effective_cancellations
from seance_desk.models.state.resume import fits, resume_point
from seance_desk.models.state.session_state import SessionState
from seance_desk.store.integrity import StoredSession
from seance_desk.store.state_checkpoint import read_checkpoint, write_checkpoint
from tests.helpers import summarize
from tests.properties.journals import play, sessions

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _dispatched(state: SessionState, after: int) -> int:
    return sum(1 for e in state.events[after:] if e.type != "correction" and e.seq not in state.cancelled)


def _same(resumed: SessionState, full: SessionState) -> None:
    assert summarize(resumed) == summarize(full)
    assert resumed.cancelled == full.cancelled
    assert [e.hash for e in resumed.events] == [e.hash for e in full.events]
    assert [e.seq for e in resumed._corrections] == [e.seq for e in full._corrections]
    assert resumed.urgency_predates_rule == full.urgency_predates_rule
    assert resumed.stored_events == full.stored_events


@SETTINGS
@given(sessions, st.data())
def test_a_fold_resumed_from_a_saved_state_is_the_full_fold(session, data):
    config, commands, present = session
    engine = play(config, commands, present)
    events = engine.events
    head = data.draw(st.integers(1, len(events)), label="saved at")
    point = resume_point(SessionState.fold(engine.assembly, engine.setup, events[:head]))
    full = SessionState.fold(engine.assembly, engine.setup, events)
    resumed = SessionState.fold(engine.assembly, engine.setup, events, point)
    _same(resumed, full)
    cancelled = frozenset(effective_cancellations(events))
    used = fits(point, events, cancelled, full.urgency_predates_rule)
    # Only what follows the saved state is folded (steps counted, not timed); or all of it when a
    # later correction changed what an event before the saved head did.
    assert resumed.reducer_steps == (_dispatched(full, head) if used else full.reducer_steps)
    if any(s <= head for s in cancelled ^ point.cancelled):
        assert not used


@SETTINGS
@given(sessions, st.data())
def test_a_session_resumed_from_a_saved_state_goes_on_as_the_full_fold(session, data):
    """Undo after a resumed start (a correction replays from the checkpoints) and a new action."""
    config, commands, present = session
    engine = play(config, commands, present)
    events = engine.events
    head = data.draw(st.integers(1, len(events)), label="saved at")
    point = resume_point(SessionState.fold(engine.assembly, engine.setup, events[:head]))
    engines = [
        SessionEngine(engine.assembly, engine.setup, events, clock=lambda: events[-1].at, genesis=engine.genesis),
        SessionEngine(engine.assembly, engine.setup, events, clock=lambda: events[-1].at, genesis=engine.genesis, resume_from=point),
    ]
    target = data.draw(st.integers(1, len(events)), label="undone")
    outcomes = []
    for twin in engines:
        c = Commands(twin)
        try:
            twin.execute(c.correct(target))
            outcome = "done"
        except RuleViolation as exc:
            outcome = str(exc)
        outcomes.append(outcome)
    assert outcomes[0] == outcomes[1]
    _same(engines[1].state, engines[0].state)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sessions, st.data())
def test_the_saved_file_round_trips_to_the_same_state(session, data):
    config, commands, present = session
    engine = play(config, commands, present)
    events = engine.events
    head = data.draw(st.integers(1, len(events)), label="saved at")
    saved = SessionEngine(engine.assembly, engine.setup, events[:head], genesis=engine.genesis)
    stored = StoredSession(engine.assembly, engine.setup, events, engine.genesis)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "seance-desk.sqlite3"
        assert write_checkpoint(database, 7, engine.genesis, saved.state)
        point = read_checkpoint(database, 7, stored)
    assert point is not None and point.head_seq == head
    _same(SessionState.fold(engine.assembly, engine.setup, events, point), SessionState.fold(engine.assembly, engine.setup, events))
