"""Corrections cost what they cancel, not what the journal holds (issue 8 § 1): counted in reducer
steps, never timed. A métropole's session (240 members) with « unanimité », its undo and redo."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.tools.demo import build_demo
from seance_desk.models.commands import Commands
from seance_desk.models.decision import RuleViolation
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import ItemStatus, VoteChoice, VoteMethod
from seance_desk.models.state import session_state
from seance_desk.models.state.session_state import SessionState
from tests.helpers import open_next_ordinary_item, summarize
from tests.properties.naive_fold import naive_fold


@pytest.fixture(scope="module")
def metropole():
    # Every vote keyed member by member: the heaviest journal (≈ 8,000 events here).
    demo = build_demo(members=240, items=80, session_date=date(2026, 11, 20), until_item=40, one_by_one=True)
    engine = SessionEngine(demo.assembly, demo.setup, demo.events, clock=lambda: demo.events[-1].at, genesis=demo.engine.genesis)
    return engine, Commands(engine)


def _vote_next_item(engine, c):
    state = engine.state
    item = open_next_ordinary_item(engine, c)
    engine.execute(c.open_vote(item, VoteMethod.SHOW_OF_HANDS))
    against = next(m for m in state.roll.seated_ids() if m != state.chair_id)
    casts, _ = engine.execute(c.unanimity(item, exceptions={against: VoteChoice.AGAINST}))
    close, _ = engine.execute(c.close_vote(item))
    return item, casts, close


def test_undo_and_redo_of_unanimity_replay_from_the_checkpoint_before_it(metropole):
    engine, c = metropole
    item, casts, close = _vote_next_item(engine, c)
    journal = len(engine.events)
    assert journal > 5000
    bound = session_state.CHECKPOINT_EVERY + len(casts) + 2  # from the checkpoint before the action, no further

    steps = engine.state.reducer_steps
    undo_close, _ = engine.execute(c.undo_action([close[0].seq]))
    assert engine.state.reducer_steps - steps <= bound
    steps = engine.state.reducer_steps
    undo_casts, changes = engine.execute(c.undo_action([e.seq for e in casts]))
    assert engine.state.reducer_steps - steps <= bound
    assert len(undo_casts) == 1, "one correction for the whole action"
    assert changes.areas == {"vote"} and changes.item_id == item
    assert not engine.state.items[item].vote.ballots

    steps = engine.state.reducer_steps
    engine.execute(c.undo_action([undo_casts[0].seq]))  # redo « unanimité »
    engine.execute(c.undo_action([undo_close[0].seq]))  # redo the closure
    assert engine.state.reducer_steps - steps <= 2 * bound
    assert engine.state.items[item].status is ItemStatus.VOTED
    assert engine.state.items[item].vote.tally().contre == 1


def test_a_journal_with_many_corrections_folds_in_one_pass(metropole):
    engine, c = metropole
    item, casts, close = _vote_next_item(engine, c)
    for _ in range(25):
        undo_close, _ = engine.execute(c.undo_action([close[0].seq]))
        undo_casts, _ = engine.execute(c.undo_action([e.seq for e in casts]))
        engine.execute(c.undo_action([undo_casts[0].seq]))
        engine.execute(c.undo_action([undo_close[0].seq]))
    fresh = SessionState.fold(engine.assembly, engine.setup, engine.events)
    assert fresh.reducer_steps <= len(engine.events) - 100  # corrections and cancelled events are not reduced
    assert summarize(fresh) == summarize(engine.state)


def test_live_state_equals_the_naive_fold_after_undo_redo_at_size(metropole):
    engine, c = metropole
    item, casts, close = _vote_next_item(engine, c)
    engine.execute(c.undo_action([close[0].seq]))
    oracle = naive_fold(engine.assembly, engine.setup, engine.events)
    assert summarize(oracle) == summarize(engine.state)


def test_a_refused_action_rolls_back_from_a_checkpoint_not_from_the_start(metropole):
    engine, c = metropole
    before = summarize(engine.state)
    steps = engine.state.reducer_steps
    item = next(i for i, s in engine.state.items.items() if s.status is ItemStatus.PENDING)
    # « unanimité » on an item whose vote is not open: the first ballot is refused at once; a
    # two-step action whose second step is refused exercises the rollback.
    with pytest.raises(RuleViolation):
        engine.execute([*c.raise_hand("m3"), *c.cast(item, "m3", VoteChoice.FOR)])
    assert summarize(engine.state) == before
    assert engine.state.reducer_steps == steps


def test_journals_of_format_2_with_one_correction_per_event_still_fold():
    demo = build_demo(members=33, items=6, session_date=date(2026, 11, 20), until_item=3)
    engine = SessionEngine(demo.assembly, demo.setup, demo.events, clock=lambda: demo.events[-1].at)
    c = Commands(engine)
    engine.execute(c.raise_hand("m3"))
    engine.execute(c.raise_hand("m4"))
    seqs = [engine.events[-2].seq, engine.events[-1].seq]
    # Versions 1 and 2 wrote one correction per event, latest first.
    engine.execute([("correction", {"target_seq": seqs[1], "reason": "Annulation"}), ("correction", {"target_seq": seqs[0], "reason": "Annulation"})])
    fresh = SessionState.fold(engine.assembly, engine.setup, engine.events)
    assert set(seqs) <= fresh.cancelled
    assert summarize(fresh) == summarize(engine.state) == summarize(naive_fold(engine.assembly, engine.setup, engine.events))
