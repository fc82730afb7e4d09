"""`seance-desk check`: the database looked at as a whole by IT — lost actions said and, only when
asked, taken as known; every session opened with its chain and replay; unusable ones marked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seance_desk.cli import EXIT_INVALID, EXIT_OK, main
from seance_desk.store import Store
from seance_desk.store.heads import heads_path
from tests.store.sessions import new_service, play_sitting
from tests.ui.tampering import change_a_ballot, two_sessions

DATABASE = "seance-desk.sqlite3"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "donnees"))
    (tmp_path / "donnees").mkdir()
    return tmp_path / "donnees"


def check(data_dir: Path, *extra: str) -> int:
    return main(["--data-dir", str(data_dir), "check", *extra])


def test_a_sound_database_is_said_intact(data_dir: Path, capsys):
    other_id, last_id = two_sessions(data_dir / DATABASE)
    assert check(data_dir) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Séance n° {other_id} du 02/10/2026" in out and f"Séance n° {last_id} du 20/11/2026" in out
    assert out.count(": intacte (") == 2


def test_an_altered_session_is_marked_unusable_and_listed_so(data_dir: Path, capsys):
    path = data_dir / DATABASE
    other_id, bad_id = two_sessions(path)
    seq = change_a_ballot(path, bad_id)
    assert check(data_dir) == EXIT_INVALID
    captured = capsys.readouterr()
    assert f"Séance n° {bad_id} du 20/11/2026" in captured.out and "INUTILISABLE" in captured.out
    assert f"événement n° {seq}" in captured.out
    assert "1 séance inutilisable sur 2" in captured.err
    with Store.open(path) as store:
        marks = store.unusable_marks()
    assert set(marks) == {bad_id} and marks[bad_id].seq == seq
    assert main(["--data-dir", str(data_dir), "sessions"]) == EXIT_OK
    listed = capsys.readouterr().out.splitlines()
    (bad_line,) = [line for line in listed if line.startswith(f"{bad_id}\t")]
    assert "INUTILISABLE" in bad_line
    assert all("INUTILISABLE" not in line for line in listed if line.startswith(f"{other_id}\t"))


def test_a_session_that_opens_again_loses_its_mark(data_dir: Path, capsys):
    path = data_dir / DATABASE
    _, last_id = two_sessions(path)
    with Store.open(path) as store:
        store.mark_unusable(last_id, "refusée par une version antérieure", 3)
    assert check(data_dir) == EXIT_OK
    assert "n'est plus marquée inutilisable" in capsys.readouterr().out
    with Store.open(path) as store:
        assert store.unusable_marks() == {}


def _lose_the_wal(data_dir: Path, tmp_path: Path) -> int:
    """Acts past the last checkpoint, then puts back a copy of the file without its -wal; returns the
    number of events the database still holds."""
    path = data_dir / DATABASE
    store = Store.open(path)
    service = new_service(store)
    play_sitting(service)
    store.checkpoint()
    kept = len(service.engine.events)
    copy = tmp_path / "copie"
    copy.mkdir()
    shutil.copy2(path, copy / DATABASE)
    service.do(service.commands.arrive("m11"))
    shutil.copy2(heads_path(path), heads_path(copy / DATABASE))
    store.close()
    for name in (DATABASE, DATABASE + "-wal", DATABASE + "-shm"):
        (data_dir / name).unlink(missing_ok=True)
    shutil.copy2(copy / DATABASE, path)
    return kept


def test_lost_actions_are_said_and_nothing_changes_without_the_option(data_dir: Path, tmp_path: Path, capsys):
    _lose_the_wal(data_dir, tmp_path)
    before = heads_path(data_dir / DATABASE).read_bytes()
    assert check(data_dir) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "Des actions enregistrées et confirmées ont disparu" in err and "--accepter-la-perte" in err
    assert heads_path(data_dir / DATABASE).read_bytes() == before
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".perdu")]


def test_lost_actions_taken_as_known_with_the_option(data_dir: Path, tmp_path: Path, capsys):
    kept = _lose_the_wal(data_dir, tmp_path)
    assert check(data_dir, "--accepter-la-perte") == EXIT_OK
    captured = capsys.readouterr()
    assert "Perte prise en compte" in captured.out and f"intacte ({kept} événements)" in captured.out
    assert "ont disparu" in captured.err  # what was lost stays in IT's log
    assert len([p for p in data_dir.iterdir() if p.name.endswith(".perdu")]) == 1
    assert check(data_dir) == EXIT_OK  # the database as it is is the reference now
