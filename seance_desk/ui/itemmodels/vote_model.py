"""The votes of the item under discussion as a Qt table: one row per vote that can be cast.

A present member has his own row; a proxy is a row of its own, right after its holder's (« pouvoir
de Mme X »). A member who takes no part in the item (interested, L2131-11; the executive withdrawn
for the compte administratif; a deported representative) is listed greyed with the reason, as is a
proxy that cannot serve on the item. Rows that have not voted yet are marked; the filter proxy
keeps only them. Rows are snapshots of the state, diffed on refresh: a ballot rewrites and repaints
its row only (dataChanged), a change of who may vote resets the model. The rows stay in Python; their
cells (texts, colours, fonts, tooltips, the roles below) are written into a QStandardItemModel, so the
table paints without calling Python (issue 11, latency; vote_cells says how they are written).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QDataStream, QMimeData, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QStandardItem, QStandardItemModel

from .vote_cells import STANDARD_ITEMS, CellStream
from .vote_rows import VoteRow, build_rows, not_taking_part  # noqa: F401 (the rows, re-exported: the model's callers know them here)
from ...models.enums import ItemStatus, VoteChoice
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ..shell import colors

COLUMNS = ("Membre", "Groupe", "Vote")
MEMBER, GROUP, CHOICE = range(3)

# The row's roles, held by its first cell (MEMBER); ELIGIBLE_ROLE by each cell.
WHOSE_ROLE = Qt.ItemDataRole.UserRole + 1  # whose vote the row is (the grantor for a proxy)
VOTER_ROLE = Qt.ItemDataRole.UserRole + 2  # who casts it (the holder for a proxy)
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 3  # the VoteChoice's value (a str equal to it) or None
ELIGIBLE_ROLE = Qt.ItemDataRole.UserRole + 4  # False for a greyed row (takes no part in the item)
VOTED_ROLE = Qt.ItemDataRole.UserRole + 5  # True once a ballot is recorded

_ROOT = QModelIndex()  # the default parent, made once

NOT_VOTED = "pas encore voté"
IN_GLOBAL_COUNT = "dans le décompte global"  # a global count records figures, no one's vote

class VoteModel(QStandardItemModel):
    """The rows in Python (rows(), row(), the counts) and their cells in C++: the table paints
    without a call into Python (issue 11, latency). Do not override data(), index(), flags() nor
    rowCount() here: the view would call Python again at each cell painted."""

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self._rows: list[VoteRow] = []
        self._row_of: dict[str, int] = {}  # whose_id → row
        self._item_id: str | None = None
        self._cells = CellStream(_look_key, _look_roles, _own_roles, len(COLUMNS))
        self._held: list[tuple[bytes, ...] | None] = []  # each row's cells as its items hold them (None: empty)
        self._waiting = False  # cells left behind their rows while the vote is not open (set_item)
        self._unannounced = False  # cells written at a pause while waiting: the views told when the vote opens
        # Each row's items, their Python wrappers kept to write them again (None until first needed:
        # the model builds the items it is dropped); forgotten when the model deletes the rows, or
        # is deleted itself (a wrapper outliving its item could be handed out for another object
        # made at the same address).
        self._items: list[list[QStandardItem | None]] = []
        items = self._items
        self.destroyed.connect(lambda *_: items.clear())

    # ------------------------------------------------------------------ feeding
    # While the item's vote is not open (OPEN: the chair prepares it), the table is not shown: the
    # rows (rows(), row(), the counts…) and their number in the model are kept up to date, and the
    # cells' texts and looks wait until the vote opens — then written, and one dataChanged for all
    # the rows. An item put in discussion after a unanimity would otherwise rewrite its 237 cells
    # of « pour » for a table nobody sees (≈ 2 ms of « mise en discussion », issue 11).
    def set_item(self, state: SessionState, item: ItemState | None, encode_later: bool = False) -> None:
        """A different item (or a reload): the rows are rebuilt. `encode_later`, while the cells
        wait (the vote not open): not even encoded now — at the window's start, before the chair may
        act — but by encode_ahead(), which the window calls once he may (≈ 3 ms at 240 members)."""
        self._item_id = item.id if item else None
        self._reset(build_rows(state, item), _cells_wait(item), encode_later)

    def encode_ahead(self) -> None:
        """The waiting cells encoded (kept by the encoder), so that opening the vote only writes them."""
        if self._waiting:
            self._cells.cells(self._rows)

    # At the chair's pause (SessionController.paused), what the next keys would pay for is done
    # while nobody waits (issue 11, latency): the waiting cells written into the hidden table (their
    # 240 rows' items built: ≈ 3 ms of « ouverture du vote » on a slow laptop), and every item's
    # Python wrapper fetched (≈ 5-10 µs each the first time: 2-5 ms of the first global count,
    # unanimity or ballot after the rows were built). Silently: the views are told when the vote
    # opens (refresh), as they were when the cells were written then. A key that comes before the
    # pause finds things as before, and pays for them itself.
    def prepare_at_pause(self) -> None:
        if self._waiting and self._rows:
            self._write(self._rows)
            self._unannounced = True
        items = self._items
        for r, row in enumerate(items):
            if None in row:
                for c, item in enumerate(row):
                    if item is None:
                        row[c] = self.item(r, c)

    def refresh(self, state: SessionState, item: ItemState | None) -> list[int]:
        """Brings the rows up to date; returns the rows repainted (a reset if who may vote changed)."""
        if item is None or item.id != self._item_id:
            self.set_item(state, item)
            return list(range(len(self._rows)))
        rows = build_rows(state, item)
        wait = _cells_wait(item)
        # A row unchanged is the very same object (build_rows makes it once): compared by identity first.
        if len(rows) != len(self._rows) or any(old is not new and old.key != new.key for old, new in zip(self._rows, rows)):
            self._reset(rows, wait)
            return list(range(len(rows)))
        changed = [i for i, (old, new) in enumerate(zip(self._rows, rows)) if old is not new and old != new]
        self._rows = rows
        if (self._waiting or self._unannounced) and not wait:  # the vote opened: the cells that waited written, all repainted
            if self._waiting:  # those that changed since the pause (all of them if none came)
                self._write(rows)
            self._unannounced = False
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return list(range(len(rows)))
        if changed:
            self._write(rows, wait)
            for top, bottom in _ranges(changed):
                self.dataChanged.emit(self.index(top, 0), self.index(bottom, len(COLUMNS) - 1))
        return changed

    def restyle(self, table_font: QFont | None = None) -> None:
        """The application's palette (light ↔ dark) or the table's font changed: the cells' colours
        and fonts written again."""
        if table_font is not None:
            self._cells.font = QFont(table_font)
        if self._cells.style_changed() and self._rows:
            self._write(self._rows, self._waiting)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def _reset(self, rows: list[VoteRow], wait: bool, encode_later: bool = False) -> None:
        self.beginResetModel()
        self._set_rows(rows)
        self._write(rows, wait, encode_later)
        self.endResetModel()
        self._unannounced = False  # a reset told the views of every cell

    def _write(self, rows: list[VoteRow], wait: bool = False, encode_later: bool = False) -> None:
        """The model's items made to hold `rows`' cells, silently: the caller says what changed (a
        reset, or one dataChanged per range of changed rows). A cell whose encoding is the one it
        holds is left alone (an unchanged row, or the member's and group's cells at a ballot);
        rows beyond the old count are dropped in, those beyond the new count removed. With `wait`,
        only the number of rows is brought up to date (new rows empty), the cells wait; with
        `encode_later` too, they are not encoded yet (set_item): taken as waiting."""
        self._cells.style_changed()
        # Only their number counts while they wait unencoded: one entry per row (CellStream.cells).
        cells = [()] * len(rows) if wait and encode_later else self._cells.cells(rows)
        held, items = self._held, self._items
        was_blocked = self.blockSignals(True)
        try:
            if wait:
                if len(held) > len(cells):
                    del items[len(cells) :]  # their wrappers let go while their items still live
                    self.removeRows(len(cells), len(held) - len(cells))
                    held = held[: len(cells)]
                elif len(cells) > len(held):
                    self.insertRows(len(held), len(cells) - len(held))  # empty cells, written when the vote opens
                    items.extend([None] * len(COLUMNS) for _ in range(len(cells) - len(held)))
                    held = held + [None] * (len(cells) - len(held))
                self._held = held
                self._waiting = any(old is not new for old, new in zip(held, cells)) if not encode_later else bool(cells)
                return
            # Rows left empty while the cells waited: removed, then dropped in with the new ones.
            empty = next((r for r, old in enumerate(held) if old is None), len(held))
            kept = min(empty, len(cells))
            if len(held) > kept:
                del items[kept:]  # their wrappers let go while their items still live
                self.removeRows(kept, len(held) - kept)
            changed: list[tuple[int, int]] = []
            encoded: list[bytes] = []
            for r in range(kept):
                old, new = held[r], cells[r]
                if old is not new:
                    for c in range(len(COLUMNS)):
                        if old[c] != new[c]:
                            changed.append((r, c))
                            encoded.append(new[c])
            if encoded:
                data = QByteArray(b"".join(encoded))  # kept while read
                stream = QDataStream(data)
                read = QStandardItem.read
                for r, c in changed:
                    item = items[r][c]
                    if item is None:  # an item the model built (dropped in): its wrapper fetched once
                        item = items[r][c] = self.item(r, c)
                    read(item, stream)
            if len(cells) > kept:
                mime = QMimeData()
                mime.setData(STANDARD_ITEMS, QByteArray(self._cells.drag_stream(cells[kept:])))
                self.dropMimeData(mime, Qt.DropAction.CopyAction, kept, 0, _ROOT)
                items.extend([None] * len(COLUMNS) for _ in range(len(cells) - kept))
        finally:
            self.blockSignals(was_blocked)
        self._held = cells
        self._waiting = False

    def _set_rows(self, rows: list[VoteRow]) -> None:
        self._rows = rows
        self._row_of = {row.whose_id: i for i, row in enumerate(rows)}

    # ------------------------------------------------------------------ reading
    @property
    def item_id(self) -> str | None:
        return self._item_id

    def rows(self) -> list[VoteRow]:
        return list(self._rows)

    @property
    def snapshot(self) -> list[VoteRow]:
        """The rows themselves, not a copy: for readers that only read them."""
        return self._rows

    def row(self, index: int) -> VoteRow:
        return self._rows[index]

    def row_of(self, whose_id: str) -> int | None:
        return self._row_of.get(whose_id)

    def eligible_count(self) -> int:
        return sum(1 for r in self._rows if r.eligible)

    def voted_count(self) -> int:
        return sum(1 for r in self._rows if r.eligible and r.recorded)

    def next_eligible(self, after: int, only_not_voted: bool = False) -> int | None:
        """The first row after `after` that can vote (and has not voted, if asked)."""
        for i in range(after + 1, len(self._rows)):
            row = self._rows[i]
            if row.eligible and not (only_not_voted and row.recorded):
                return i
        return None


# One function per role a cell holds, each given the row and the column.
def cell_text(row: VoteRow, column: int) -> str | None:
    if column == MEMBER:
        return row.name
    if column == GROUP:
        return row.group
    return _choice_text(row) if column == CHOICE else None


def _tooltip(row: VoteRow, column: int) -> str | None:
    if not row.eligible:
        return row.excluded_tooltip
    if column == MEMBER:
        return row.name  # a proxy row's full text, when the column elides it
    if column == GROUP:
        return f"Groupe : {row.group}"  # elided at 1366 pixels
    if column == CHOICE and row.choice is None and row.in_global_count:
        return "Ce point a été voté par décompte global : les voix sont comptées en nombre, sans vote nominatif"
    if column == CHOICE and row.choice is None:
        return "Vote non encore saisi : P pour, C contre, A abstention, N ne prend pas part au vote"
    return None


def _accessible_text(row: VoteRow, column: int) -> str | None:
    return f"{row.name}, {row.group}, {_choice_text(row)}" if column == MEMBER else None


def cell_foreground(row: VoteRow, column: int) -> QColor | None:
    palette = QGuiApplication.palette()
    if not row.eligible:
        return colors.muted_color(palette)
    if column != CHOICE:
        return None
    if row.choice is None:
        return colors.muted_color(palette) if row.in_global_count else colors.warning_color(palette)
    if row.choice is VoteChoice.FOR:
        return colors.ok_color(palette)
    return colors.error_color(palette) if row.choice is VoteChoice.AGAINST else None


def cell_font(row: VoteRow, column: int) -> QFont | None:
    if not row.eligible or (column == CHOICE and row.choice is None):
        font = QFont()
        font.setItalic(True)
        return font
    return None


# What each cell holds, written into the model's items (vote_cells): the roles that depend only on
# the cell's look — the same for every row of that look, encoded once — and the row's own. The
# row's roles (whose, who casts it, its choice, voted) are held by its first cell, as a row's data is
# in Qt (one cell's roles cost ≈ 0.3 µs each to write: 237 rows × 3 cells × 5 roles, 1 ms at a
# unanimity); ELIGIBLE_ROLE by each cell, whose look (greyed) it says.
def _look_key(row: VoteRow, column: int) -> tuple:
    return (row.eligible, row.choice, row.in_global_count, column)


def _look_roles(row: VoteRow, column: int, table_font: QFont) -> list[tuple[int, object]]:
    font = cell_font(row, column)
    roles: list[tuple[int, object]] = [
        (Qt.ItemDataRole.ForegroundRole, cell_foreground(row, column)),
        (Qt.ItemDataRole.FontRole, font.resolve(table_font) if font is not None else None),
        (ELIGIBLE_ROLE, row.eligible),
    ]
    if column == MEMBER:
        # Stored as its text (a StrEnum crosses into Qt as a string): equal to the VoteChoice.
        roles += ((CHOICE_ROLE, row.choice.value if row.choice is not None else None), (VOTED_ROLE, row.recorded))
    if row.eligible and column == CHOICE:  # the vote's text and tooltip say only the look
        roles += ((Qt.ItemDataRole.DisplayRole, cell_text(row, column)), (Qt.ItemDataRole.ToolTipRole, _tooltip(row, column)))
    return [(int(role), value) for role, value in roles]


def _own_roles(row: VoteRow, column: int) -> list[tuple[int, object]]:
    roles: list[tuple[int, object]] = []
    if not (row.eligible and column == CHOICE):
        roles += ((Qt.ItemDataRole.DisplayRole, cell_text(row, column)), (Qt.ItemDataRole.ToolTipRole, _tooltip(row, column)))
    if column == MEMBER:
        roles += ((Qt.ItemDataRole.AccessibleTextRole, _accessible_text(row, column)), (WHOSE_ROLE, row.whose_id), (VOTER_ROLE, row.voter_id))
    return [(int(role), value) for role, value in roles]


def _choice_text(row: VoteRow) -> str:
    if not row.eligible:
        return row.excluded_text
    if row.choice is not None:
        return row.choice.label
    return IN_GLOBAL_COUNT if row.in_global_count else f"⚠ {NOT_VOTED}"


def _cells_wait(item: ItemState | None) -> bool:
    """The item's vote is not open yet: its table is not shown (see VoteModel.set_item)."""
    return item is not None and item.status is ItemStatus.OPEN


def _ranges(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows grouped into (first, last) ranges, for as few dataChanged as possible."""
    ranges: list[tuple[int, int]] = []
    for row in rows:
        if ranges and ranges[-1][1] == row - 1:
            ranges[-1] = (ranges[-1][0], row)
        else:
            ranges.append((row, row))
    return ranges


class NotVotedFilter(QSortFilterProxyModel):
    """Keeps every row, or only the votes still to record (« n'ont pas encore voté »)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._only_not_voted = False
        # Every row kept: a ballot's changed rows need no filtering again (a unanimity would ask
        # filterAcceptsRow for its 237 rows). Re-filtered as votes come in only while filtering.
        self.setDynamicSortFilter(False)

    @property
    def only_not_voted(self) -> bool:
        return self._only_not_voted

    def set_only_not_voted(self, on: bool) -> None:
        if on != self._only_not_voted:
            self.beginFilterChange()
            self._only_not_voted = on
            self.setDynamicSortFilter(on)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._only_not_voted:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(ELIGIBLE_ROLE)) and not index.data(VOTED_ROLE)
