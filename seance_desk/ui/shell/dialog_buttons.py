"""The accept/cancel row every small dialog of the window ends with."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def accept_cancel(dialog: QDialog, accept_text: str, *, default: bool = True) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """(button box, accept button, « Annuler » button), wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox()
    accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    accept.setDefault(default)
    cancel = buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, accept, cancel
