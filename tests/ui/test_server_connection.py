"""« Séance → Se connecter à un serveur… »: the address is checked, then remembered for the next
starts (where --database still wins); an empty one goes back to the local database."""

from __future__ import annotations

from pathlib import Path

from seance_desk.app import use_remembered_server
from seance_desk.paths import DATABASE_ENV
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.server_connection import connect_to_server
from seance_desk.ui.shell.settings import DATABASE_SERVER, Preferences


def _preferences(tmp_path: Path) -> Preferences:
    from seance_desk.machine_settings import MachineSettings

    return Preferences(tmp_path / "config", machine=MachineSettings(tmp_path / "machine.ini"))


def errors(dialogs: ScriptedDialogs) -> list[str]:
    return [text for kind, _title, text in dialogs.asked if kind == "error"]


def test_an_unreachable_server_is_refused_in_french_and_not_remembered(qtbot, tmp_path: Path):
    preferences = _preferences(tmp_path)
    dialogs = ScriptedDialogs(texts=["postgresql://seance@127.0.0.1:9/mairie"])
    assert not connect_to_server(dialogs, preferences)
    assert "ne répond pas" in errors(dialogs)[-1]
    assert preferences.get(DATABASE_SERVER) == ""


def test_an_address_that_is_not_a_server_is_refused(qtbot, tmp_path: Path):
    preferences = _preferences(tmp_path)
    dialogs = ScriptedDialogs(texts=["/home/mairie/seances.sqlite3"])
    assert not connect_to_server(dialogs, preferences)
    assert "commence par « postgresql:// »" in errors(dialogs)[-1]


def test_the_remembered_server_is_used_unless_the_command_line_names_one(qtbot, tmp_path: Path, monkeypatch):
    preferences = _preferences(tmp_path)
    preferences.set(DATABASE_SERVER, "postgresql://seance@serveur/seances")
    # setenv first, so that the teardown restores the variable as it was (absent): delenv on an
    # absent variable records nothing, and use_remembered_server's value would outlive the test.
    monkeypatch.setenv(DATABASE_ENV, "")
    monkeypatch.delenv(DATABASE_ENV)
    use_remembered_server(preferences)
    import os

    assert os.environ[DATABASE_ENV] == "postgresql://seance@serveur/seances"
    monkeypatch.setenv(DATABASE_ENV, "postgresql://seance@autre/base")
    use_remembered_server(preferences)
    assert os.environ[DATABASE_ENV] == "postgresql://seance@autre/base"
    # An empty answer goes back to the local database.
    assert connect_to_server(ScriptedDialogs(texts=[""]), preferences)
    assert preferences.get(DATABASE_SERVER) == ""
