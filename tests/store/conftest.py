"""Fixtures for the store tests: each test gets its own database file under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "seance-desk.sqlite3"


@pytest.fixture
def store(db_path: Path):
    opened = Store.open(db_path)
    yield opened
    opened.close()
