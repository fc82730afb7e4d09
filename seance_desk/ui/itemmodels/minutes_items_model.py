"""The agenda's items as the minutes' editor lists them: « n° 3 — Titre », marked when the
secretary has written its « teneur des discussions »."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...models.state.session_state import SessionState

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class MinutesItemsModel(QAbstractListModel):
    def __init__(self, state: Callable[[], SessionState], written: Callable[[], set[str]], parent: QObject | None = None):
        super().__init__(parent)
        self._state = state
        self._written = written  # the items whose text has been saved (not the pre-fill)
        self._ids: list[str] = []
        self.reset()

    def reset(self) -> None:
        self.beginResetModel()
        self._ids = [item.id for item in self._state().setup.agenda]
        self.endResetModel()

    def refresh_all(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))

    def item_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: str) -> int:
        return self._ids.index(item_id) if item_id in self._ids else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        item_id = self._ids[index.row()]
        item = self._state().items.get(item_id)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            mark = " ✎" if item_id in self._written() else ""
            return f"n° {item.item.number} — {item.item.title}{mark}"
        if role == Qt.ItemDataRole.ToolTipRole:
            written = "teneur des discussions rédigée" if item_id in self._written() else "teneur des discussions pré-remplie"
            return f"Point n° {item.item.number} — {item.item.title} ({item.status.label} ; {written})"
        if role == ITEM_ID_ROLE:
            return item_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
