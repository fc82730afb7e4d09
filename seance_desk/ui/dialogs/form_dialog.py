"""The frame the small form dialogs share: an explanation, a form, the line saying why the entry is
refused (hidden while there is none), then the accept and cancel buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..shell.dialog_buttons import accept_cancel


class FormDialog(QDialog):
    def __init__(self, title: str, intro: str, accept_text: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Motif du refus")
        self.buttons, self.accept_button, self.cancel_button = accept_cancel(self, accept_text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
