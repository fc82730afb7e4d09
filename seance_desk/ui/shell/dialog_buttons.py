"""The accept/cancel row every small dialog of the window ends with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QLineEdit, QPushButton, QWidget


def accept_cancel(dialog: QDialog, accept_text: str, *, default: bool = True) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """(button box, accept button, « Annuler » button), wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox()
    accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    accept.setDefault(default)
    cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, accept, cancel


def put_buttons_last(dialog: QDialog, buttons: QDialogButtonBox) -> QWidget | None:
    """Moves the button row to the end of the dialog's Tab order and returns the first field.

    Qt's Tab order is the order widgets were parented in: a dialog that builds its button row before
    its fields (FormDialog does) opened with « Annuler » focused, since the accept button stays greyed
    until the entry is valid, and Enter cancelled it; Tab then went from the buttons to the fields."""
    fields: list[QWidget] = []
    row: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog and widget is not None:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and dialog.isAncestorOf(widget):
            (row if buttons.isAncestorOf(widget) and isinstance(widget, QAbstractButton) else fields).append(widget)
        widget = widget.nextInFocusChain()
    ordered = fields + row
    for before, after in zip(ordered, ordered[1:], strict=False):
        QWidget.setTabOrder(before, after)
    return next((f for f in fields if f.isEnabled() and f.isVisibleTo(dialog)), None)


def without_default(dialog: QDialog) -> None:
    """A dialog of several sections, each with its own button, keeps no default button: Qt would
    otherwise make the first one in the Tab order the default, and Enter in any field pressed it
    (Enter in the list's « Où » recorded a deliberation's transmission; in the convocation's link,
    it sent the convocations). `enter_presses` then gives each section its own Enter."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


def enter_presses(button: QPushButton, *fields: QWidget) -> None:
    """Enter in one of `fields` (line edits, spin boxes, date fields) presses `button` if enabled."""
    for field in fields:
        edit = field if isinstance(field, QLineEdit) else field.findChild(QLineEdit)
        if edit is not None:
            edit.returnPressed.connect(lambda b=button: b.click() if b.isEnabled() else None)
