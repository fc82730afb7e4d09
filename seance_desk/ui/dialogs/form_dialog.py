"""The frame the small form dialogs share: an explanation, a form, the line saying why the entry is
refused (hidden while there is none), then the accept and cancel buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..shell.dialog_buttons import accept_cancel, put_buttons_last


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
        self.setMinimumWidth(480)  # « Publier le procès-verbal » opened 262 px wide, its example cut

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt's name
        """The form's fields first in the Tab order and the first one focused: the subclasses add
        them after the buttons, which would otherwise open the dialog with « Annuler » focused."""
        first = put_buttons_last(self, self.buttons)
        if first is not None and (self.focusWidget() is None or self.buttons.isAncestorOf(self.focusWidget())):
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        super().showEvent(event)
