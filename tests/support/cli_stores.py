"""The command line's stores, closed after each test that runs `seance_desk.cli.main`.

The commands leave their store to the exit's clean-up (repository._close_open_stores); a test
process does not exit between tests, so a command run on a PostgreSQL server would leave its
connections to the collector (a ResourceWarning, an error here, in whichever test comes next).
Import `stores_closed` into a test module: it is autouse."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def stores_closed(monkeypatch):
    from seance_desk.cli import errors

    opened = []
    real = errors.open_store
    monkeypatch.setattr(errors, "open_store", lambda: opened.append(real()) or opened[-1])
    for module in ("store_commands", "session_commands", "document_commands", "assembly_commands"):
        monkeypatch.setattr(f"seance_desk.cli.{module}.open_store", errors.open_store, raising=False)
    yield
    for store in opened:
        store.close()
