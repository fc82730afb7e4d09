"""run_app itself, the entry point of `seance-desk`: on a last session that no longer replays the
window opens (the messages go through DialogService, parentless before the window exists); on a
database that cannot be read at all, a French message and exit code 1, never a traceback.

Qt's blocking parts are stubbed: the message boxes (DialogService's methods) and the event loop
(QApplication.exec returns at once); the window shown is kept by stubbing its show()."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from seance_desk import app as app_module
from seance_desk.paths import CONFIG_DIR_ENV, DATA_DIR_ENV, DB_FILENAME
from seance_desk.store import Store
from seance_desk.ui.shell.dialogs import DialogService
from seance_desk.ui.shell.main_window import MainWindow

from tests.ui.tampering import refuse_a_ballot, two_sessions


@pytest.fixture
def entry(qapp, tmp_path, monkeypatch):
    """(database path, the questions asked, the windows shown) with run_app's blocking parts stubbed."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "donnees"))
    monkeypatch.setenv(CONFIG_DIR_ENV, str(tmp_path / "config"))
    (tmp_path / "donnees").mkdir()
    asked: list[tuple[str, str, str, object]] = []
    shown: list[MainWindow] = []
    monkeypatch.setattr(DialogService, "error", lambda self, title, text: asked.append(("error", title, text, self.parent)))
    monkeypatch.setattr(DialogService, "choose", lambda self, title, label, options: asked.append(("choose", title, label, self.parent)) or 0)
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    # Other tests keep the default style, locale and Qt's English (« Ctrl+Shift+O », not « Ctrl+Maj+O »).
    monkeypatch.setattr(QApplication, "setStyle", lambda self, style: None)
    monkeypatch.setattr(QLocale, "setDefault", staticmethod(lambda locale: None))
    monkeypatch.setattr("seance_desk.ui.shell.translations.install_french_translations", lambda app: True)
    yield tmp_path / "donnees" / DB_FILENAME, asked, shown
    for window in shown:
        window.close()
        window.deleteLater()


def test_the_window_opens_when_the_last_session_no_longer_replays(entry):
    path, asked, shown = entry
    other_id, bad_id = two_sessions(path)
    seq = refuse_a_ballot(path, bad_id, rechain=True)
    assert app_module.run_app([]) == 0
    (window,) = shown
    assert window.controller.service.session_id == other_id
    kinds = [(kind, parent) for kind, _title, _text, parent in asked]
    assert kinds == [("error", None), ("choose", None)]  # before the window exists: no parent
    assert f"l'événement n° {seq} (vote.cast) est refusé" in asked[0][2]
    assert window.dialogs.parent is window  # from then on, centred on the window
    with Store.open(path) as store:
        assert store.last_session_id() == other_id


def test_an_unreadable_database_is_said_in_french_with_exit_code_1(entry, capsys):
    path, asked, shown = entry
    path.write_bytes(b"pas une base SQLite" * 100)
    assert app_module.run_app([]) == 1
    assert shown == []
    ((kind, title, text, _parent),) = asked
    assert kind == "error" and "Impossible d'ouvrir la base de données des séances" in text
    assert "n'est pas une base de données SQLite" in text
    assert "Traceback" not in capsys.readouterr().err


def test_an_unexpected_failure_is_said_in_french_with_exit_code_1(entry, monkeypatch, capsys):
    path, asked, shown = entry
    two_sessions(path)

    def broken(*_args, **_kwargs):
        raise RuntimeError("panneau impossible à construire")

    monkeypatch.setattr(app_module, "build_window", broken)
    assert app_module.run_app([]) == 1
    ((kind, _title, text, _parent),) = asked
    assert kind == "error" and text == "Séance Desk n'a pas pu démarrer : panneau impossible à construire"
    assert "RuntimeError" in capsys.readouterr().err  # the details, for IT, on the console only
