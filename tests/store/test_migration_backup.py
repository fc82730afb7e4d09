"""Before Alembic upgrades an existing database, a copy of it is made (SQLite's backup API) and kept in
a « sauvegardes » folder beside it; if the copy cannot be made, the database is not upgraded. The copy
restores as the README's IT section says: Séance Desk closed, the copy put in place of the database."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from seance_desk.store import Store, StoreError
from seance_desk.store.backup import MIGRATION_BACKUP_FOLDER
from seance_desk.store.migrate import head_revision

from tests.store.sessions import new_service, play_sitting, sql
from tests.store.test_migrations import _alembic


def _version(path: Path) -> list[tuple]:
    return sql(path, "SELECT version_num FROM alembic_version")


@pytest.fixture
def database_at_0003(db_path: Path) -> list[tuple]:
    """A database left at revision 0003 by an earlier version, with a played session and a text of
    the secretary: its events (what must survive, in the copy as in the upgraded database)."""
    with Store.open(db_path) as store:
        service = new_service(store)
        play_sitting(service)
        store.save_minutes_text(service.session_id, "i1", "Texte d'avant la mise à jour")
    _alembic(db_path, "downgrade", "0003")
    assert _version(db_path) == [("0003",)]
    return sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq")


def _backups(db_path: Path) -> list[Path]:
    folder = db_path.parent / MIGRATION_BACKUP_FOLDER
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_an_upgrade_keeps_a_copy_of_the_database_as_it_was(db_path: Path, database_at_0003):
    Store.open(db_path).close()

    assert _version(db_path) == [(head_revision(),)]
    (copy,) = _backups(db_path)
    assert copy.name.startswith("seance-desk-avant-migration-0003-") and copy.suffix == ".sqlite3"
    assert _version(copy) == [("0003",)]  # the database before the upgrade, not after it
    assert sql(copy, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq") == database_at_0003
    assert sql(copy, "SELECT item_id, text FROM minutes_texts") == [("i1", "Texte d'avant la mise à jour")]
    assert sql(copy, "PRAGMA integrity_check") == [("ok",)]
    assert not Path(f"{copy}-wal").exists()  # self-contained: the file alone is the backup
    if os.name == "posix":
        assert copy.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only


def test_the_copy_is_kept_and_a_database_already_up_to_date_is_not_copied_again(db_path: Path, database_at_0003):
    Store.open(db_path).close()
    Store.open(db_path).close()
    assert len(_backups(db_path)) == 1


def test_a_new_database_has_nothing_to_copy(db_path: Path):
    Store.open(db_path).close()
    assert _backups(db_path) == []


def test_without_a_copy_the_database_is_not_upgraded(db_path: Path, database_at_0003):
    (db_path.parent / MIGRATION_BACKUP_FOLDER).write_text("un fichier, là où le dossier des copies devrait être")

    with pytest.raises(StoreError, match="sa copie de sauvegarde n'a pas pu être faite d'abord.*la base n'a pas été modifiée"):
        Store.open(db_path)
    assert _version(db_path) == [("0003",)]
    assert sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq") == database_at_0003


def test_the_copy_restores_as_the_readme_says(db_path: Path, database_at_0003):
    with Store.open(db_path) as store:
        (summary,) = store.list_sessions()
        service = new_service(store)  # something done after the upgrade, which the restore gives up
    (copy,) = _backups(db_path)

    # Séance Desk closed: the copy in place of the database, its -wal and -shm removed.
    shutil.copyfile(copy, db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)

    assert _version(db_path) == [("0003",)]
    assert sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq") == database_at_0003
    assert [row[0] for row in sql(db_path, "SELECT id FROM sessions")] == [summary.id]
    assert service.session_id != summary.id
