"""Revisions 0007 (journal_anchors) and 0008 (accounts, events.actor): a database of 0005 upgrades with
its journal intact; going down to 0005 and up again keeps the events (their authors are dropped with
the column, so such a journal no longer verifies — said at load, as any altered journal)."""

from __future__ import annotations

from pathlib import Path

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.accounts import Account, Role
from tests.store.sessions import new_service, sql
from tests.store.test_migrations import _alembic, _columns


def test_0005_database_upgrades_and_the_new_revisions_go_down_and_up(tmp_path: Path):
    db_path = tmp_path / "seance-desk.sqlite3"
    with Store.open(db_path) as store:
        service = new_service(store)
        service.do(service.commands.arrive("m1"))
        session_id = service.session_id
    _alembic(db_path, "downgrade", "0005")
    tables = {row[0] for row in sql(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "journal_anchors" not in tables and "accounts" not in tables and "actor" not in _columns(db_path, "events")

    with Store.open(db_path) as store:  # back to the newest revision at opening
        assert "actor" in _columns(db_path, "events")
        service = SessionService(store, session_id)
        service.person = Account("mcurie", "Marie Curie", Role.PRESIDENT)
        service.do(service.commands.arrive("m2"))
        assert [event.actor for event in store.load_session(session_id).events] == [None, "mcurie"]
        assert store.anchors(session_id)
        store.create_account("admin", "Service informatique", "administrateur", "correct horse battery")

    _alembic(db_path, "downgrade", "0007")
    assert "accounts" not in {row[0] for row in sql(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert sql(db_path, "SELECT count(*) FROM events") == [(2,)]
    assert sql(db_path, "PRAGMA foreign_key_check") == []
