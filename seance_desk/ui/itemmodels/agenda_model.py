"""The agenda as a Qt table model over the session state's items (no ORM object ever reaches it).

The model reads the state through a callable, so it always shows the controller's current state even
when the engine replaces its state object (a rolled-back action, a reload). Colours come from the
application's palette (light or dark) through colors.py; the status is also spelled out and carries an
icon, so the cue never rests on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from .table_model import ColumnsTableModel
from ...models.enums import ItemStatus
from ...models.state.items import ItemState
from ...models import wording
from ...models.state.session_state import SessionState
from ..shell.colors import error_color, muted_color, ok_color, warning_color

COLUMNS = ("N°", "Point", "Rapporteur", "Statut", "Résultat")
NUMBER, TITLE, RAPPORTEUR, STATUS, RESULT = range(len(COLUMNS))

ItemIdRole = Qt.ItemDataRole.UserRole + 1  # the item's id, for the panels (any column)

# The icon drawn before the status: a standard icon of the style, so the cue is not colour alone.
_STATUS_ICONS = {
    ItemStatus.OPEN: QStyle.StandardPixmap.SP_MediaPlay,
    ItemStatus.VOTING: QStyle.StandardPixmap.SP_BrowserReload,
    ItemStatus.VOTED: QStyle.StandardPixmap.SP_DialogApplyButton,
    ItemStatus.POSTPONED: QStyle.StandardPixmap.SP_ArrowRight,
    ItemStatus.WITHDRAWN: QStyle.StandardPixmap.SP_DialogCancelButton,
    ItemStatus.CLOSED: QStyle.StandardPixmap.SP_DialogCloseButton,
}

_BOLD = (ItemStatus.OPEN, ItemStatus.VOTING)  # the item under discussion or vote stands out
_FIXED_COLUMNS = (NUMBER, RAPPORTEUR)  # the agenda as convened: the same texts all session long
# The roles data() answers (for some columns); any other is None without reading the item.
_ANSWERED_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, ItemIdRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
})


def result_summary(item: ItemState) -> str:
    """« Adopté — 25 pour, 3 contre, 2 abst. », « Arrêté » for the compte administratif (in the words
    the documents use, models/wording.py), or why the item ended."""
    result = item.vote.result if item.vote else None
    if result is None:
        return item.end_reason.split(" — ")[0] if item.end_reason else ""
    return wording.result_summary(result, item.item.kind, abbreviated=True)


def status_color(item: ItemState, palette: QPalette):
    """The colour cue of a status, or None for the palette's ordinary text."""
    status = item.status
    if status in (ItemStatus.OPEN, ItemStatus.VOTING):
        return warning_color(palette)
    if status is ItemStatus.VOTED:
        adopted = item.vote is not None and item.vote.result is not None and item.vote.result.value.adopted
        proclaimed = item.vote is None and item.item.kind.is_nomination  # issue 10: an election, proclaimed, not voted
        return ok_color(palette) if adopted or proclaimed else error_color(palette)
    if status in (ItemStatus.POSTPONED, ItemStatus.WITHDRAWN, ItemStatus.CLOSED):
        return muted_color(palette)
    return None


class AgendaModel(ColumnsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, state: SessionState | Callable[[], SessionState], parent=None):
        super().__init__(parent)
        self._source = self._as_source(state)
        self._ids = self._agenda_ids()
        # The number's and the rapporteur's texts, by column then item: the agenda as convened does
        # not change during the session, so they are read once per session (column_texts).
        self._fixed_texts: dict[int, dict[str, str]] = {}
        self._icons: dict[QStyle.StandardPixmap, QIcon | None] = {}  # the status icons, made once (_status_icon)
        self._bold: tuple[QFont, QFont] | None = None  # (the application font, its bold version)
        # The result column's text by item, with what it was read from (the vote's result, the item's
        # end reason): column_texts reads the eighty again only where one of them changed.
        self._results: dict[str, tuple[object, str, str]] = {}

    @staticmethod
    def _as_source(state: SessionState | Callable[[], SessionState]) -> Callable[[], SessionState]:
        return state if callable(state) else (lambda: state)

    def _agenda_ids(self) -> list[str]:
        return [item.id for item in self._source().setup.agenda]

    @property
    def state(self) -> SessionState:
        return self._source()

    def set_state(self, state: SessionState | Callable[[], SessionState]) -> None:
        self.beginResetModel()
        self._source = self._as_source(state)
        self._ids = self._agenda_ids()
        self._fixed_texts = {}
        self._results = {}
        self.endResetModel()

    def reset(self) -> None:
        """Everything may have changed (a correction, a reload): rows are read again."""
        self.beginResetModel()
        self._ids = self._agenda_ids()
        self._fixed_texts = {}
        self._results = {}
        self.endResetModel()

    def refresh_item(self, item_id: str) -> None:
        if item_id in self._ids:
            row = self._ids.index(item_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def refresh_all(self) -> None:
        self._icons = {}  # a palette or a style change comes this way: the icons are made again
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def item_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: str) -> int:
        return self._ids.index(item_id) if item_id in self._ids else -1

    def column_texts(self, column: int) -> tuple[list[str], list[str]]:
        """Every row's text in `column` as data() shows it, split into plain rows and bold ones (the
        item under discussion or vote): to size the columns without asking data() for every cell."""
        state = self._source()
        plain: list[str] = []
        bold: list[str] = []
        fixed = self._fixed_texts.get(column) if column in _FIXED_COLUMNS else None
        if fixed is None and column in _FIXED_COLUMNS:
            fixed = self._fixed_texts[column] = {i: self._display(state, state.items[i], column) for i in self._ids}
        for item_id in self._ids:
            item = state.items[item_id]
            if fixed is not None:
                text = fixed[item_id]
            elif column == RESULT:
                text = self._result_text(item)
            else:
                text = self._display(state, item, column)
            (bold if item.status in _BOLD else plain).append(text)
        return plain, bold

    def _result_text(self, item: ItemState) -> str:
        """result_summary(item), read again only if the vote's result or the item's end reason is not
        the one it was last read from. A result (a frozen Decision) is set, never changed in place;
        the item and its vote are copied by the engine at nearly every action, the result kept."""
        vote = item.vote
        result = vote.result if vote is not None else None
        known = self._results.get(item.item.id)
        if known is not None and known[0] is result and known[1] == item.end_reason:
            return known[2]
        text = result_summary(item)
        self._results[item.item.id] = (result, item.end_reason, text)
        return text

    # ------------------------------------------------------------------ Qt model
    def row_count(self) -> int:
        return len(self._ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # The delegate asks for about ten roles per cell at each paint: those never answered return
        # at once, before the item is looked up (issue 11, latency).
        if role not in _ANSWERED_ROLES or not self.has_row(index):
            return None
        state = self._source()
        item = state.items[self._ids[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(state, item, column)
        if role == ItemIdRole:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole and column in (STATUS, RESULT):
            if item.vote and item.vote.result:
                return item.vote.result.text
            if item.end_reason:
                return item.end_reason
            return item.quorum.text if item.quorum else None
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return f"{item.item.title} ({item.item.kind.label})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(state, item, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATUS, RESULT):
            return status_color(item, QGuiApplication.palette())
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            pixmap = _STATUS_ICONS.get(item.status)
            return self._status_icon(pixmap) if pixmap is not None else None
        if role == Qt.ItemDataRole.FontRole and item.status in _BOLD:
            return self._bold_font()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(state: SessionState, item: ItemState, column: int) -> str:
        if column == NUMBER:
            return str(item.item.number)
        if column == TITLE:
            return item.item.title
        if column == RAPPORTEUR:
            return state.name(item.item.rapporteur_id) if item.item.rapporteur_id else ""
        if column == STATUS:
            return item.status.label
        return result_summary(item)

    def _accessible(self, state: SessionState, item: ItemState, column: int) -> str:
        text = self._display(state, item, column)
        if column == NUMBER:
            return f"Point n° {text}"
        if column == STATUS:
            return f"Statut : {text}"
        if column == RESULT and text:
            return f"Résultat : {text}"
        return text

    def _status_icon(self, pixmap: QStyle.StandardPixmap) -> QIcon | None:
        """The style's icon, made once: the style builds it anew at each call (≈ 45 µs), and the view
        asks for it for every finished item in sight at each paint. Made again after refresh_all
        (a palette or style change)."""
        if pixmap not in self._icons:
            self._icons[pixmap] = self._icon(pixmap)
        return self._icons[pixmap]

    def _bold_font(self) -> QFont:
        base = QGuiApplication.font()
        if self._bold is None or self._bold[0] != base:
            bold = QFont(base)
            bold.setBold(True)
            self._bold = (base, bold)
        return self._bold[1]

    @staticmethod
    def _icon(pixmap: QStyle.StandardPixmap) -> QIcon | None:
        app = QApplication.instance()
        style = app.style() if isinstance(app, QApplication) else None
        return style.standardIcon(pixmap) if style is not None else None
