"""Fixtures for the window's tests: a real store in tmp_path and a controller over a live demo."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.tools.demo import build_demo
from seance_desk.service.session import SessionService
from seance_desk.store import Store


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "ui.sqlite3")
    yield opened
    opened.close()


def live_service(store, members: int = 33, items: int = 12, until_item: int = 4, speaking: bool = True, **options) -> SessionService:
    """A demo session stored and reopened, paused on `until_item` under discussion; with
    `speaking`, the first raised hand has been given the floor."""
    demo = build_demo(members, items, session_date=date(2026, 11, 20), until_item=until_item, **options)
    session_id = store.import_session(demo.assembly, demo.setup, demo.events)
    service = SessionService(store, session_id)
    if speaking and service.state.speakers.queue:
        service.do(service.commands.give_floor(service.state.speakers.queue[0]))
    return service


def controller_at_start(path):
    """The window's start on a demo session (33 members, item 4 under discussion) stored in the
    SQLite file `path` as its last session: opened as the application opens it, its journal not
    verified yet (open_last_session), under a fresh controller."""
    from seance_desk.app import open_last_session
    from seance_desk.ui.shell.controller import SessionController

    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    with Store.open(path) as store:
        store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
    return SessionController(open_last_session(33, path))


@pytest.fixture
def controller(qtbot, store):
    from seance_desk.ui.shell.controller import SessionController

    return SessionController(live_service(store))
