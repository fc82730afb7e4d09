"""Message boxes and file dialogs go through this one small service, so tests can answer them."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

# QMessageBox and QFileDialog are imported where a box is shown: the window's start-up builds a
# DialogService before its first paint, which shows none (their types cost ≈ 2.5 ms to make).


class DialogService:
    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def confirm(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self.parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        _log_error(title, text)
        QMessageBox.critical(self.parent, title, text)

    def open_file(self, title: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.parent, title, "", filters)
        return Path(name) if name else None

    def save_file(self, title: str, suggested: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return Path(name) if name else None

    def choose_directory(self, title: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(self.parent, title, "")
        return Path(name) if name else None

    def ask_password(self, title: str, label: str) -> bytes | None:
        """A passphrase typed in a masked field (UTF-8 bytes), or None if cancelled. An empty answer
        gives b"" (a certificate without passphrase: the caller passes None to the signer)."""
        from PySide6.QtWidgets import QLineEdit

        dialog = self._input_dialog(title, label)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        answer = _answer(dialog)
        return answer.encode("utf-8") if answer is not None else None

    def choose(self, title: str, label: str, options: list[str]) -> int | None:
        """Index of the option chosen in a list, or None if cancelled."""
        dialog = self._input_dialog(title, label)
        dialog.setComboBoxItems(options)
        dialog.setComboBoxEditable(False)
        text = _answer(dialog)
        return options.index(text) if text in options else None


    def ask_text(self, title: str, label: str) -> str | None:
        """A line of text (a reason…), or None if cancelled."""
        return _answer(self._input_dialog(title, label))

    def _input_dialog(self, title: str, label: str):
        """Qt's input dialog with French verbs: its « OK » is « Valider », wide enough for its label."""
        from PySide6.QtWidgets import QInputDialog, QLabel

        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setOkButtonText("Valider")
        dialog.setCancelButtonText("Annuler")
        for text in dialog.findChildren(QLabel):
            # A long question (the server's address) made the dialog 1,050 px wide: it wraps at 520 px.
            text.setWordWrap(True)
            text.setMinimumWidth(min(520, text.fontMetrics().horizontalAdvance(label) + 8))
        return dialog


def _answer(dialog) -> str | None:
    """Runs an input dialog; its text if accepted, None if cancelled. The dialog is then deleted."""
    accepted = dialog.exec()
    text = dialog.textValue()
    dialog.deleteLater()
    return text if accepted else None


def _log_error(title: str, text: str) -> None:
    """Every error shown to the chair goes to the technical log too (logs.py), with the traceback of
    the exception being handled, if any: the start-up's « n'a pas pu démarrer » names only its message."""
    handled = sys.exc_info()
    logging.getLogger("seance_desk.fenetre").error("%s : %s", title, text, exc_info=handled if handled[0] is not None else None)


class ScriptedDialogs(DialogService):
    """For tests: answers are queued in advance; every question asked is recorded."""

    def __init__(
        self,
        confirm: bool = True,
        files: list[Path] | None = None,
        choices: list[int] | None = None,
        directories: list[Path] | None = None,
        passwords: list[bytes | None] | None = None,
        texts: list[str | None] | None = None,
    ):
        super().__init__(None)
        self.confirm_answer = confirm
        self.files = list(files or [])
        self.choices = list(choices or [])
        self.directories = list(directories or [])
        self.passwords = list(passwords or [])
        self.texts = list(texts or [])
        self.asked: list[tuple[str, str, str]] = []

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(("confirm", title, text))
        return self.confirm_answer

    def inform(self, title: str, text: str) -> None:
        self.asked.append(("inform", title, text))

    def error(self, title: str, text: str) -> None:
        self.asked.append(("error", title, text))

    def open_file(self, title: str, filters: str) -> Path | None:
        self.asked.append(("open_file", title, filters))
        return self.files.pop(0) if self.files else None

    def save_file(self, title: str, suggested: str, filters: str) -> Path | None:
        self.asked.append(("save_file", title, suggested))
        return self.files.pop(0) if self.files else None

    def choose(self, title: str, label: str, options: list[str]) -> int | None:
        self.asked.append(("choose", title, label))
        return self.choices.pop(0) if self.choices else None

    def choose_directory(self, title: str) -> Path | None:
        self.asked.append(("choose_directory", title, ""))
        return self.directories.pop(0) if self.directories else None

    def ask_password(self, title: str, label: str) -> bytes | None:
        self.asked.append(("ask_password", title, label))  # the answer itself is never recorded
        return self.passwords.pop(0) if self.passwords else None

    def ask_text(self, title: str, label: str) -> str | None:
        self.asked.append(("ask_text", title, label))
        return self.texts.pop(0) if self.texts else None
