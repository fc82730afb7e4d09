"""run_app up to its sign-in (issue 14 § 3), for the tests of SQLite and PostgreSQL bases alike: its
blocking parts stubbed (message boxes, the event loop, show), but the sign-in dialog's own modal
loop, which the test answers from inside (each answer gets the open dialog)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from seance_desk import app as app_module
from seance_desk.paths import CONFIG_DIR_ENV, DATA_DIR_ENV, DATABASE_ENV
from seance_desk.ui.dialogs.sign_in_dialog import SignInDialog
from seance_desk.ui.shell.dialogs import DialogService
from seance_desk.ui.shell.main_window import MainWindow


@dataclass
class StartUp:
    built: list[MainWindow] = field(default_factory=list)  # the windows run_app built (shown or not)
    shown: list[MainWindow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the messages said in an error box
    answers: list[Callable[[SignInDialog], None]] = field(default_factory=list)  # given to the dialog, in order
    dialogs_shown: int = 0

    def close(self) -> None:
        for window in self.built:
            window.close()  # stops its live link (and releases a chair it holds)
            window.deleteLater()


def stub_run_app(monkeypatch, data_dir: Path, database: str = "") -> StartUp:
    """run_app on the data folder's SQLite file, or on the server `database` names."""
    monkeypatch.setenv(DATA_DIR_ENV, str(data_dir / "donnees"))
    monkeypatch.setenv(CONFIG_DIR_ENV, str(data_dir / "config"))
    monkeypatch.setenv(DATABASE_ENV, database)
    started = StartUp()
    monkeypatch.setattr(DialogService, "error", lambda self, title, message: started.errors.append(message))
    monkeypatch.setattr(MainWindow, "show", lambda self: started.shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    # Other tests keep the default style, locale and Qt's English.
    monkeypatch.setattr(QApplication, "setStyle", lambda self, style: None)
    monkeypatch.setattr(QLocale, "setDefault", staticmethod(lambda locale: None))
    monkeypatch.setattr("seance_desk.ui.shell.translations.install_french_translations", lambda app: True)
    real_signed_in, real_exec = app_module._signed_in, SignInDialog.exec
    monkeypatch.setattr(app_module, "_signed_in", lambda window: started.built.append(window) or real_signed_in(window))

    def answered_exec(dialog: SignInDialog):
        started.dialogs_shown += 1
        if not started.answers:
            raise AssertionError("la connexion a été demandée sans que le test l'attende")
        for answer in started.answers:
            QTimer.singleShot(0, lambda answer=answer: answer(dialog))
        return real_exec(dialog)

    monkeypatch.setattr(SignInDialog, "exec", answered_exec)
    return started


def type_in(dialog: SignInDialog, login: str, password: str) -> None:
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
