"""How the saved state is pickled (store/state_checkpoint.py, format 2): the objects it shares with
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


def test_a_checkpoint_of_format_1_is_ignored(db_path: Path, saved, caplog):  # noqa: F811 (the fixture)
    path = checkpoint_path(db_path)
    data = path.read_bytes()
    assert data.startswith(state_checkpoint.MAGIC) and state_checkpoint.MAGIC == b"seance-desk-etat 2\n"
    path.write_bytes(b"seance-desk-etat 1\n" + data[len(state_checkpoint.MAGIC):])
    _check_ignored(db_path, saved[0], caplog, "format inconnu")
