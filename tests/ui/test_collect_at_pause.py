"""The collection that a chair's action made due is done at his pause (startup_collection.
collect_at_pause, called by SessionController.at_pause), not inside his next key: the generation the
collector itself would choose, nothing when someone else paused the collector."""

from __future__ import annotations

import gc

import pytest

from seance_desk import startup_collection
from seance_desk.startup_collection import collect_at_pause
from seance_desk.ui.shell.controller import SessionController
from tests.ui.conftest import live_service


@pytest.mark.parametrize(
    ("counts", "generation"),
    [((5, 0, 0), 0), ((800, 3, 2), 0), ((10, 11, 2), 1), ((10, 11, 11), 2), ((10, 2, 11), 2)],
)
def test_the_generation_is_the_one_the_collector_would_choose(monkeypatch, counts, generation):
    collected = []
    monkeypatch.setattr(startup_collection.gc, "get_count", lambda: counts)
    monkeypatch.setattr(startup_collection.gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(startup_collection.gc, "collect", lambda g=2: collected.append(g) or 0)
    monkeypatch.setattr(startup_collection.gc, "isenabled", lambda: True)
    collect_at_pause()
    assert collected == [generation]


def test_nothing_is_collected_while_someone_else_paused_the_collector(monkeypatch):
    collected = []
    monkeypatch.setattr(startup_collection.gc, "collect", lambda g=2: collected.append(g) or 0)
    monkeypatch.setattr(startup_collection.gc, "isenabled", lambda: False)
    collect_at_pause()
    assert collected == []


def test_the_chair_s_next_key_starts_with_no_collection_due(qtbot, store):
    controller = SessionController(live_service(store))
    member = next(m for m in controller.state.roll.seated_ids() if m != controller.state.setup.chair_id)
    assert controller.act("Demande de parole", lambda c: c.raise_hand(member))
    gc.collect(0)
    junk = [[i] for i in range(500)]  # young objects, as an action leaves them
    assert gc.get_count()[0] >= 200
    controller.at_pause()
    assert gc.get_count()[0] < 50
    del junk
    controller.service.close()
