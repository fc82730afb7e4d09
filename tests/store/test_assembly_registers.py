"""The assembly stored once for its mandate (revision 0005): an old database opens and gets the table,
its sessions belong to the assembly by their setup's id, changes are stored whole or not at all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from seance_desk.models.mandate import AssemblyRegister, ChangeKind, RosterChange
from seance_desk.store import Store, StoreError
from seance_desk.store.migrate import head_revision

from tests.helpers import make_assembly
from tests.store.sessions import new_service, sql
from tests.store.test_migrations import _alembic


def _register() -> AssemblyRegister:
    return AssemblyRegister(make_assembly(n=15), date(2026, 3, 22))  # id « a », as the stored sessions'


def test_an_old_database_opens_and_its_sessions_belong_to_the_assembly_once_installed(db_path: Path):
    with Store.open(db_path) as store:
        session_id = new_service(store).session_id
    _alembic(db_path, "downgrade", "0004")  # as an earlier version left it
    assert "assembly_registers" not in {row[0] for row in sql(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    events_before = sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq")

    with Store.open(db_path) as store:  # upgraded on opening
        assert sql(db_path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        assert store.load_session(session_id).setup.date == date(2026, 11, 20)
        assert store.assembly_registers() == []
        store.save_assembly_register(_register(), new=True)
        slots = store.assembly_session_slots("a")
        assert [(s.on, s.start, s.key) for s in slots] == [(date(2026, 11, 20), time(18, 30), str(session_id))]
        assert store.assembly_session_slots("autre") == []
    assert sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq") == events_before

    _alembic(db_path, "downgrade", "0004")
    _alembic(db_path, "upgrade", head_revision())
    with Store.open(db_path) as store:
        assert store.assembly_registers() == []  # the way down dropped the table, and nothing else
        assert list(store.load_session(session_id).events) == []


def test_register_saved_read_and_updated(store: Store):
    with pytest.raises(StoreError, match="Aucune assemblée"):
        store.assembly_register()
    register = _register()
    store.save_assembly_register(register, new=True)
    with pytest.raises(StoreError, match="déjà installée"):
        store.save_assembly_register(register, new=True)
    changed = register.with_change(RosterChange(ChangeKind.DEMISSION, date(2026, 6, 1), "m5"))
    store.save_assembly_register(changed)
    assert store.assembly_register() == changed
    assert store.assembly_register("a") == changed and store.assembly_register(register.name) == changed
    with pytest.raises(StoreError, match="« b »"):
        store.assembly_register("b")
    with pytest.raises(StoreError, match="Aucune assemblée"):
        store.save_assembly_register(AssemblyRegister(replace(make_assembly(n=5), id="b"), date(2026, 1, 1)))


def test_a_damaged_register_is_reported_in_french(store: Store, db_path: Path):
    store.save_assembly_register(_register(), new=True)
    sql(db_path, "UPDATE assembly_registers SET document_json = ?", '{"assembly": []}')
    with pytest.raises(StoreError, match="illisible"):
        store.assembly_registers()
