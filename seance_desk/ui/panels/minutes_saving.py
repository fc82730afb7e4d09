"""The secretary's text saved: 800 ms after the last keystroke (the panel's autosave), when another
item is chosen and when the editor loses the focus. Each save names the revision it started from,
so that another post's save in between keeps both versions (a conflict, said to the secretary)
instead of being overwritten. MinutesPanel (minutes_panel.py) inherits this part."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ...models.decision import RuleViolation
from ...models.french import french_time
from ...store import StoreError
from ...store.text_conflicts import conflict_message
from ..shell.colors import error_color, warning_color

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QLabel

    from ...service.session import SessionService
    from ..editor.minutes_editor import DiscussionEditor
    from ..itemmodels.minutes_items_model import MinutesItemsModel
    from ..shell.controller import SessionController


class MinutesSaving:
    """The saving of `MinutesPanel`'s editor text."""

    # Provided by MinutesPanel (minutes_panel.py), which inherits this part.
    controller: SessionController
    current_id: str | None
    editor: DiscussionEditor
    items_model: MinutesItemsModel
    autosave: QTimer
    save_label: QLabel
    _service: SessionService  # the session the editor's text belongs to
    _texts: dict[str, str]
    _revisions: dict[str, int]
    _dirty: bool
    _loading: bool
    _now: Callable[[], datetime]
    _load_text: Callable[[str], None]
    _paint: Callable[[QLabel, QColor | None], None]

    def _on_text_changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.save_label.setText("Modifications non enregistrées")
        self._paint(self.save_label, warning_color(self.palette()))
        self.autosave.start()  # restarted at each change: saved 800 ms after the last one

    def is_dirty(self) -> bool:
        return self._dirty

    def save_now(self) -> bool:
        """Saves the editor's text if it changed. False (and the French reason on the status line)
        when the service refuses it, e.g. a locked PV; the text then stays unsaved on screen."""
        self.autosave.stop()
        if not self._dirty or self.current_id is None:
            return True
        return self.save_text(self.current_id, self.editor.markup())

    def save_text(self, item_id: str, text: str) -> bool:
        """Saves one item's text, based on the revision read here. If another post saved it
        meanwhile, the store keeps both versions; the merged text is shown and the secretary told.
        A busy database (another post or program holding the lock) or a refusal: nothing saved, the
        text stays on screen marked unsaved, and the autosave tries again at the next change."""
        try:
            saved = self._service.save_minutes_text(item_id, text, base_revision=self._revisions.get(item_id, 0))
        except (RuleViolation, StoreError) as exc:
            self.save_label.setText("Modifications non enregistrées")
            self._paint(self.save_label, error_color(self.palette()))
            self.controller.message.emit(f"Teneur des discussions non enregistrée : {exc}", True)
            return False
        conflict = bool(getattr(saved, "conflict", False))
        if saved is not None:
            text = saved.text
            self._revisions[item_id] = saved.revision
        self._texts[item_id] = text
        if conflict and item_id == self.current_id:
            self._load_text(item_id)  # both versions, one after the other, for the secretary to merge
        if conflict:
            agenda_item = self.controller.state.setup.item(item_id)
            label = f"du point n° {agenda_item.number}" if agenda_item is not None else f"du point « {item_id} »"
            self.controller.message.emit(conflict_message(label), True)
        if item_id == self.current_id:
            self._dirty = False
            if conflict:
                self.save_label.setText(f"Conflit à {french_time(self._now())} : les deux versions sont conservées")
                self._paint(self.save_label, warning_color(self.palette()))
            else:
                self.save_label.setText(f"Enregistré à {french_time(self._now())}")
                self._paint(self.save_label, None)
        row = self.items_model.row_of(item_id)
        if row >= 0:
            index = self.items_model.index(row)
            self.items_model.dataChanged.emit(index, index)
        return True
