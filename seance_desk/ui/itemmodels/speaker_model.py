"""Qt models over the speakers' state: the queue of raised hands, the item's speakers, and the seated
members for the name completer. They read the SessionState through a getter (the controller's state
object is replaced on reload), never hold an ORM object, and move rows rather than resetting, so the
chair's selection follows a request when it is moved in the queue.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from .table_model import ColumnsTableModel
from ...models.enums import FloorKind
from ...models.french import french_time
from ...models.state.session_state import SessionState
from ...models.state.speakers import FloorRequest

StateGetter = Callable[[], SessionState]

REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 2
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 3

POINT_OF_ORDER_LABEL = "rappel au règlement"

_NO_PARENT = QModelIndex()


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Accent- and case-insensitive key: « Élodie LEFÈVRE » → « elodie lefevre ». Cached: the
    panels fold every member's name at each refresh (240 names, ≈ 4,000 characters per action)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def duration(seconds: int) -> str:
    """« 4:05 », « 1:02:07 » (negative values read as 0:00)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class SpeakerQueueModel(ColumnsTableModel):
    """The pending requests, in speaking order: « N° », « Orateur », « Attente »."""

    COLUMNS = ("N°", "Orateur", "Attente")
    NUMBER, NAME, WAITING = range(3)

    def __init__(self, state: StateGetter, parent=None):
        super().__init__(parent)
        self._state = state
        self._ids: list[str] = list(state().speakers.queue)
        self._now: datetime | None = None

    # -- synchronisation with the domain ----------------------------------------------------------
    def sync(self) -> None:
        """Brings the rows in line with the queue by removals, moves and insertions (no reset)."""
        new = list(self._state().speakers.queue)
        if new == self._ids:
            return
        keep = set(new)
        for row in range(len(self._ids) - 1, -1, -1):
            if self._ids[row] not in keep:
                self.beginRemoveRows(_NO_PARENT, row, row)
                del self._ids[row]
                self.endRemoveRows()
        for position, request_id in enumerate(new):
            if position < len(self._ids) and self._ids[position] == request_id:
                continue
            if request_id in self._ids:
                row = self._ids.index(request_id)  # always below `position`: rows above are settled
                self.beginMoveRows(_NO_PARENT, row, row, _NO_PARENT, position)
                self._ids.insert(position, self._ids.pop(row))
                self.endMoveRows()
            else:
                self.beginInsertRows(_NO_PARENT, position, position)
                self._ids.insert(position, request_id)
                self.endInsertRows()
        if self._ids:  # order numbers follow the rows
            self.dataChanged.emit(self.index(0, self.NUMBER), self.index(len(self._ids) - 1, self.NUMBER))

    def reset(self) -> None:
        self.beginResetModel()
        self._ids = list(self._state().speakers.queue)
        self.endResetModel()

    def set_now(self, now: datetime) -> None:
        """The waiting times are counted up to `now` (the panel's clock, once a second). Only the rows
        whose shown time changed are told: the panel also ticks at each action on the speakers (an
        item opened, the floor given), often within the second shown, and every waiting time told
        repainted the column and measured it again for nothing (issue 11)."""
        before = self._waiting_texts()
        self._now = now
        changed = [row for row, (old, new) in enumerate(zip(before, self._waiting_texts())) if old != new]
        if changed:
            self.dataChanged.emit(self.index(changed[0], self.WAITING), self.index(changed[-1], self.WAITING), [Qt.ItemDataRole.DisplayRole])

    def _waiting_texts(self) -> list[str]:
        """The waiting column's texts, as data() shows them at the current `now`."""
        if self._now is None:
            return [""] * len(self._ids)
        requests = self._state().speakers.requests
        texts = []
        for request_id in self._ids:
            request = requests.get(request_id)
            texts.append("" if request is None else duration(int((self._now - request.requested_at).total_seconds())))
        return texts

    def request_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, request_id: str) -> int:
        return self._ids.index(request_id) if request_id in self._ids else -1

    def waiting_seconds(self, request: FloorRequest) -> int | None:
        return None if self._now is None else int((self._now - request.requested_at).total_seconds())

    # -- QAbstractItemModel -----------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.has_row(index):
            return None
        state = self._state()
        request = state.speakers.requests.get(self._ids[index.row()])
        if request is None:
            return None
        column = index.column()
        point_of_order = request.kind is FloorKind.POINT_OF_ORDER
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NUMBER:
                return str(index.row() + 1)
            if column == self.NAME:
                name = state.name(request.member_id)
                return f"{name} — {POINT_OF_ORDER_LABEL}" if point_of_order else name
            if column == self.WAITING:
                waited = self.waiting_seconds(request)
                return "" if waited is None else duration(waited)
        if role == Qt.ItemDataRole.ToolTipRole:
            asked = f"Demande de parole à {french_time(request.requested_at)}"
            return f"Rappel au règlement — {asked.lower()}" if point_of_order else asked
        if role == Qt.ItemDataRole.FontRole and point_of_order:
            return _bold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NUMBER, self.WAITING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == REQUEST_ID_ROLE:
            return request.id
        if role == MEMBER_ID_ROLE:
            return request.member_id
        return None


class ItemSpeakersModel(ColumnsTableModel):
    """Those who had the floor on the item under discussion, in order, with their spoken time."""

    COLUMNS = ("N°", "Orateur", "Durée")
    NUMBER, NAME, DURATION = range(3)

    def __init__(self, state: StateGetter, parent=None):
        super().__init__(parent)
        self._state = state
        self._requests: list[FloorRequest] = []
        self._shown: list[tuple] = []  # _facts of each row, as last shown
        self.item_id: str | None = None
        self._load()

    def _read(self) -> tuple[str | None, list[FloorRequest]]:
        state = self._state()
        item = state.current_item
        return (item.id, list(state.speakers.speakers_of(item.id))) if item is not None else (None, [])

    def _load(self) -> None:
        self.item_id, self._requests = self._read()
        self._shown = [self._facts(r) for r in self._requests]

    @staticmethod
    def _facts(request: FloorRequest) -> tuple:
        """What a row shows of a request (read again to tell the rows that changed)."""
        return (request.id, request.member_id, request.kind, request.granted_at, request.ended_at)

    def refresh(self) -> None:
        """Another item: the rows are read again (a reset). The same item: the speaker who comes is a
        row inserted at the end, the one whose floor was taken back (undone) a row removed, and the
        one whose floor ended that row changed — not a reset, which laid the table out and repainted
        it whole at each floor given or ended (issue 11)."""
        item_id, requests = self._read()
        shown = [self._facts(r) for r in requests]
        before = self._shown
        common = min(len(before), len(shown))
        if not before and not shown:
            # From an item nobody spoke on to another (or to none): the same empty table, no reset
            # (which repainted its viewport and its header twice at nearly every item opened).
            self.item_id, self._requests = item_id, requests
            return
        if item_id != self.item_id or [f[0] for f in before[:common]] != [f[0] for f in shown[:common]]:
            self.beginResetModel()
            self.item_id, self._requests, self._shown = item_id, requests, shown
            self.endResetModel()
            return
        if len(shown) < len(before):
            self.beginRemoveRows(_NO_PARENT, len(shown), len(before) - 1)
            self._requests, self._shown = requests, shown
            self.endRemoveRows()
        elif len(shown) > len(before):
            self.beginInsertRows(_NO_PARENT, len(before), len(shown) - 1)
            self._requests, self._shown = requests, shown
            self.endInsertRows()
        else:
            self._requests, self._shown = requests, shown
        for row in range(common):
            if before[row] != shown[row]:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def total_seconds(self) -> int:
        return sum(r.spoken_seconds or 0 for r in self._requests)

    def row_count(self) -> int:
        return len(self._requests)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.has_row(index):
            return None
        request = self._requests[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NUMBER:
                return str(index.row() + 1)
            if column == self.NAME:
                name = self._state().name(request.member_id)
                return f"{name} — {POINT_OF_ORDER_LABEL}" if request.kind is FloorKind.POINT_OF_ORDER else name
            if column == self.DURATION:
                spoken = request.spoken_seconds
                return "en cours" if spoken is None else duration(spoken)
        if role == Qt.ItemDataRole.ToolTipRole and request.granted_at is not None:
            until = f" à {french_time(request.ended_at)}" if request.ended_at else ""
            return f"Parole de {french_time(request.granted_at)}{until}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NUMBER, self.DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == REQUEST_ID_ROLE:
            return request.id
        return None


class SeatedMembersModel(QAbstractListModel):
    """The members seated now, by name, for the completer: FOLDED_ROLE carries the accent-free key."""

    def __init__(self, state: StateGetter, parent=None):
        super().__init__(parent)
        self._state = state
        self._rows: list[tuple[str, str, str]] = []  # (member id, display name, folded name)
        self._keys: list[tuple] = []  # each row's sort key (bisect's keys), then its member id
        self._seated_ids: set[str] = set()
        self._load()

    def _load(self) -> None:
        self._rows = self._seated()
        self._keys = [self._key(member_id) for member_id, _name, _folded in self._rows]
        self._seated_ids = set(self._state().roll.attendance)

    def _key(self, member_id: str) -> tuple:
        member = self._state().assembly.member(member_id)
        return (member.sort_key, member_id) if member is not None else ((), member_id)

    def _seated(self) -> list[tuple[str, str, str]]:
        state = self._state()
        members = [state.assembly.member(mid) for mid in state.roll.attendance]
        members = sorted((m for m in members if m is not None), key=lambda m: (m.sort_key, m.id))
        return [(m.id, m.display_name, fold(m.display_name)) for m in members]

    def refresh(self) -> None:
        """Called on roll changes: the members who left are removed and those who came inserted in
        their place by name (issue 11, latency: the list was sorted and folded again, 240 names,
        and reset at each roll call key, ≈ 1.6 ms, and a reset made the completer start over)."""
        seated = self._state().roll.attendance
        if seated.keys() == self._seated_ids:
            return
        assembly = self._state().assembly
        gone = self._seated_ids - seated.keys()
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row][0] in gone:
                self.beginRemoveRows(_NO_PARENT, row, row)
                del self._rows[row]
                del self._keys[row]
                self.endRemoveRows()
        for member_id in seated.keys() - self._seated_ids:
            member = assembly.member(member_id)
            if member is None:
                continue
            key = self._key(member_id)
            row = bisect.bisect_left(self._keys, key)
            self.beginInsertRows(_NO_PARENT, row, row)
            self._rows.insert(row, (member.id, member.display_name, fold(member.display_name)))
            self._keys.insert(row, key)
            self.endInsertRows()
        self._seated_ids = set(seated)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        member_id, name, folded = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name
        if role == FOLDED_ROLE:
            return folded
        if role == MEMBER_ID_ROLE:
            return member_id
        return None

    def matches(self, typed: str) -> list[tuple[str, str]]:
        """(member id, name) of the seated members whose name holds every word typed, accents and case
        ignored, best tier first: the exact name, then whole words (« roy » is ROY, not LEROY), then
        word beginnings, then anywhere in the name."""
        key = fold(typed).strip()
        if not key:
            return []
        words = key.split()
        tiers: list[list[tuple[str, str]]] = [[], [], [], []]
        for member_id, name, folded in self._rows:
            parts = folded.split()
            if folded == key:
                tier = 0
            elif all(w in parts for w in words):
                tier = 1
            elif all(any(p.startswith(w) for p in parts) for w in words):
                tier = 2
            elif all(w in folded for w in words):
                tier = 3
            else:
                continue
            tiers[tier].append((member_id, name))
        return next((tier for tier in tiers if tier), [])
