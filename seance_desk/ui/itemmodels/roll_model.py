"""The roll call (appel nominal) as a Qt table model over the session state's roll.

Every row is a member in office — titulaires, and the suppléants of EPCI seats — sorted by last
name. Nothing is copied out of the domain: `data()` reads the live `SessionState` each time (the
state object itself is replaced after a correction or a rollback, so the model holds a callable
that returns the current one). The only caches are derived indexes that check their own freshness
(the movements per member) and the last shown row contents, kept to emit `dataChanged` for just
the rows an action touched instead of resetting the model.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from .table_model import ColumnsTableModel
from ...models.assembly import Member
from ...models.state.session_state import SessionState
from .roll_facts import MovementIndex, RollSnapshot, RowFacts, StatusKind, describe, fold, tooltip
from ..shell.colors import error_color, muted_color, ok_color, warning_color

StateSource = Callable[[], SessionState]

COLUMNS = ("Nom", "Groupe", "Statut", "Arrivée", "Départ", "Pouvoir détenu")
NAME, GROUP, STATUS, ARRIVAL, DEPARTURE, HELD = range(len(COLUMNS))

MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the member's id, on every cell
STATUS_KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # a StatusKind value, on every cell
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # what the header sorts on (last name, not civility)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4  # folded names the search field matches


# The row facts shown as text, by column (name and group come from the member himself).
_FACT_TEXTS = {STATUS: "status", ARRIVAL: "arrival", DEPARTURE: "departure", HELD: "held"}


class RollModel(ColumnsTableModel):
    """One row per member in office, sorted by last name. `refresh()` after an action emits
    `dataChanged` for the rows whose contents changed; `reset()` after a reload."""

    COLUMNS = COLUMNS

    def __init__(self, state_source: StateSource, parent: QObject | None = None):
        super().__init__(parent)
        self._source = state_source
        self._palette: QPalette = QGuiApplication.palette()
        self._movements = MovementIndex()
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._search: list[str] = []
        self._shown: list[tuple] = []
        self._build()

    # ------------------------------------------------------------------ lifecycle
    @property
    def state(self) -> SessionState:
        return self._source()

    def _build(self) -> None:
        # What the name column sorts on, asked at every comparison of a sort: computed once. The rows
        # are in this very order, which lets RollFilterModel skip the sort by name (the default).
        keyed = sorted((f"{fold(m.last_name)}\t{fold(m.first_name)}\t{m.id}", m) for m in self.state.assembly.members if m.in_office)
        members = [m for _key, m in keyed]
        self._name_keys = [key for key, _m in keyed]
        self._ids = [m.id for m in members]
        self._row_of = {mid: row for row, mid in enumerate(self._ids)}
        self._search = [fold(f"{m.first_name} {m.last_name} | {m.last_name} {m.first_name}") for m in members]
        self._movements = MovementIndex()
        # Titulaire → his suppléants: a seat's two rows change together (« suppléé par … »).
        self._suppleants: dict[str, list[str]] = {}
        for m in members:
            if m.suppleant_of:
                self._suppleants.setdefault(m.suppleant_of, []).append(m.id)
        self._snapshot = RollSnapshot(self.state.roll)
        self._shown = [self._signature(row) for row in range(len(self._ids))]

    def reset(self) -> None:
        """A different session, or the same one reloaded: rebuild everything."""
        self.beginResetModel()
        self._build()
        self.endResetModel()

    def refresh(self) -> list[int]:
        """Re-reads the state and emits dataChanged for the changed rows only; returns them."""
        changed = []
        for row in self._rows_to_check():
            signature = self._signature(row)
            if signature != self._shown[row]:
                self._shown[row] = signature
                changed.append(row)
        last = len(COLUMNS) - 1
        start = None
        for i, row in enumerate(changed):
            if start is None:
                start = row
            if i + 1 == len(changed) or changed[i + 1] != row + 1:
                self.dataChanged.emit(self.index(start, 0), self.index(row, last))
                start = None
        return changed

    def _rows_to_check(self) -> list[int]:
        """The rows whose contents may have changed since the last refresh (issue 11, latency): a
        roll call key changes one to three rows of 240, and working out every row's facts to find
        them cost ≈ 3–4 ms per key. The roll is compared with what it was (RollSnapshot): the members
        whose attendance, seat, excuse, movements or proxies changed, plus the rows that read them —
        the seat's titulaire and suppléants, the grantors whose proxy they hold. A roll replaced (a
        correction, a rollback) is compared the same way; a reload rebuilds the model (reset)."""
        state = self.state
        touched = self._snapshot.update(state.roll)
        roll = state.roll
        rows = set()
        for member_id in touched:
            rows.add(member_id)
            member = state.member(member_id)
            if member is not None and member.suppleant_of:
                rows.add(member.suppleant_of)
            rows.update(self._suppleants.get(member_id, ()))
            rows.update(roll.proxies[pid].grantor_id for pid in roll.active_proxies_of_holder.get(member_id, ()))
        row_of = self._row_of
        return sorted(row_of[m] for m in rows if m in row_of)

    def set_palette(self, palette: QPalette) -> None:
        """Foreground colours follow the view's palette (light or dark)."""
        self._palette = QPalette(palette)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1), [Qt.ItemDataRole.ForegroundRole])

    # ------------------------------------------------------------------ lookups
    def member_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, member_id: str) -> int:
        return self._row_of.get(member_id, -1)

    def member_ids(self) -> list[str]:
        return list(self._ids)

    def facts(self, member_id: str) -> RowFacts:
        state = self.state
        member = state.member(member_id)
        return describe(state, member, self._movements.of(state.roll, member_id))

    def column_texts(self, column: int) -> list[str]:
        """Every row's text in `column` as data() shows it, without asking data() (to size columns)."""
        if column in (NAME, GROUP):
            state = self.state
            members = [state.member(member_id) for member_id in self._ids]
            return [m.display_name if column == NAME else m.group for m in members]
        attribute = {STATUS: "status", ARRIVAL: "arrival", DEPARTURE: "departure", HELD: "held"}[column]
        return [getattr(shown[0], attribute) for shown in self._shown]  # shown[0]: the row's RowFacts

    def tooltip_for(self, member_id: str) -> str:
        state = self.state
        member = state.member(member_id)
        return tooltip(state, member, self._movements.of(state.roll, member_id))

    def _signature(self, row: int) -> tuple:
        member_id = self._ids[row]
        state = self.state
        movements = self._movements.of(state.roll, member_id)
        roll = state.roll
        proxies = tuple((p.id, p.active, p.end_reason) for p in self._snapshot.proxies_of(member_id))
        return (describe(state, state.member(member_id), movements), len(movements), proxies, member_id in roll.excused)

    # ------------------------------------------------------------------ Qt model
    def row_count(self) -> int:
        return len(self._ids)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        answer = self._ROLE_ANSWERS.get(role)  # the delegate asks for many roles: most get None, at once
        if answer is None or not self.has_row(index):
            return None
        return answer(self, index.row(), index.column())

    # One method per role answered; what does not depend on the member's status is answered
    # without working it out (describe() reads the roll).
    def _member_id(self, row: int, _column: int) -> str:
        return self._ids[row]

    def _search_text(self, row: int, _column: int) -> str:
        return self._search[row]

    def _tooltip(self, row: int, column: int) -> str:
        if column == GROUP:  # elided in a narrow dock: the whole name of the group
            return f"Groupe : {self.state.member(self._ids[row]).group}"
        return self.tooltip_for(self._ids[row])

    def _facts(self, row: int) -> tuple[Member, RowFacts]:
        state = self.state
        member_id = self._ids[row]
        member = state.member(member_id)
        return member, describe(state, member, self._movements.of(state.roll, member_id))

    def _status_kind(self, row: int, _column: int) -> str:
        return self._facts(row)[1].kind.value

    def _foreground(self, row: int, column: int) -> QColor | None:
        # Name and status carry the colour; the times and the proxy stay in the plain text colour.
        return self._color(self._facts(row)[1].kind) if column in (NAME, STATUS) else None

    def _accessible_text(self, row: int, column: int) -> str | None:
        if column != NAME:
            return None
        member, facts = self._facts(row)
        return f"{member.display_name}, {facts.status}"

    def _display(self, row: int, column: int) -> str | None:
        if column in (NAME, GROUP):
            member = self.state.member(self._ids[row])
            return member.display_name if column == NAME else member.group
        if column not in _FACT_TEXTS:
            return None
        return getattr(self._facts(row)[1], _FACT_TEXTS[column])

    def _sort_key(self, row: int, column: int) -> str | None:
        if column == NAME:
            return self._name_keys[row]
        if column == GROUP:
            return self.state.member(self._ids[row]).group
        if column not in (STATUS, ARRIVAL, DEPARTURE):
            return self._display(row, column)  # the other columns sort on their text
        _member, facts = self._facts(row)
        if column == STATUS:
            return f"{list(StatusKind).index(facts.kind)}\t{facts.status}"
        movements = self._movements.of(self.state.roll, self._ids[row])
        if column == ARRIVAL:
            arrival = next((m.at for m in movements if m.arrived), None)
            return arrival.isoformat() if arrival else "~"
        return movements[-1].at.isoformat() if facts.departure else "~"

    _ROLE_ANSWERS = {
        MEMBER_ID_ROLE: _member_id,
        SEARCH_ROLE: _search_text,
        Qt.ItemDataRole.ToolTipRole: _tooltip,
        STATUS_KIND_ROLE: _status_kind,
        Qt.ItemDataRole.ForegroundRole: _foreground,
        Qt.ItemDataRole.AccessibleTextRole: _accessible_text,
        Qt.ItemDataRole.DisplayRole: _display,
        SORT_ROLE: _sort_key,
    }

    def _color(self, kind: StatusKind) -> QColor | None:
        palette = self._palette
        if kind in (StatusKind.ON_SITE, StatusKind.REMOTE):
            return ok_color(palette)
        if kind is StatusKind.REPRESENTED:
            return warning_color(palette)
        if kind is StatusKind.ABSENT:
            return error_color(palette)
        if kind in (StatusKind.EXCUSED, StatusKind.SUPPLEANT_IDLE):
            return muted_color(palette)
        return None  # suppléé: the seat is filled, plain text


class RollFilterModel(QSortFilterProxyModel):
    """Filters the roll by typed letters, accent- and case-insensitive, on first and last names
    (« lefe » finds « Lefèvre » and « Lefebvre », « claire dup » finds « Claire Dupont »)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)
        # A status change must not re-sort or re-filter the whole roll: neither depends on it, rows
        # would jump under the chair's cursor during the roll call, and with 240 members each key
        # press cost ~6,000 data() calls. Sorting and filtering run when asked (header, typing).
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By name, A to Z, is the roll model's own row order (RollModel._build): the rows are taken
        as they are instead of compared (≈ 4,000 data() calls with 240 members, at every start-up)."""
        if column == NAME and order == Qt.SortOrder.AscendingOrder:
            column = -1  # Qt's « the source model's order »
        super().sort(column, order)

    @property
    def search_text(self) -> str:
        return self._needle

    def set_search(self, text: str) -> None:
        needle = " ".join(fold(text).split())
        if needle == self._needle:
            return
        self.beginFilterChange()
        self._needle = needle
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        source = self.sourceModel()
        key = source.data(source.index(source_row, NAME, source_parent), SEARCH_ROLE)
        return bool(key) and self._needle in key
