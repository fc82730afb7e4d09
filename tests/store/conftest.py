"""Fixtures for the store tests: each test gets its own database file under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.store import Store

from tests.store.sessions import new_service, play_sitting


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "seance-desk.sqlite3"


@pytest.fixture
def store(db_path: Path):
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def recorded(db_path: Path) -> tuple[int, int]:
    """A closed database holding one played session: (session id, number of events)."""
    with Store.open(db_path) as store:
        service = new_service(store)
        play_sitting(service)
        return service.session_id, len(service.engine.events)
