"""The garbage collector paused during the window's start-up (startup_collection.py): paused inside,
resumed after with what was built frozen out of its reach, left alone when someone else had
disabled it; and released when the chair leaves the start-up's session, so that its cycles can be
collected then."""

from __future__ import annotations

import gc
import weakref

import pytest

from seance_desk.startup_collection import release_start_up_objects, start_up_collection_paused
from seance_desk.ui.shell.controller import SessionController
from tests.ui.conftest import live_service


class _Node:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self):
        self.me = self


@pytest.fixture(autouse=True)
def _collector_restored():
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_paused_during_the_start_up_then_frozen_and_resumed():
    gc.enable()
    gc.unfreeze()
    with start_up_collection_paused():
        assert not gc.isenabled()
        built = _Node()  # lives as long as the window, as the start-up's objects do
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    assert gc.is_tracked(built)


def test_left_alone_when_already_disabled():
    gc.disable()
    gc.unfreeze()
    with start_up_collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_a_start_up_cycle_is_collected_once_released():
    gc.enable()
    gc.unfreeze()
    with start_up_collection_paused():
        left = weakref.ref(_Node())  # garbage made during the start-up, in a cycle
    gc.collect()
    assert left() is not None  # frozen: out of the collector's reach
    release_start_up_objects()
    gc.collect()
    assert left() is None


def test_switching_sessions_releases_the_start_up_objects(qtbot, store):
    gc.enable()
    gc.unfreeze()
    with start_up_collection_paused():
        controller = SessionController(live_service(store))
    assert gc.get_freeze_count() > 0
    controller.switch_to(live_service(store))
    assert gc.get_freeze_count() == 0
