"""How the saved state is pickled (store/state_checkpoint.py, format 3): the objects it shares with
the session read (assembly, members, agenda items, events) by reference, found by the C pickler's
dispatch table, with no Python hook called for each of the state's objects; a file of format 1 is
ignored and the journal folded, as for any unreadable file."""

from __future__ import annotations

import dataclasses
import io
import pickle
from datetime import date
from pathlib import Path

import pytest

from seance_desk.models.state.resume import resume_point
from seance_desk.store import state_checkpoint
from seance_desk.store.integrity import StoredSession
from seance_desk.store.state_checkpoint import _Pickler, _shared, _shared_ref, _Unpickler, checkpoint_path, read_checkpoint, write_point
from seance_desk.tools.demo import build_demo
from tests.helpers import summarize
from tests.store.test_state_checkpoint import _check_ignored, saved  # noqa: F401 (a fixture)


@pytest.fixture(scope="module")
def demo():
    return build_demo(members=40, items=8, session_date=date(2026, 11, 20), until_item=3)


def test_the_shared_objects_are_references_and_come_back_as_the_session_reads_them(demo, tmp_path: Path):
    state = demo.engine.state
    database = tmp_path / "a.sqlite3"
    assert write_point(database, 1, demo.engine.genesis, resume_point(state), state.assembly, state.setup, state.events)
    # The session as the next start reads it: equal objects, not the same ones.
    stored = StoredSession(
        pickle.loads(pickle.dumps(state.assembly)), pickle.loads(pickle.dumps(state.setup)),
        [pickle.loads(pickle.dumps(e)) for e in state.events], demo.engine.genesis,
    )
    point = read_checkpoint(database, 1, stored)
    assert point is not None and point.head_seq == len(state.events)
    roll = point.slices["roll"]
    assert roll.assembly is stored.assembly
    item = next(iter(point.slices["items"].values()))
    assert item.item is next(i for i in stored.setup.agenda if i.id == item.item.id)
    resumed = type(state).fold(stored.assembly, stored.setup, stored.events, point)
    assert summarize(resumed) == summarize(state)


def test_no_python_hook_runs_for_each_object(demo, monkeypatch):
    state = demo.engine.state
    calls = []
    monkeypatch.setattr(_Pickler, "_reduce", lambda self, obj, real=_Pickler._reduce: calls.append(obj) or real(self, obj))
    shared = _shared(state.assembly, state.setup, state.events)
    classes = {type(state.assembly), type(state.setup), type(state.assembly.members[0]), type(state.setup.agenda[0]), type(state.events[0])}
    buffer = io.BytesIO()
    _Pickler(buffer, shared, classes).dump(resume_point(state).slices)
    assert calls, "the shared objects go through the dispatch table"
    assert all(type(obj) in classes for obj in calls)
    assert len(calls) < len(shared), "called for the shared objects the state refers to, not for every object"


def test_an_object_of_a_shared_class_that_is_not_the_sessions_is_pickled_whole(demo):
    state = demo.engine.state
    member = state.assembly.members[0]
    other = dataclasses.replace(member)
    buffer = io.BytesIO()
    _Pickler(buffer, _shared(state.assembly, state.setup, state.events), {type(member)}).dump([member, other])
    stored = StoredSession(state.assembly, state.setup, list(state.events), demo.engine.genesis)
    back = _Unpickler(io.BytesIO(buffer.getvalue()), stored).load()
    assert back[0] is member and back[1] == other and back[1] is not member


def test_the_reference_function_refuses_outside_a_state_read():
    with pytest.raises(pickle.UnpicklingError):
        _shared_ref("member", "m1")


@pytest.mark.parametrize("older", [b"seance-desk-etat 1\n", b"seance-desk-etat 2\n"])
def test_a_checkpoint_of_an_earlier_format_is_ignored(db_path: Path, saved, caplog, older):  # noqa: F811 (the fixture)
    path = checkpoint_path(db_path)
    data = path.read_bytes()
    assert data.startswith(state_checkpoint.MAGIC) and state_checkpoint.MAGIC == b"seance-desk-etat 3\n"
    path.write_bytes(older + data[len(state_checkpoint.MAGIC):])
    _check_ignored(db_path, saved[0], caplog, "format inconnu")


def test_the_items_are_written_one_by_one_the_interpreter_let_go_between_them(demo, tmp_path: Path, monkeypatch):
    """« items » is most of a save's pickling (≈ 50 ms in one C call at 240 members and 80 items):
    each item is a pickle of its own, after the rest, and the worker thread offers the interpreter's
    lock to the GUI thread after each; the state read back is the same, shared objects included."""
    state = demo.engine.state
    point = resume_point(state)
    offered = []
    monkeypatch.setattr(state_checkpoint, "_let_others_run", lambda: offered.append(1))
    database = tmp_path / "a.sqlite3"
    assert write_point(database, 1, demo.engine.genesis, point, state.assembly, state.setup, state.events)
    assert len(offered) == len(point.slices["items"]) + len(point.slices["elections"]) > 1
    stored = StoredSession(state.assembly, state.setup, list(state.events), demo.engine.genesis)
    back = read_checkpoint(database, 1, stored)
    assert list(back.slices["items"]) == list(point.slices["items"])
    assert set(back.slices) == set(point.slices)
    resumed = type(state).fold(stored.assembly, stored.setup, stored.events, back)
    assert summarize(resumed) == summarize(state)
