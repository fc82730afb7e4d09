"""The session's journal as a read-only table, and the filter the journal view puts over it.

The journal only grows: after an action the model appends the new events' rows (beginInsertRows)
and repaints the status of the events a new correction cancelled or brought back. It never rebuilds
itself for one action — a long sitting reaches 19,000 events — only for another session.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from ...models.journal import Event
from ...models.journal_lines import JournalDescriber, JournalLine, correction_statuses
from ...models.state.session_state import SessionState
from .table_model import ColumnsTableModel

ITEM_IDS_ROLE = Qt.ItemDataRole.UserRole  # the agenda items a row concerns (frozenset), for the filter
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's texts in lower case, for the search
STATUS_COLUMN = 4
ACTOR_COLUMN = 5  # « Par »


class JournalModel(ColumnsTableModel):
    COLUMNS = ("N°", "Heure", "Événement", "Détail", "État", "Par")  # « Par » : the event's author (issue 14 § 3)

    def __init__(self, state: SessionState, parent: QObject | None = None):
        super().__init__(parent)
        self._lines: list[JournalLine] = []
        self._actors: list[str] = []  # each event's author (its login), "" before accounts or on a poste unique
        self._search: list[str] = []
        self._corrections: list[Event] = []  # kept aside: the statuses are worked out from them alone
        self._statuses: dict[int, str] = {}
        self._describer = JournalDescriber(state.name, state.setup.agenda)
        self._load(state)

    # ------------------------------------------------------------------ following the journal
    def reset(self, state: SessionState) -> None:
        """Another session (or a journal that is not this one's continuation): built anew."""
        self.beginResetModel()
        self._lines, self._search, self._corrections, self._statuses = [], [], [], {}
        self._actors = []
        self._describer = JournalDescriber(state.name, state.setup.agenda)
        self._load(state)
        self.endResetModel()

    def sync(self, state: SessionState) -> None:
        """After an action: the events appended since are added as rows; the rest is untouched."""
        events = state.events
        count = len(self._lines)
        if len(events) < count or (count and events[count - 1].hash != self._lines[-1].hash):
            self.reset(state)  # not the journal these rows were read from
            return
        if len(events) == count:
            return
        self.beginInsertRows(QModelIndex(), count, len(events) - 1)
        corrections_before = len(self._corrections)
        self._append(events[count:])
        self.endInsertRows()
        if len(self._corrections) > corrections_before:
            self._restate(count)

    def _load(self, state: SessionState) -> None:
        self._append(state.events)
        self._statuses = correction_statuses(self._corrections)

    def _append(self, events: list[Event]) -> None:
        for event in events:
            line = self._describer.line(event)
            self._lines.append(line)
            self._actors.append(event.actor or "")
            self._search.append(f"{line.seq} {line.time} {line.label} {line.text} {event.actor or ''}".casefold())
            if event.type == "correction":
                self._corrections.append(event)

    def _restate(self, first_new_row: int) -> None:
        """A correction came: the earlier events whose status it changed are repainted."""
        old, self._statuses = self._statuses, correction_statuses(self._corrections)
        for seq in old.keys() | self._statuses.keys():
            row = seq - 1  # seqs run from 1 without gaps
            if old.get(seq) != self._statuses.get(seq) and 0 <= row < first_new_row:
                self.dataChanged.emit(self.index(row, 0), self.index(row, STATUS_COLUMN))

    # ------------------------------------------------------------------ reading
    def row_count(self) -> int:
        return len(self._lines)

    def line(self, row: int) -> JournalLine:
        return self._lines[row]

    def status(self, seq: int) -> str:
        return self._statuses.get(seq, "")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.has_row(index):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(line.seq), line.time, line.label, line.text, self.status(line.seq), self._actors[index.row()])[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            # The hash, shortened as a person reads it; the full one is in the exported file.
            detail = f"\n{line.text}" if column == 3 and line.text else ""
            return f"Événement n° {line.seq} — empreinte SHA-256 : {line.hash[:16]}…{detail}"
        if role == Qt.ItemDataRole.ForegroundRole and self.status(line.seq).startswith("annulé"):
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and self.status(line.seq).startswith("annulé"):
            font = QFont()
            font.setStrikeOut(column not in (STATUS_COLUMN, ACTOR_COLUMN))  # struck out, as a register's corrected line (not who did it)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ITEM_IDS_ROLE:
            return line.item_ids
        if role == SEARCH_ROLE:
            return f"{self._search[index.row()]} {self.status(line.seq).casefold()}"
        return None


class JournalFilter(QSortFilterProxyModel):
    """Keeps the rows of one agenda item (or all) that contain the searched words."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._item_id: str | None = None
        self._words: tuple[str, ...] = ()

    def set_item(self, item_id: str | None) -> None:
        self.beginFilterChange()
        self._item_id = item_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = tuple(text.casefold().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 (Qt's name)
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._item_id is not None and self._item_id not in model.data(index, ITEM_IDS_ROLE):
            return False
        if self._words:
            searched = model.data(index, SEARCH_ROLE)
            return all(word in searched for word in self._words)
        return True
