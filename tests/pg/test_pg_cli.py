"""`seance-desk --database postgresql://…`: the command line works on the shared database."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.cli import EXIT_INVALID, EXIT_OK, main
from seance_desk.files.session_file import read_session_file, write_session_file
from seance_desk.store import Store
from tests.store.sessions import new_service, play_sitting
from tests.support.cli_stores import stores_closed  # noqa: F401 — autouse: each command's store closed after the test


@pytest.fixture
def session_file(tmp_path: Path) -> tuple[Path, int]:
    with Store.open(tmp_path / "source.sqlite3") as store:
        service = new_service(store)
        play_sitting(service)
        path = tmp_path / "seance.json"
        write_session_file(path, service.state.assembly, service.engine.setup, service.engine.events)
        return path, len(service.engine.events)


def test_import_list_export_and_check_on_a_postgresql_server(pg_url: str, session_file, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("SEANCE_DESK_DATA_DIR", str(tmp_path / "data"))  # must not be used
    path, count = session_file
    assert main(["--database", pg_url, "import", str(path)]) == EXIT_OK
    assert f"Séance importée : 1 ({count} événements" in capsys.readouterr().out
    assert main(["--database", pg_url, "sessions"]) == EXIT_OK
    assert f"{count} événements" in capsys.readouterr().out
    assert main(["--database", pg_url, "export", "1", "--out", str(tmp_path / "copie.json")]) == EXIT_OK
    copy = read_session_file(tmp_path / "copie.json")
    assert [e.hash for e in copy.events] == [e.hash for e in read_session_file(path).events] and len(copy.events) == count
    assert main(["--database", pg_url, "check"]) == EXIT_OK
    assert not (tmp_path / "data").exists()


def test_backup_of_a_server_database_is_refused_in_french(pg_url: str, capsys):
    assert main(["--database", pg_url, "backup", "--out", "copie.sqlite3"]) == EXIT_INVALID
    assert "pg_dump" in capsys.readouterr().err


def test_a_server_that_does_not_answer_is_said_in_french(capsys):
    # Port 9 on 127.0.0.1 (discard): nothing listens there; the refusal is immediate.
    assert main(["--database", "postgresql://seance@127.0.0.1:9/mairie", "sessions"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "ne répond pas (réseau coupé ou serveur arrêté)" in err and "127.0.0.1:9" in err
