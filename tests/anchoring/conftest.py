"""A played, closed session on each database the anchored journal must protect. SQLite now; the
PostgreSQL fixture of the shared-store work (wt-pg) adds its parameter here: `database` yields
(open_store, forget_outside_state), the second undoing what only a SQLite file keeps beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from seance_desk.store import Store
from seance_desk.store.heads import heads_path
from tests.store.sessions import new_service, play_sitting


@pytest.fixture(params=["sqlite"])
def database(request, tmp_path: Path) -> tuple[Callable[[], Store], Callable[[], None]]:
    db_path = tmp_path / "seance-desk.sqlite3"

    def forget_heads_file() -> None:
        # The forger has the folder of the file: the acknowledged heads beside it go too.
        heads_path(db_path).unlink(missing_ok=True)

    return (lambda: Store.open(db_path)), forget_heads_file


@pytest.fixture
def closed_session(database) -> tuple[Callable[[], Store], Callable[[], None], int]:
    """(open_store, forget_outside_state, session id): a sitting played and closed (levée)."""
    open_store, forget = database
    with open_store() as store:
        service = new_service(store)
        play_sitting(service)
        service.do(service.commands.close_session())
        return open_store, forget, service.session_id
