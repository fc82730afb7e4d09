"""The window's technical log (logs.py): a rotating file in the user's log folder with what IT needs
during a live session — start, sessions opened, refusals, errors, migrations; faulthandler into a
crash file; and exception hooks that log the traceback and show a French dialog naming the log
file instead of dying."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from seance_desk.store.schema_names import KNOWN_HEAD
from seance_desk import logs
from seance_desk.cli import main
from seance_desk.store import Store
from seance_desk.ui.shell.dialogs import DialogService

from tests.store.sessions import new_service, play_sitting
from tests.store.test_migrations import _alembic
from tests.ui.conftest import live_service


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str]]:
    """The message boxes the hooks and the dialog service open, answered at once."""
    from PySide6.QtWidgets import QMessageBox

    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: boxes.append((title, text))))
    return boxes


@pytest.fixture
def log_file(tmp_path: Path, qapp):
    path = logs.start_logging(tmp_path / "journaux")
    try:
        yield path
    finally:
        logs.stop_logging()


def _read(path: Path) -> str:
    for handler in logs.log.handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_the_log_is_in_the_folder_given_private_and_says_the_start(log_file: Path, tmp_path: Path):
    assert log_file == tmp_path / "journaux" / "seance-desk.log"
    text = _read(log_file)
    assert "Démarrage de Séance Desk 0.1.0" in text and str(log_file) in text
    if os.name == "posix":
        assert log_file.stat().st_mode & 0o077 == 0  # it holds names (the refusals): owner-only
    assert (tmp_path / "journaux" / logs.CRASH_FILENAME).exists()
    import faulthandler

    assert faulthandler.is_enabled()


def test_the_default_folder_is_the_users_log_folder_or_the_variable(monkeypatch, tmp_path: Path):
    from platformdirs import user_log_dir

    from seance_desk.paths import log_dir

    monkeypatch.delenv("SEANCE_DESK_LOG_DIR", raising=False)
    assert log_dir() == Path(user_log_dir("seance-desk", appauthor=False))
    monkeypatch.setenv("SEANCE_DESK_LOG_DIR", str(tmp_path / "ailleurs"))
    assert log_dir() == tmp_path / "ailleurs"


def test_sessions_opened_and_refusals_are_logged(log_file: Path, qtbot, store):
    from seance_desk.ui.shell.controller import SessionController

    controller = SessionController(live_service(store))
    seated = next(iter(controller.state.roll.attendance))
    refusal = controller.act("Arrivée", lambda c: c.arrive(seated))
    assert not refusal
    text = _read(log_file)
    assert f"Séance n° {controller.service.session_id} ouverte" in text
    assert refusal.refusal and f"Refus : {refusal.refusal}" in text


def test_an_error_shown_to_the_chair_is_logged_with_its_traceback(log_file: Path, shown):
    try:
        raise OSError("disque plein")
    except OSError:
        DialogService(None).error("Séance Desk", "Séance Desk n'a pas pu démarrer : disque plein")
    text = _read(log_file)
    assert "ERROR" in text and "Séance Desk n'a pas pu démarrer : disque plein" in text
    assert "Traceback" in text and "OSError: disque plein" in text
    assert shown == [("Séance Desk", "Séance Desk n'a pas pu démarrer : disque plein")]


def test_a_migration_and_its_copy_are_logged(log_file: Path, tmp_path: Path):
    database = tmp_path / "seance-desk.sqlite3"
    with Store.open(database) as store:
        play_sitting(new_service(store))
    _alembic(database, "downgrade", "0003")
    Store.open(database).close()
    text = _read(log_file)
    assert f"Copie avant migration (révision 0003 vers {KNOWN_HEAD})" in text
    assert "Migration du schéma" in text and "Migration terminée" in text


def test_an_unexpected_error_shows_a_french_dialog_naming_the_log(log_file: Path, shown):
    try:
        raise ZeroDivisionError("division par zéro")
    except ZeroDivisionError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    ((title, text),) = shown
    assert title == "Séance Desk — erreur inattendue"
    assert "Une erreur inattendue s'est produite : division par zéro" in text
    assert f"« {log_file} »" in text and "service informatique" in text
    logged = _read(log_file)
    assert "CRITICAL" in logged and "ZeroDivisionError: division par zéro" in logged


def test_an_error_in_a_worker_thread_is_shown_on_the_window_thread(log_file: Path, shown, qtbot):
    seen_on: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    record = QMessageBox.critical
    QMessageBox.critical = staticmethod(lambda parent, title, text, *a: (seen_on.append(threading.current_thread().name), record(parent, title, text)))
    try:
        worker = threading.Thread(target=lambda: 1 / 0, name="verification-journal")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: shown != [])
    finally:
        QMessageBox.critical = record
    assert seen_on == [threading.main_thread().name]
    assert "Erreur inattendue dans le fil « verification-journal »" in _read(log_file)


def test_the_window_command_starts_the_log_and_the_others_do_not(monkeypatch, tmp_path: Path):
    from seance_desk import app

    started: list[str] = []
    monkeypatch.setattr(logs, "start_logging", lambda *a, **k: started.append("journal"))
    monkeypatch.setattr(app, "run_app", lambda *a: started.append("fenêtre") or 0)
    assert main([]) == 0
    assert started == ["journal", "fenêtre"]
    started.clear()
    assert main(["demo", "--out", str(tmp_path / "s.json"), "--members", "9", "--items", "2"]) == 0
    assert started == []


_CHILD = """
import faulthandler, json, sys
from pathlib import Path
from seance_desk import logs
path = logs.start_logging(Path(sys.argv[1]), dialogs=False)
print(json.dumps({"qt": any(m.startswith("PySide6") for m in sys.modules), "log": str(path)}), flush=True)
if sys.argv[2] == "erreur":
    raise ValueError("valeur inattendue")
faulthandler._sigsegv()
"""


def _child(tmp_path: Path, what: str) -> tuple[subprocess.CompletedProcess, dict]:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(tmp_path), what], capture_output=True, text=True, timeout=60)
    return done, json.loads(done.stdout.splitlines()[0])


def test_without_a_window_the_error_is_said_in_french_on_stderr_and_logged(tmp_path: Path):
    done, started = _child(tmp_path, "erreur")
    assert started["qt"] is False  # cheap: no Qt for the log itself
    assert done.returncode == 1
    assert "Une erreur inattendue s'est produite : valeur inattendue" in done.stderr and started["log"] in done.stderr
    assert "ValueError: valeur inattendue" in Path(started["log"]).read_text(encoding="utf-8")


def test_a_fatal_crash_leaves_its_traceback_in_the_crash_file(tmp_path: Path):
    done, _ = _child(tmp_path, "plantage")
    assert done.returncode != 0
    crash = (tmp_path / logs.CRASH_FILENAME).read_text(encoding="utf-8")
    assert "Fatal Python error" in crash and "Segmentation fault" in crash
