"""The roll call (appel nominal) as a Qt table model over the session state's roll.

Every row is a member in office — titulaires, and the suppléants of EPCI seats — sorted by last
name. Nothing is copied out of the domain: `data()` reads the live `SessionState` each time (the
state object itself is replaced after a correction or a rollback, so the model holds a callable
that returns the current one). The only caches are derived indexes that check their own freshness
(the movements per member) and the last shown row contents, kept to emit `dataChanged` for just
the rows an action touched instead of resetting the model.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

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
from ...models.enums import Attendance
from ...models.french import french_time, plural
from ...models.state.roll import Movement, Proxy, RollState
from ...models.state.session_state import SessionState
from ..shell.colors import error_color, muted_color, ok_color, warning_color

StateSource = Callable[[], SessionState]

COLUMNS = ("Nom", "Groupe", "Statut", "Arrivée", "Départ", "Pouvoir détenu")
NAME, GROUP, STATUS, ARRIVAL, DEPARTURE, HELD = range(len(COLUMNS))

MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the member's id, on every cell
STATUS_KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # a StatusKind value, on every cell
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # what the header sorts on (last name, not civility)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 4  # folded names the search field matches


class StatusKind(StrEnum):
    ON_SITE = "sur_place"
    REMOTE = "a_distance"
    REPRESENTED = "represente"  # absent, his proxy is usable (the holder sits)
    REPLACED = "supplee"  # titulaire whose suppléant sits in his seat
    EXCUSED = "excuse"
    ABSENT = "absent"
    SUPPLEANT_IDLE = "suppleant"  # a suppléant who does not sit

    @property
    def present(self) -> bool:
        return self in (StatusKind.ON_SITE, StatusKind.REMOTE)


def fold(text: str) -> str:
    """Accent- and case-insensitive form for searching: « Lefèvre » → « lefevre »."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _e(member: Member) -> str:
    """The feminine ending of a past participle, for the tooltips' sentences."""
    return "e" if member.civility == "Mme" else ""


@dataclass(frozen=True, slots=True)
class RollCounts:
    """The seats of the titulaires, split as the counter line shows them (they add up to the seats)."""

    present: int
    on_site: int
    remote: int
    represented: int
    absent: int
    excused: int  # among the absent
    seats: int

    @property
    def text(self) -> str:
        """« 28 présents (25 sur place, 3 à distance) · 2 représentés · 3 absents dont 1 excusé »."""
        present = plural(self.present, "présent")
        if self.remote:
            present += f" ({self.on_site} sur place, {self.remote} à distance)"
        absent = plural(self.absent, "absent")
        if self.excused:
            absent += f" dont {plural(self.excused, 'excusé')}"
        return f"{present} · {plural(self.represented, 'représenté')} · {absent}"


def roll_counts(state: SessionState) -> RollCounts:
    roll = state.roll
    seats = state.assembly.titulaires
    on_site = sum(1 for a in roll.attendance.values() if a is Attendance.ON_SITE)
    remote = sum(1 for a in roll.attendance.values() if a is Attendance.REMOTE)
    represented = {p.grantor_id for p in roll.usable_proxies()}
    empty = [m for m in seats if not roll.seat_occupied(m.id) and m.id not in represented]
    excused = sum(1 for m in empty if m.id in roll.excused)
    return RollCounts(on_site + remote, on_site, remote, len(represented), len(empty), excused, len(seats))


@dataclass(frozen=True, slots=True)
class RowFacts:
    """What one row shows (recomputed from the state on demand, never stored)."""

    status: str
    kind: StatusKind
    arrival: str
    departure: str
    held: str


def describe(state: SessionState, member: Member, movements: list[Movement]) -> RowFacts:
    roll = state.roll
    attendance = roll.attendance.get(member.id)
    kind: StatusKind
    if attendance is not None:
        kind = StatusKind.ON_SITE if attendance is Attendance.ON_SITE else StatusKind.REMOTE
        status = attendance.label
    elif not member.is_titulaire:
        kind, status = StatusKind.SUPPLEANT_IDLE, "suppléant, ne siège pas"
    elif roll.seat_occupied(member.id):
        kind, status = StatusKind.REPLACED, f"suppléé par {state.name(roll.occupant_of_seat[member.id])}"
    else:
        proxy = roll.active_proxy_from(member.id)
        if proxy is not None and roll.is_seated(proxy.holder_id):
            kind, status = StatusKind.REPRESENTED, f"représenté par {state.name(proxy.holder_id)}"
        else:
            kind = StatusKind.EXCUSED if member.id in roll.excused else StatusKind.ABSENT
            status = "excusé" if kind is StatusKind.EXCUSED else "absent"
            if proxy is not None:  # the holder is not here: the proxy cannot be used
                status += f" (pouvoir à {state.name(proxy.holder_id)}, non présent)"
    arrivals = [m for m in movements if m.arrived]
    arrival = french_time(arrivals[0].at) if arrivals else ""
    departure = french_time(movements[-1].at) if movements and not movements[-1].arrived and attendance is None else ""
    held = ", ".join(f"pouvoir de {state.name(roll.proxies[pid].grantor_id)}" for pid in roll.active_proxies_of_holder.get(member.id, ()))
    return RowFacts(status, kind, arrival, departure, held)


def _when(state: SessionState, movement: Movement) -> str:
    """« pendant le point n° 2 », « avant l'ouverture de la séance »…"""
    if movement.item_id is not None and movement.item_id in state.items:
        return f"pendant le point n° {state.items[movement.item_id].item.number}"
    if state.opened_at is None or movement.at < state.opened_at:
        return "avant l'ouverture de la séance"
    if state.closed_at is not None and movement.at >= state.closed_at:
        return "après la levée de la séance"
    for start, end, _reason in state.suspensions:
        if start <= movement.at and (end is None or movement.at < end):
            return "pendant une suspension de séance"
    return "entre deux points de l'ordre du jour"


def tooltip(state: SessionState, member: Member, movements: list[Movement]) -> str:
    roll = state.roll
    lines = [member.display_name]
    details = ", ".join(x for x in (member.function, member.group) if x)
    if details:
        lines[0] += f" — {details}"
    if member.suppleant_of:
        lines.append(f"Suppléant{_e(member)} de {state.name(member.suppleant_of)}")
    if member.id in roll.excused and not roll.is_seated(member.id):
        lines.append(f"Excusé{_e(member)}")
    for m in movements:
        if m.changed:
            place = "à distance" if m.attendance is Attendance.REMOTE else "sur place"
            lines.append(f"Passé{_e(member)} {place} à {french_time(m.at)} {_when(state, m)}")
        elif m.arrived:
            where = f" ({m.attendance.label.removeprefix('présent ')})" if m.attendance else ""
            lines.append(f"Arrivé{_e(member)} à {french_time(m.at)} {_when(state, m)}{where}")
        else:
            lines.append(f"Parti{_e(member)} à {french_time(m.at)} {_when(state, m)}")
    if not movements:
        lines.append("Aucune arrivée enregistrée")
    for proxy in _proxies_of(roll, member.id):
        if proxy.grantor_id == member.id:
            text = f"A donné pouvoir à {state.name(proxy.holder_id)} ({french_time(proxy.given_at)})"
        else:
            text = f"Porte le pouvoir de {state.name(proxy.grantor_id)} ({french_time(proxy.given_at)})"
        if proxy.consecutive_sessions > 1:
            text += f", valable pour {plural(proxy.consecutive_sessions, 'séance')}"
        if not proxy.active:
            text += f" — {proxy.end_reason} à {french_time(proxy.ended_at)}" if proxy.ended_at else f" — {proxy.end_reason}"
        elif proxy.grantor_id == member.id and not roll.is_seated(proxy.holder_id):
            text += " — inutilisable : le mandataire n'est pas présent"
        lines.append(text)
    return "\n".join(lines)


def _proxies_of(roll: RollState, member_id: str) -> list[Proxy]:
    return [p for p in roll.proxies.values() if member_id in (p.grantor_id, p.holder_id)]


class _MovementIndex:
    """Movements per member, extended incrementally; rebuilt when the roll object is replaced (a
    correction refolds the state) or its list shrinks. It checks its freshness on every read."""

    def __init__(self) -> None:
        self._roll: RollState | None = None
        self._seen = 0
        self._by_member: dict[str, list[Movement]] = {}

    def sync(self, roll: RollState) -> set[str]:
        """Brings the index up to date; returns the members whose movements changed (all: a rebuild)."""
        if roll is not self._roll or len(roll.movements) < self._seen:
            touched = set(self._by_member)
            self._roll, self._seen, self._by_member = roll, 0, {}
        else:
            touched = set()
        for movement in roll.movements[self._seen :]:
            self._by_member.setdefault(movement.member_id, []).append(movement)
            touched.add(movement.member_id)
        self._seen = len(roll.movements)
        return touched

    def of(self, roll: RollState, member_id: str) -> list[Movement]:
        self.sync(roll)
        return self._by_member.get(member_id, [])


_ANSWERED_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, STATUS_KIND_ROLE, SORT_ROLE, Qt.ItemDataRole.AccessibleTextRole}
)


class RollModel(ColumnsTableModel):
    """One row per member in office, sorted by last name. `refresh()` after an action emits
    `dataChanged` for the rows whose contents changed; `reset()` after a reload."""

    COLUMNS = COLUMNS

    def __init__(self, state_source: StateSource, parent: QObject | None = None):
        super().__init__(parent)
        self._source = state_source
        self._palette: QPalette = QGuiApplication.palette()
        self._movements = _MovementIndex()
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
        self._movements = _MovementIndex()
        self._shown = [self._signature(row) for row in range(len(self._ids))]

    def reset(self) -> None:
        """A different session, or the same one reloaded: rebuild everything."""
        self.beginResetModel()
        self._build()
        self.endResetModel()

    def refresh(self) -> list[int]:
        """Re-reads the state and emits dataChanged for the changed rows only; returns them."""
        changed = []
        for row in range(len(self._ids)):
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
        proxies = tuple((p.id, p.active, p.end_reason) for p in _proxies_of(roll, member_id))
        return (describe(state, state.member(member_id), movements), len(movements), proxies, member_id in roll.excused)

    # ------------------------------------------------------------------ Qt model
    def row_count(self) -> int:
        return len(self._ids)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.has_row(index):
            return None
        member_id = self._ids[index.row()]
        column = index.column()
        if role == MEMBER_ID_ROLE:
            return member_id
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip_for(member_id)
        if role not in _ANSWERED_ROLES:  # the delegate asks for many roles: most get None, at once
            return None
        state = self.state
        member = state.member(member_id)
        # What does not depend on the member's status is answered without working it out.
        if column == NAME and role == SORT_ROLE:
            return self._name_keys[index.row()]
        if column in (NAME, GROUP) and role == Qt.ItemDataRole.DisplayRole:
            return member.display_name if column == NAME else member.group
        if column == GROUP and role == SORT_ROLE:
            return member.group
        if column not in (NAME, STATUS) and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column != NAME and role == Qt.ItemDataRole.AccessibleTextRole:
            return None
        facts = describe(state, member, self._movements.of(state.roll, member_id))
        if role == STATUS_KIND_ROLE:
            return facts.kind.value
        if role == Qt.ItemDataRole.ForegroundRole:
            # Name and status carry the colour; the times and the proxy stay in the plain text colour.
            return self._color(facts.kind) if column in (NAME, STATUS) else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{member.display_name}, {facts.status}" if column == NAME else None
        if role == SORT_ROLE:
            if column == NAME:
                return f"{fold(member.last_name)}\t{fold(member.first_name)}\t{member_id}"
            if column == STATUS:
                return f"{list(StatusKind).index(facts.kind)}\t{facts.status}"
            if column == ARRIVAL:
                arrival = next((m.at for m in self._movements.of(state.roll, member_id) if m.arrived), None)
                return arrival.isoformat() if arrival else "~"
            if column == DEPARTURE:
                return self._movements.of(state.roll, member_id)[-1].at.isoformat() if facts.departure else "~"
            role = Qt.ItemDataRole.DisplayRole  # the other columns sort on their text
        if column == NAME:
            return member.display_name
        if column == GROUP:
            return member.group
        if column == STATUS:
            return facts.status
        if column == ARRIVAL:
            return facts.arrival
        if column == DEPARTURE:
            return facts.departure
        if column == HELD:
            return facts.held
        return None

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
