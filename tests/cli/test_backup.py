"""`seance-desk backup --out FICHIER`: a consistent, private, self-contained copy of the database,
taken with SQLite's online backup API even while another post keeps acting on it."""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.models.journal import verify_chain
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.errors import JournalRolledBack
from tests.store.sessions import new_service, play_sitting

DATABASE = "seance-desk.sqlite3"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))  # restored after the test
    return tmp_path / "donnees"


def played(data_dir: Path) -> tuple[int, int]:
    with Store.open(data_dir / DATABASE) as store:
        service = new_service(store)
        play_sitting(service)
        return service.session_id, len(service.engine.events)


def backup(data_dir: Path, out: Path) -> int:
    return main(["--data-dir", str(data_dir), "backup", "--out", str(out)])


def test_the_backup_is_a_private_self_contained_copy(data_dir: Path, tmp_path: Path, capsys):
    session_id, count = played(data_dir)
    out = tmp_path / "sauvegarde.sqlite3"

    assert backup(data_dir, out) == 0
    said = capsys.readouterr().out
    assert f"Sauvegarde écrite : « {out} » (1 séance, {count} événements" in said
    assert "Pour la restaurer : fermez Séance Desk" in said
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("sauvegarde")) == ["sauvegarde.sqlite3"]  # no -wal needed
    with closing(sqlite3.connect(out)) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    restored = tmp_path / "restauree" / DATABASE
    restored.parent.mkdir()
    restored.write_bytes(out.read_bytes())
    with Store.open(restored) as store:
        assert len(store.load_session(session_id).events) == count


def test_the_backup_is_consistent_while_another_post_acts(data_dir: Path, tmp_path: Path, capsys):
    session_id, _ = played(data_dir)
    stop = threading.Event()
    acted: list[int] = []

    def chair() -> None:
        with Store.open(data_dir / DATABASE) as store:
            service = SessionService(store, session_id)
            members = ["m11", "m13", "m14", "m15"]
            turn = 0
            while not stop.is_set():
                member = members[turn % len(members)]
                seated = service.state.roll.is_seated(member)
                service.do(service.commands.leave(member) if seated else service.commands.arrive(member))
                acted.append(turn)
                turn += 1

    worker = threading.Thread(target=chair)
    worker.start()
    try:
        while len(acted) < 5:
            stop.wait(0.01)
        outs = [tmp_path / f"sauvegarde-{n}.sqlite3" for n in range(3)]
        for out in outs:
            assert backup(data_dir, out) == 0
    finally:
        stop.set()
        worker.join()
    assert len(acted) > 5
    for out in outs:  # each copy is the journal as of one instant: whole, chained, head recorded
        folder = tmp_path / out.stem
        folder.mkdir()
        (folder / DATABASE).write_bytes(out.read_bytes())
        with Store.open(folder / DATABASE) as store:
            stored = store.load_session(session_id)  # checks chain and recorded head
            assert verify_chain(stored.genesis, stored.events).ok


def test_a_backup_works_on_a_database_the_store_refuses(data_dir: Path, tmp_path: Path):
    # After JournalRolledBack the user is told to back up before deciding anything: it must work.
    played(data_dir)
    (data_dir / (DATABASE + ".heads")).write_text("seance-desk-heads 1\n1 999 " + "a" * 64 + " -\n")
    with pytest.raises(JournalRolledBack):
        Store.open(data_dir / DATABASE)
    assert backup(data_dir, tmp_path / "avant-decision.sqlite3") == 0


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        (lambda d, t: d / DATABASE, "ne peut pas remplacer la base elle-même"),
        (lambda d, t: d / (DATABASE + "-wal"), "ne peut pas remplacer la base elle-même"),
        (lambda d, t: t / "absent" / "s.sqlite3", "Le dossier de la sauvegarde"),
    ],
)
def test_impossible_backups_are_refused_in_french(data_dir: Path, tmp_path: Path, capsys, out, expected):
    played(data_dir)
    before = (data_dir / DATABASE).read_bytes()
    assert backup(data_dir, out(data_dir, tmp_path)) == 1
    assert expected in capsys.readouterr().err
    assert (data_dir / DATABASE).read_bytes() == before


def test_no_database_no_backup(data_dir: Path, tmp_path: Path, capsys):
    assert backup(data_dir, tmp_path / "s.sqlite3") == 1
    assert "Aucune base de données à sauvegarder" in capsys.readouterr().err
    assert not (tmp_path / "s.sqlite3").exists()
