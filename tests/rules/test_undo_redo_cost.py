"""The chair's Ctrl+Z and Ctrl+Y cost what they cancel (issue 11, the service's share): a redo goes
back to the state the undo replaced without replaying anything, and an undo replays from a
checkpoint taken close before the action. Counted in reducer steps, never timed; checked against
the naive fold each time."""

from __future__ import annotations

from copy import copy
from datetime import date

import pytest

from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import ItemStatus, VoteChoice, VoteMethod
from seance_desk.models.state import session_state
from seance_desk.models.state.huis_clos import HuisClosState
from seance_desk.models.state.items import ItemState, VoteState
from seance_desk.models.state.minutes import MinutesState
from seance_desk.models.state.returning import returning_to
from seance_desk.models.state.roll import Proxy
from seance_desk.models.state.snapshot import shallow_copy
from seance_desk.models.state.speakers import FloorRequest
from seance_desk.tools.demo import build_demo
from tests.helpers import keyed_one_by_one, open_next_ordinary_item, summarize
from tests.properties.naive_fold import naive_fold


@pytest.fixture()
def engine():
    # Every vote keyed member by member, as these tests' checkpoints were laid out for.
    demo = build_demo(members=60, items=12, session_date=date(2026, 11, 20), until_item=4, one_by_one=True)
    return SessionEngine(demo.assembly, demo.setup, demo.events, clock=lambda: demo.events[-1].at, genesis=demo.engine.genesis)


def _vote_opened_on_next_item(engine) -> tuple[Commands, str]:
    """The next ordinary item put to discussion and its vote opened at a show of hands: (commands, item)."""
    c = Commands(engine)
    item = open_next_ordinary_item(engine, c)
    engine.execute(c.open_vote(item, VoteMethod.SHOW_OF_HANDS))
    return c, item


def _shown(engine) -> dict:
    """What the state shows, apart from the journal itself (which the corrections lengthen)."""
    return {key: value for key, value in summarize(engine.state).items() if key not in ("events", "cancelled")}


def _same_as_naive(engine) -> bool:
    return summarize(engine.state) == summarize(naive_fold(engine.assembly, engine.setup, engine.events))


def test_redo_and_undo_again_go_back_to_the_state_replaced_without_replay(engine):
    c, item = _vote_opened_on_next_item(engine)
    casts, _ = engine.execute(c.unanimity(item))
    voted = _shown(engine)

    undo, changes = engine.execute(c.undo_action([e.seq for e in casts]))
    assert changes.areas == {"vote"} and changes.item_id == item
    assert not engine.state.items[item].vote.ballots
    undone = _shown(engine)

    steps = engine.state.reducer_steps
    redo, changes = engine.execute(c.undo_action([undo[0].seq]))
    assert engine.state.reducer_steps == steps, "a redo replays nothing"
    assert changes.areas == {"vote"} and changes.item_id == item
    assert _shown(engine) == voted
    assert _same_as_naive(engine)

    engine.execute(c.undo_action([redo[0].seq]))  # Ctrl+Z again: back to the state the redo replaced
    assert engine.state.reducer_steps == steps
    assert _shown(engine) == undone
    assert _same_as_naive(engine)

    # The state given back is the live one now: acting on it, then undoing and redoing, still agrees.
    voter = next(m for m in engine.state.roll.seated_ids() if m != engine.state.chair_id)
    cast, _ = engine.execute(c.cast(item, voter, VoteChoice.AGAINST))
    assert returning_to(engine.state, engine.state.cancelled) is None, "another event makes the state kept useless"
    undo_cast, _ = engine.execute(c.undo_action([cast[0].seq]))
    assert _same_as_naive(engine)
    engine.execute(c.undo_action([undo_cast[0].seq]))
    assert engine.state.items[item].vote.ballots[voter].choice is VoteChoice.AGAINST
    assert _same_as_naive(engine)


def _next_item_s_silent_members(engine, c) -> list[str]:
    """The next item put to discussion, and the members seated there (the chair apart) who have not asked to speak."""
    open_next_ordinary_item(engine, c)
    speakers = engine.state.speakers
    return [m for m in engine.state.roll.seated_ids() if m != engine.state.chair_id and speakers.pending_for(m) is None]


def _hand_raised_then_undone(engine, c):
    """A member (not the chair) raises a hand on the next item, and the chair undoes it: (member, the undo's events)."""
    open_next_ordinary_item(engine, c)
    member = next(m for m in engine.state.roll.seated_ids() if m != engine.state.chair_id)
    raised, _ = engine.execute(c.raise_hand(member))
    undo, _ = engine.execute(c.undo_action([raised[0].seq]))
    return member, undo


def test_a_redo_probed_for_refusal_leaves_the_kept_state_to_the_real_redo(engine):
    c = Commands(engine)
    member, undo = _hand_raised_then_undone(engine, c)
    assert engine.refused(c.undo_action([undo[0].seq])) is None  # the window greys its buttons this way
    steps = engine.state.reducer_steps
    engine.execute(c.undo_action([undo[0].seq]))
    assert engine.state.reducer_steps == steps
    assert engine.state.speakers.pending_for(member) is not None
    assert _same_as_naive(engine)


def test_a_failed_store_after_a_redo_leaves_the_undone_state(engine):
    c = Commands(engine)
    member, undo = _hand_raised_then_undone(engine, c)
    undone = summarize(engine.state)

    def failing(events):
        raise OSError("disque plein")

    with pytest.raises(OSError):
        engine.execute(c.undo_action([undo[0].seq]), persist=failing)
    assert summarize(engine.state) == undone
    engine.execute(c.undo_action([undo[0].seq]))
    assert engine.state.speakers.pending_for(member) is not None
    assert _same_as_naive(engine)


def test_undoing_the_last_action_replays_from_a_checkpoint_close_before_it(engine):
    c = Commands(engine)
    seated = _next_item_s_silent_members(engine, c)
    assert len(seated) > 40
    bound = session_state.ACTION_CHECKPOINT_EVERY + 1
    for member in seated[:40]:  # single-event actions, more than a checkpoint's spacing
        raised, _ = engine.execute(c.raise_hand(member))
        steps = engine.state.reducer_steps
        undo, _ = engine.execute(c.undo_action([raised[0].seq]))
        assert engine.state.reducer_steps - steps <= bound
        engine.execute(c.undo_action([undo[0].seq]))
    assert _same_as_naive(engine)


def test_a_long_action_is_followed_by_a_checkpoint(engine):
    c, item = _vote_opened_on_next_item(engine)
    casts, _ = engine.execute(keyed_one_by_one(engine, c, item))
    assert len(casts) >= session_state.ACTION_CHECKPOINT_EVERY
    assert engine.state._checkpoints[-1][0] == casts[-1].seq
    _undoing_the_closing_replays_nothing(engine, c, item)
    assert engine.state.items[item].status is ItemStatus.VOTING


def _undoing_the_closing_replays_nothing(engine, c, item: str) -> None:
    """The vote closed, then the closing undone: from the checkpoint after the ballots, none replayed."""
    close, _ = engine.execute(c.close_vote(item))
    steps = engine.state.reducer_steps
    engine.execute(c.undo_action([close[0].seq]))
    assert engine.state.reducer_steps == steps, "nothing of « unanimité » replayed to undo the closure"
    assert _same_as_naive(engine)


def test_with_checkpoints_at_pauses_the_one_after_a_unanimity_waits_for_the_pause(engine):
    """The window's engine (checkpoint_at_pauses): « unanimité » clones nothing inside the action;
    the chair's pause takes the checkpoint, and undoing the closing after it still replays none."""
    c, item = _vote_opened_on_next_item(engine)
    engine.state.checkpoint_at_pause()
    engine.checkpoint_at_pauses = True
    kept_before = list(engine.state._checkpoints)
    [unanimity], _ = engine.execute(c.unanimity(item))
    assert engine.state._checkpoints == kept_before  # nothing cloned in the action
    assert engine.state.checkpoint_at_pause()
    assert engine.state._checkpoints[-1][0] == unanimity.seq
    _undoing_the_closing_replays_nothing(engine, c, item)


def test_a_unanimity_weighs_its_ballots_and_is_followed_by_a_checkpoint(engine):
    """One event, but as many ballots to apply again: undoing the closing after it replays none."""
    c, item = _vote_opened_on_next_item(engine)
    [unanimity], _ = engine.execute(c.unanimity(item))
    assert len(unanimity.payload["ballots"]) >= session_state.ACTION_CHECKPOINT_EVERY
    assert engine.state._checkpoints[-1][0] == unanimity.seq
    _undoing_the_closing_replays_nothing(engine, c, item)


def test_refused_probes_take_no_checkpoint(engine):
    c, item = _vote_opened_on_next_item(engine)
    checkpoints = list(engine.state._checkpoints)
    assert engine.refused(c.unanimity(item)) is None
    assert engine.state._checkpoints == checkpoints


@pytest.mark.parametrize("make", [
    lambda s: next(iter(s.items.values())),
    lambda s: next(i.vote for i in s.items.values() if i.vote is not None),
    lambda s: next(iter(s.speakers.requests.values())),
    lambda s: next(iter(s.roll.proxies.values())),
    lambda s: s.minutes,
    lambda s: s.huis_clos,
])
def test_the_fast_shallow_copy_is_copy(make):
    demo = build_demo(members=60, items=12, session_date=date(2026, 11, 20), until_item=4)
    original = make(demo.engine.state)
    assert type(original) in (ItemState, VoteState, FloorRequest, Proxy, MinutesState, HuisClosState)
    twin = shallow_copy(original)
    assert twin == copy(original) and twin is not original
    assert all(getattr(twin, name) is getattr(original, name) for name in original.__slots__)


def test_the_fast_shallow_copy_falls_back_to_copy_for_other_classes():
    class Plain:
        def __init__(self):
            self.a = [1]

    plain = Plain()
    twin = shallow_copy(plain)
    assert twin is not plain and twin.a is plain.a


def test_an_undo_clones_the_checkpoint_it_starts_from_and_nothing_more(engine, monkeypatch):
    monkeypatch.setattr(session_state, "CHECKPOINT_EVERY", 32)  # the ballots cross one or two multiples
    c, item = _vote_opened_on_next_item(engine)
    casts, _ = engine.execute(keyed_one_by_one(engine, c, item))
    assert any(casts[0].seq < at < casts[-1].seq and at % 32 == 0 for at, _ in engine.state._checkpoints)
    clones = []
    real = session_state.clone_slices
    monkeypatch.setattr(session_state, "clone_slices", lambda slices: clones.append(1) or real(slices))
    engine.execute(c.undo_action([e.seq for e in casts]))
    assert len(clones) == 1, "the cancelled ballots are skipped without a checkpoint on the way"
    assert not engine.state.items[item].vote.ballots
    assert _same_as_naive(engine)


def test_checkpoints_taken_around_actions_stay_few(engine):
    c = Commands(engine)
    seated = _next_item_s_silent_members(engine, c)
    before = len(engine.events)
    for member in seated * 3:  # single-event actions: one checkpoint every ACTION_CHECKPOINT_EVERY events
        engine.execute(c.raise_hand(member))
        engine.execute(c.lower_hand(engine.state.speakers.pending_for(member).id))
    assert len(engine.events) - before > 2 * session_state.KEEP_LAST * session_state.ACTION_CHECKPOINT_EVERY
    unaligned = [at for at, _ in engine.state._checkpoints if at % session_state.CHECKPOINT_EVERY]
    assert 1 <= len(unaligned) <= session_state.KEEP_LAST
    assert engine.state._checkpoints == sorted(engine.state._checkpoints, key=lambda taken: taken[0])


def test_at_the_chair_s_pause_the_checkpoint_is_taken_so_that_no_action_clones_the_state(engine, monkeypatch):
    """The window's pause (service/pause_work.py) takes the checkpoint due_checkpoint would take
    inside the next action: with a pause after each action, no action clones the state, and an
    undo of the last action still replays at most PAUSE_CHECKPOINT_EVERY events before it."""
    c = Commands(engine)
    seated = _next_item_s_silent_members(engine, c)
    clones_in_actions = []
    real = session_state.clone_slices
    in_action = [False]
    monkeypatch.setattr(session_state, "clone_slices", lambda slices: clones_in_actions.append(in_action[0]) or real(slices))

    def act(steps, forward=False):
        in_action[0] = forward  # an undo's replay clones its starting checkpoint: not counted
        done, _ = engine.execute(steps)
        in_action[0] = None
        engine.state.checkpoint_at_pause()  # the chair pauses after each action
        return done

    engine.state.checkpoint_at_pause()
    for member in seated[:40]:
        raised = act(c.raise_hand(member), forward=True)
        steps = engine.state.reducer_steps
        undo = act(c.undo_action([raised[0].seq]))
        # From the checkpoint of the pause before the raised hand, fewer than PAUSE_CHECKPOINT_EVERY events back.
        assert engine.state.reducer_steps - steps < session_state.PAUSE_CHECKPOINT_EVERY
        act(c.undo_action([undo[0].seq]))
    assert clones_in_actions.count(None) >= 120 // session_state.PAUSE_CHECKPOINT_EVERY  # taken at the pauses
    # Inside a forward action, only the fixed ones (every CHECKPOINT_EVERY events of the journal).
    assert clones_in_actions.count(True) <= 120 // session_state.CHECKPOINT_EVERY + 1
    assert _same_as_naive(engine)
