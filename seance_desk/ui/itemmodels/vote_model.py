"""The votes of the item under discussion as a Qt table: one row per vote that can be cast.

A present member has his own row; a proxy is a row of its own, right after its holder's (« pouvoir
de Mme X »). A member who takes no part in the item (interested, L2131-11; the executive withdrawn
for the compte administratif; a deported representative) is listed greyed with the reason, as is a
proxy that cannot serve on the item. Rows that have not voted yet are marked; the filter proxy
keeps only them. Rows are snapshots of the state, diffed on refresh: a ballot repaints its row only
(dataChanged), a change of who may vote resets the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication

from .table_model import ColumnsTableModel
from ...models.enums import RecusalReason, VoteChoice
from ...models.state.items import ItemState
from ...models.state.session_state import SessionState
from ..shell import colors

COLUMNS = ("Membre", "Groupe", "Vote")
MEMBER, GROUP, CHOICE = range(3)

WHOSE_ROLE = Qt.ItemDataRole.UserRole + 1  # whose vote the row is (the grantor for a proxy)
VOTER_ROLE = Qt.ItemDataRole.UserRole + 2  # who casts it (the holder for a proxy)
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 3  # VoteChoice or None
ELIGIBLE_ROLE = Qt.ItemDataRole.UserRole + 4  # False for a greyed row (takes no part in the item)
VOTED_ROLE = Qt.ItemDataRole.UserRole + 5  # True once a ballot is recorded

_ROOT = QModelIndex()  # the default parent, made once

NOT_VOTED = "pas encore voté"
IN_GLOBAL_COUNT = "dans le décompte global"  # a global count records figures, no one's vote

_NOT_TAKING_PART = {
    RecusalReason.INTEREST: "intéressé — ne prend pas part (art. L2131-11)",
    RecusalReason.L1111_6: "déporté — ne prend pas part (art. L1111-6)",
    RecusalReason.COMPTE_ADMINISTRATIF: "se retire — ne prend pas part (art. L2121-14)",
}


def not_taking_part(reason: RecusalReason) -> str:
    return _NOT_TAKING_PART[reason]


@dataclass(frozen=True, slots=True)
class VoteRow:
    """One row of the vote table: a voter, for himself or by proxy."""
    voter_id: str
    whose_id: str
    name: str  # « M. Jean MARTIN » or « M. Jean MARTIN — pouvoir de Mme Claire DUPONT »
    group: str
    eligible: bool
    excluded_text: str = ""  # the greyed row's reason, shown in the vote column
    excluded_tooltip: str = ""
    choice: VoteChoice | None = None
    # The item was voted by a global count (vote.counts): nobody's ballot is recorded nor expected,
    # and « pas encore voté » on every row would tell the chair the vote is incomplete.
    in_global_count: bool = False

    @property
    def recorded(self) -> bool:
        """Nothing left to key for this row: its ballot, or the global count that stands for it."""
        return self.choice is not None or self.in_global_count

    @property
    def by_proxy(self) -> bool:
        return self.voter_id != self.whose_id

    @property
    def key(self) -> tuple[str, str, bool]:
        return (self.voter_id, self.whose_id, self.eligible)


@lru_cache(maxsize=4096)
def _voting_row(voter_id: str, whose_id: str, name: str, group: str, choice: VoteChoice | None, counted: bool) -> VoteRow:
    """A row that can vote, made once for the same fields: the table's rows are built again at each
    ballot, opening or undo (240 of them), and a frozen dataclass costs nine attribute settings to
    make (≈ 1 ms of the panel's refresh); a row is immutable, so the same one serves again."""
    return VoteRow(voter_id, whose_id, name, group, True, choice=choice, in_global_count=counted)


def build_rows(state: SessionState, item: ItemState | None) -> list[VoteRow]:
    """The rows for the item, in the order of the tableau (the assembly's order), proxies after their holder."""
    if item is None:
        return []
    ballots = item.vote.ballots if item.vote is not None else {}
    counted = item.vote is not None and item.vote.counts is not None
    recusals = item.recusals
    seated = state.roll.attendance
    proxies_of: dict[str, list[str]] = {}
    for proxy in state.roll.usable_proxies():
        proxies_of.setdefault(proxy.holder_id, []).append(proxy.grantor_id)
    rows: list[VoteRow] = []
    for member in state.assembly.members:
        if member.id not in seated:
            continue
        recused = recusals.get(member.id)
        if recused is None:
            ballot = ballots.get(member.id)
            rows.append(_voting_row(member.id, member.id, member.display_name, member.group, ballot.choice if ballot else None, counted))
        else:
            rows.append(
                VoteRow(member.id, member.id, member.display_name, member.group, False, not_taking_part(recused), f"{member.display_name} : {recused.label}")
            )
        for grantor_id in proxies_of.get(member.id, ()):
            grantor = state.assembly.member(grantor_id)
            assert grantor is not None
            name = f"{member.display_name} — pouvoir de {grantor.display_name}"
            barred = recusals.get(grantor_id) or recused
            if barred is None:
                ballot = ballots.get(grantor_id)
                rows.append(_voting_row(member.id, grantor_id, name, grantor.group, ballot.choice if ballot else None, counted))
            else:
                who = grantor if grantor_id in recusals else member
                tooltip = f"{who.display_name} : {barred.label} — le pouvoir ne peut servir sur ce point"
                rows.append(VoteRow(member.id, grantor_id, name, grantor.group, False, not_taking_part(barred), tooltip))
    return rows


class VoteModel(ColumnsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[VoteRow] = []
        self._row_of: dict[str, int] = {}  # whose_id → row
        self._item_id: str | None = None

    # ------------------------------------------------------------------ feeding
    def set_item(self, state: SessionState, item: ItemState | None) -> None:
        """A different item (or a reload): the rows are rebuilt."""
        self.beginResetModel()
        self._item_id = item.id if item else None
        self._set_rows(build_rows(state, item))
        self.endResetModel()

    def refresh(self, state: SessionState, item: ItemState | None) -> list[int]:
        """Brings the rows up to date; returns the rows repainted (a reset if who may vote changed)."""
        if item is None or item.id != self._item_id:
            self.set_item(state, item)
            return list(range(len(self._rows)))
        rows = build_rows(state, item)
        # A row unchanged is the very same object (build_rows makes it once): compared by identity first.
        if len(rows) != len(self._rows) or any(old is not new and old.key != new.key for old, new in zip(self._rows, rows)):
            self.beginResetModel()
            self._set_rows(rows)
            self.endResetModel()
            return list(range(len(rows)))
        changed = [i for i, (old, new) in enumerate(zip(self._rows, rows)) if old is not new and old != new]
        self._rows = rows
        for first, last in _ranges(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        return changed

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
        """The rows themselves, not a copy: for the table's delegate, which only reads them."""
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

    # ------------------------------------------------------------------ Qt
    def row_count(self) -> int:
        return len(self._rows)

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        # Qt's asks rowCount and columnCount (two calls into Python) for each index the proxy or
        # the view makes: at each cell painted, among others. One call here, the same answer.
        if 0 <= row < len(self._rows) and 0 <= column < len(COLUMNS) and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # The role first: the delegate asks for about ten per cell at each paint, most unanswered,
        # and those return before the index is checked (issue 11, latency).
        answer = _ROLE_ANSWERS.get(role)
        if answer is None or not self.has_row(index):
            return None
        return answer(self._rows[index.row()], index.column())


# One function per role answered, each given the row and the column. The vote table's delegate
# paints with the first three directly (ui/panels/vote/vote_delegate.py): the same answers.
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


_ROLE_ANSWERS: dict[int, Callable[[VoteRow, int], object]] = {
    Qt.ItemDataRole.DisplayRole: cell_text,
    Qt.ItemDataRole.ToolTipRole: _tooltip,
    Qt.ItemDataRole.AccessibleTextRole: _accessible_text,
    Qt.ItemDataRole.ForegroundRole: cell_foreground,
    Qt.ItemDataRole.FontRole: cell_font,
    WHOSE_ROLE: lambda row, _column: row.whose_id,
    VOTER_ROLE: lambda row, _column: row.voter_id,
    CHOICE_ROLE: lambda row, _column: row.choice,
    ELIGIBLE_ROLE: lambda row, _column: row.eligible,
    VOTED_ROLE: lambda row, _column: row.recorded,
}


def _choice_text(row: VoteRow) -> str:
    if not row.eligible:
        return row.excluded_text
    if row.choice is not None:
        return row.choice.label
    return IN_GLOBAL_COUNT if row.in_global_count else f"⚠ {NOT_VOTED}"


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
