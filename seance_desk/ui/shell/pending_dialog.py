"""Window-modal dialogs a widget opens with `open()` (never `exec()`, which would block the event loop
and the tests): the widget keeps the one open in `pending_dialog`, so tests and the next action can
reach it, and lets it go when it closes."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class PendingDialogHost:
    """Mixin for a widget that opens window-modal dialogs one at a time."""

    pending_dialog: QDialog | None = None

    def _show_dialog(self, dialog: D) -> D:
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.pending_dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: QDialog) -> None:
        if self.pending_dialog is dialog:
            self.pending_dialog = None
        dialog.deleteLater()
