"""A played, closed session on each database the anchored journal must protect: the SQLite file and
a PostgreSQL server (the shared mode's test server, tests/pg/conftest.py: its tests fail under
CI=true without one, and are skipped elsewhere saying why). `database` yields (open_store,
forget_outside_state): open_store() opens the store, open_store.target is what `--database` or the
data folder names; forget_outside_state() undoes what only a SQLite file keeps beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from seance_desk.store import Store
from seance_desk.store.heads import heads_path
from tests.pg.conftest import pg_server_url, pg_url  # noqa: F401 — the PostgreSQL server's fixtures, shared
from tests.store.sessions import new_service, play_sitting


@dataclass(frozen=True, slots=True)
class OpenStore:
    target: Path | str  # the SQLite file, or the PostgreSQL server's URL

    def __call__(self) -> Store:
        return Store.open(self.target)

    @property
    def is_server(self) -> bool:
        return isinstance(self.target, str)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path: Path) -> tuple[OpenStore, Callable[[], None]]:
    if request.param == "postgresql":
        # A server keeps nothing beside it on this post: the head row is in the database the forger owns.
        return OpenStore(request.getfixturevalue("pg_url")), (lambda: None)
    db_path = tmp_path / "seance-desk.sqlite3"

    def forget_heads_file() -> None:
        # The forger has the folder of the file: the acknowledged heads beside it go too.
        heads_path(db_path).unlink(missing_ok=True)

    return OpenStore(db_path), forget_heads_file


@pytest.fixture
def closed_session(database) -> tuple[OpenStore, Callable[[], None], int]:
    """(open_store, forget_outside_state, session id): a sitting played and closed (levée)."""
    open_store, forget = database
    with open_store() as store:
        service = new_service(store)
        play_sitting(service)
        service.do(service.commands.close_session())
        return open_store, forget, service.session_id
