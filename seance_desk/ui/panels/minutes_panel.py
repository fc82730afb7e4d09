"""The procès-verbal: the secretary writes the « teneur des discussions » of each item, the council
arrête the minutes at its next session, the président and the secretaries sign them, they are
published — and the panel says when each publication is due (art. L2121-15 and L2121-25 CGCT).

Left, the agenda's items; right, for the selected item, the generated part of the PV (read-only: it
comes from the journal, and a correction goes through the journal, never through this text) and the
editor. The text is saved to the database 800 ms after the last keystroke, when another item is
chosen and when the editor loses the focus; it works while the session runs.

Keys: Ctrl+B, Ctrl+I, Ctrl+Z and Ctrl+Y (Ctrl+Shift+Z) act on the text while the editor has the focus
(the editor takes them before the window's Ctrl+Z, which undoes chair actions — see minutes_editor).
Once the PV is arrêté it is locked: the editor is read-only and any attempt says why.

Below the text, the sign-off (status, arrêté, signatures, publication, deadlines) is
minutes_signoff.py's, and the exports minutes_exports.py's. How the room is shared is
minutes_layout.py's; the button « Fenêtre séparée » asks the main window to move this very panel into
its own window (minutes_window.py) — one editor, one unsaved text. When the text is locked, and
why, is minutes_lock.py's; how it is saved, minutes_saving.py's: MinutesPanel inherits both parts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPushButton,
    QTextBrowser,
    QToolBar,
    QWidget,
)

from ...documents.builders._common import Names
from ...documents.builders.pv_builder import default_discussion, item_blocks
from ...models.state.session_state import ALL, Changes
from ..shell.controller import SessionController
from ..shell.dialogs import DialogService
from ..dialogs.minutes_dialogs import ArreteDialog, PublishDialog
from ..editor.minutes_editor import DiscussionEditor
from ..editor.minutes_html import blocks_to_html
from ..itemmodels.minutes_items_model import MinutesItemsModel
from .minutes_exports import MinutesExports
from .minutes_layout import BACK_BUTTON_TEXT, BACK_BUTTON_TIP, WINDOW_BUTTON_TEXT, WINDOW_BUTTON_TIP, build_layout, give_room
from .minutes_lock import MinutesLock
from .minutes_saving import MinutesSaving
from .minutes_signoff import MinutesSignoff
from ..shell.shortcuts import ShortcutRegistry

AUTOSAVE_MS = 800

GENERATED_HINT = ("Partie générée à partir du journal de séance : elle n'est pas modifiable ici. "
                  "Une erreur se corrige dans le journal (correction journalisée), jamais dans le texte du PV.")
# One line under the generated part (the whole hint in its tooltip): three lines took its vote table's room.
GENERATED_SHORT_HINT = "Partie générée du journal, non modifiable : une erreur se corrige dans le journal."


class MinutesPanel(MinutesLock, MinutesSaving, QWidget):
    # The button « Fenêtre séparée » / « Ramener dans l'onglet »: the main window moves the panel.
    window_toggle_requested = Signal()

    def __init__(
        self,
        controller: SessionController,
        shortcuts: ShortcutRegistry,
        dialogs: DialogService,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        super().__init__(parent)
        self.controller = controller
        self.dialogs = dialogs
        self._today = today
        self._now = now
        self.setAccessibleName("Procès-verbal")
        self.current_id: str | None = None
        self._service = controller.service  # the session the editor's text belongs to
        self._texts: dict[str, str] = {}
        # The revision each text had when it was read or saved here: a save names it, so that another
        # post's save in between is detected (both versions kept) instead of overwritten.
        self._revisions: dict[str, int] = {}
        self._dirty = False
        self._loading = False
        self.exports = MinutesExports(controller, dialogs, self.save_now)
        self.signoff = MinutesSignoff(
            controller, dialogs, self.exports, today=today, save_pending=self.save_now, after_refresh=self._apply_lock)
        # The sign-off's widgets, under the names the window's tests and shortcuts know.
        for name in ("status_label", "status_explanation", "arrete_button", "sign_president_button", "sign_secretary_button",
                     "publish_button", "export_button", "export_signed_button", "export_all_button", "deadline_labels"):
            setattr(self, name, getattr(self.signoff, name))

        # ---- items (left, narrow)
        self.items_model = MinutesItemsModel(lambda: self.controller.state, lambda: set(self._texts), self)
        self.items_view = QListView()
        self.items_view.setAccessibleName("Points du procès-verbal")
        self.items_view.setModel(self.items_model)
        self.items_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        # ---- generated part (read-only)
        self.generated = QTextBrowser()
        self.generated.setReadOnly(True)
        self.generated.setOpenLinks(False)
        self.generated.setAccessibleName("Partie générée du procès-verbal (non modifiable)")
        self.generated.setToolTip(GENERATED_HINT)
        self.generated_hint = QLabel(GENERATED_SHORT_HINT)
        self.generated_hint.setToolTip(GENERATED_HINT)
        self.generated_hint.setWordWrap(True)
        self.generated_hint.setStyleSheet("font-style: italic;")

        # ---- editor with its toolbar
        self.editor = DiscussionEditor()
        self.editor.on_refused = self.explain_lock
        self.toolbar = QToolBar("Mise en forme")
        self.toolbar.setAccessibleName("Mise en forme de la teneur des discussions")
        self.bold_action = self._tool("G", "Gras (Ctrl+B)", self.editor.toggle_bold, bold=True)
        self.italic_action = self._tool("I", "Italique (Ctrl+I)", self.editor.toggle_italic, italic=True)
        self.bullet_action = self._tool("• Liste", "Liste à puces", self.editor.toggle_bullets)
        self.toolbar.addSeparator()
        self.undo_action = self._tool("Annuler", "Annuler la frappe (Ctrl+Z dans l'éditeur)", self.editor.undo)
        self.redo_action = self._tool("Rétablir", "Rétablir la frappe (Ctrl+Y dans l'éditeur)", self.editor.redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.editor.undoAvailable.connect(self.undo_action.setEnabled)
        self.editor.redoAvailable.connect(self.redo_action.setEnabled)
        self.save_label = QLabel()
        self.save_label.setAccessibleName("État de l'enregistrement")
        self.lock_label = QLabel()
        self.lock_label.setWordWrap(True)
        self.lock_label.hide()
        self.editor_title = QLabel("<b>Teneur des discussions</b>")

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(lambda: self.save_now())
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.installEventFilter(self)

        # ---- its own window (minutes_window.py) and the layout (minutes_layout.py)
        self.window_button = QPushButton(WINDOW_BUTTON_TEXT)
        self.window_button.setToolTip(WINDOW_BUTTON_TIP)
        self.window_button.clicked.connect(lambda: self.window_toggle_requested.emit())
        self.split, self.text_split = build_layout(self)
        self._tab_split_sizes: list[int] = []

        self.items_view.selectionModel().currentRowChanged.connect(lambda current, _previous: self._on_row(current.row()))
        controller.changed.connect(self._on_changed)
        controller.reloaded.connect(self.rebuild)
        self.rebuild()

    def _tool(self, text: str, tip: str, slot: Callable[[], object], *, bold: bool = False, italic: bool = False) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        font = action.font()
        font.setBold(bold)
        font.setItalic(italic)
        action.setFont(font)
        action.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(action)
        return action

    def set_detached(self, detached: bool) -> None:
        """In its own window (True) or back in the tab: the button says the way back, the editor gets
        the room of the window."""
        self.window_button.setText(BACK_BUTTON_TEXT if detached else WINDOW_BUTTON_TEXT)
        self.window_button.setToolTip(BACK_BUTTON_TIP if detached else WINDOW_BUTTON_TIP)
        if detached:
            self._tab_split_sizes = self.split.sizes()  # the tab's own width for the items, found again on return
        give_room(self.split, self.text_split, detached)
        self.signoff.set_columns(4 if detached else 2)
        if not detached and self._tab_split_sizes:
            self.split.setSizes(self._tab_split_sizes)

    # ------------------------------------------------------------------ rebuilding
    def rebuild(self) -> None:
        """A different session or a full reload: the pending text goes to the session it belongs to."""
        self.save_now()
        self._service = self.controller.service
        self._texts = self._read_texts()
        keep = self.current_id
        self.current_id = None
        self.items_model.reset()
        state = self.controller.state
        target = keep if keep in state.items else None
        if target is None and state.current_item is not None:
            target = state.current_item.id
        if target is None and state.setup.agenda:
            target = state.setup.agenda[0].id
        if target is not None:
            self.select(target)
        else:
            self._show_item(None)
        self.signoff.refresh()

    def _read_texts(self) -> dict[str, str]:
        with_revisions = getattr(self._service, "minutes_text_revisions", None)
        if with_revisions is not None:
            found = with_revisions()
            self._revisions = {item_id: revision for item_id, (_, revision) in found.items()}
            return {item_id: text for item_id, (text, _) in found.items()}
        self._revisions = {}
        reader = getattr(self._service, "minutes_texts", None)
        return dict(reader()) if reader is not None else {}

    def _on_changed(self, changes: Changes) -> None:
        if ALL in changes.areas:
            self.rebuild()
            return
        self._refresh_generated()
        if self.current_id is not None and self.current_id not in self._texts and not self._dirty:
            self._load_text(self.current_id)  # the pre-fill follows the speakers as the session runs
        self.signoff.refresh()

    # ------------------------------------------------------------------ items
    def select(self, item_id: str) -> bool:
        row = self.items_model.row_of(item_id)
        if row < 0:
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.items_view.selectionModel().setCurrentIndex(self.items_model.index(row), flags)
        if self.current_id != item_id:  # same row: no signal
            self._on_row(row)
        return True

    def _on_row(self, row: int) -> None:
        item_id = self.items_model.item_id(row)
        if item_id == self.current_id:
            return
        self.save_now()
        self._show_item(item_id)

    def _show_item(self, item_id: str | None) -> None:
        self.current_id = item_id
        self._refresh_generated()
        if item_id is None:
            self._loading = True
            self.editor.clear()
            self._loading = False
            self.editor.setReadOnly(True)
            return
        self._load_text(item_id)
        self._apply_lock()

    def _load_text(self, item_id: str) -> None:
        saved = self._texts.get(item_id)
        self._loading = True
        try:
            self.editor.set_markup(saved if saved is not None else default_discussion(self.controller.state, item_id))
        finally:
            self._loading = False
        self._dirty = False
        self.autosave.stop()
        self.save_label.setText("Enregistré" if saved is not None else "Pré-rempli (non encore enregistré)")

    def generated_html(self, item_id: str) -> str:
        state = self.controller.state
        return blocks_to_html(item_blocks(state, state.items[item_id], Names(state.assembly)))

    def _refresh_generated(self) -> None:
        if self.current_id is None or self.current_id not in self.controller.state.items:
            self.generated.clear()
            return
        bar = self.generated.verticalScrollBar()
        position = bar.value()
        self.generated.setHtml(self.generated_html(self.current_id))
        bar.setValue(position)

    # ------------------------------------------------------------------ saving (minutes_saving.py)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return super().eventFilter(watched, event)

    def _paint(self, label: QLabel, color) -> None:
        label.setStyleSheet(f"color: {color.name()};" if color is not None else "")

    # ------------------------------------------------------------------ sign-off (minutes_signoff.py)
    # What the tab's callers use; the rest is the sign-off's own (self.signoff).
    @property
    def pending_dialog(self) -> ArreteDialog | PublishDialog | None:
        return self.signoff.pending_dialog

    def status_label_text(self) -> str:
        return self.signoff.status_label_text()

    def ask_arrete(self) -> ArreteDialog | None:
        return self.signoff.ask_arrete()

    def arrete(self, *args, **kwargs) -> bool:
        return self.signoff.arrete(*args, **kwargs)

    def sign_president(self) -> bool:
        return self.signoff.sign_president()

    def ask_sign_secretary(self) -> bool:
        return self.signoff.ask_sign_secretary()

    def ask_publish(self) -> PublishDialog | None:
        return self.signoff.ask_publish()

    def late_deadlines(self) -> list[str]:
        return self.signoff.late_deadlines()

    # ------------------------------------------------------------------ export (minutes_exports.py)
    def export_pdf(self) -> Path | None:
        return self.exports.export_pdf()

    def export_all(self) -> list[Path] | None:
        return self.exports.export_all()

    def export_signed_pdf(self) -> Path | None:
        return self.exports.export_signed_pdf()
