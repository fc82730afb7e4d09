"""The agenda as a Qt table model over the session state's items (no ORM object ever reaches it)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..models.enums import ItemKind
from ..models.state.session_state import SessionState

COLUMNS = ("N°", "Point", "Rapporteur", "Statut", "Résultat")


class AgendaModel(QAbstractTableModel):
    def __init__(self, state: SessionState, parent=None):
        super().__init__(parent)
        self._state = state
        self._ids = [item.id for item in state.setup.agenda]

    def set_state(self, state: SessionState) -> None:
        self.beginResetModel()
        self._state = state
        self._ids = [item.id for item in state.setup.agenda]
        self.endResetModel()

    def refresh_item(self, item_id: str) -> None:
        if item_id in self._ids:
            row = self._ids.index(item_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        item = self._state.items[self._ids[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(item.item.number)
            if column == 1:
                return item.item.title
            if column == 2:
                return self._state.name(item.item.rapporteur_id) if item.item.rapporteur_id else ""
            if column == 3:
                return item.status.label
            if column == 4:
                result = item.vote.result if item.vote else None
                if result is None:
                    return item.end_reason.split(" — ")[0] if item.end_reason else ""
                tally = result.value.tally
                casting = " (voix prépondérante)" if result.value.casting_vote_used else ""
                verdict = result.value.label
                if item.item.kind is ItemKind.COMPTE_ADMINISTRATIF:  # the law's word: the account is "arrêté"
                    verdict = "arrêté" if result.value.adopted else "non arrêté"
                return f"{verdict.capitalize()}{casting} — {tally.pour} pour, {tally.contre} contre, {tally.abstention} abst."
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 4):
            if item.vote and item.vote.result:
                return item.vote.result.text
            return item.quorum.text if item.quorum else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
