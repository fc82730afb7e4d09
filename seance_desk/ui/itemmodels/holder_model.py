"""The possible holders (mandataires) of a member's proxy, for « Donner pouvoir »: every member in
office, the legal ones enabled, each illegal one with the law's reason (`SessionState.proxy_refusal`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from .table_model import ColumnsTableModel
from ...models.assembly import Member
from ...models.decision import RuleViolation
from ...models.state.session_state import SessionState
from ..shell.colors import error_color, warning_color
from .roll_facts import fold, status_word
from .roll_model import MEMBER_ID_ROLE, SEARCH_ROLE, SORT_ROLE

StateSource = Callable[[], SessionState]

HOLDER_COLUMNS = ("Mandataire", "Présence", "Motif")
H_NAME, H_PRESENCE, H_REASON = range(len(HOLDER_COLUMNS))


class HolderModel(ColumnsTableModel):
    """The possible holders of `grantor_id`'s proxy, with the domain's reason for each illegal one.

    Verdicts are computed from the live state on each read (nothing to go stale); `refresh()` only
    tells the views that they may have changed (after an action, or when the dialog's fields change).
    """

    COLUMNS = HOLDER_COLUMNS

    def __init__(
        self,
        state_source: StateSource,
        grantor_id: str,
        parent: QObject | None = None,
        clock: Callable[[], datetime] | None = None,
    ):
        """clock: the engine's clock (the moment a proxy would be journaled), real time by default."""
        super().__init__(parent)
        self._source = state_source
        self._clock = clock or (lambda: datetime.now(UTC))
        self.grantor_id = grantor_id
        self.consecutive_sessions = 1
        self.illness_certified = False
        self.departure = False  # judge as if the (seated) grantor had just left: « départ avec pouvoir »
        self._palette: QPalette = QGuiApplication.palette()
        state = self.state
        members = sorted(
            (m for m in state.assembly.members if m.in_office and m.id != grantor_id),
            key=lambda m: (*m.sort_key, m.id),
        )
        self._ids = [m.id for m in members]
        self._row_of = {mid: row for row, mid in enumerate(self._ids)}
        self._search = [fold(f"{m.first_name} {m.last_name} | {m.last_name} {m.first_name}") for m in members]

    @property
    def state(self) -> SessionState:
        return self._source()

    def set_terms(self, consecutive_sessions: int | None = None, illness_certified: bool | None = None, departure: bool | None = None) -> None:
        if consecutive_sessions is not None:
            self.consecutive_sessions = consecutive_sessions
        if illness_certified is not None:
            self.illness_certified = illness_certified
        if departure is not None:
            self.departure = departure
        self.refresh()

    def set_palette(self, palette: QPalette) -> None:
        self._palette = QPalette(palette)
        self.refresh()

    def refresh(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(HOLDER_COLUMNS) - 1))

    # ------------------------------------------------------------------ verdicts
    def refusal(self, holder_id: str) -> RuleViolation | None:
        """Why this holder may not receive the proxy now (None: he may), as the domain says it."""
        state = self.state
        grantor = state.member(self.grantor_id)
        holder = state.member(holder_id)
        # The departure and the proxy are one action: judge the proxy as the law will once the
        # grantor has left; `act` then validates the real two events again.
        departing = self.departure and state.roll.is_seated(grantor.id)
        # The deadline of the règlement intérieur concerns written proxies received before the
        # opening: judge it at the moment the proxy would be journaled.
        last = state.events[-1].at if state.events else None
        now = self._clock()
        at = max(now, last) if last else now
        # The number of sessions and the illness are the proxy's terms, not the holder's: the dialog
        # judges them once (ProxyDialog.terms_refusal) instead of greying every holder for them.
        return state.proxy_refusal(grantor, holder, at, 1, False, assume_departed=departing)

    def reason_text(self, holder_id: str) -> str | None:
        """The short reason shown in the « Motif » column (the row already names the holder)."""
        refusal = self.refusal(holder_id)
        if refusal is None:
            return None
        name = self.state.name(holder_id)
        message = refusal.message
        for prefix in (f"{name} ne peut pas recevoir ce pouvoir. ", f"{name} "):
            if message.startswith(prefix):
                message = message[len(prefix):]
                break
        return f"{message} — {refusal.article}" if refusal.article else message

    def is_legal(self, holder_id: str) -> bool:
        return self.refusal(holder_id) is None

    def presence(self, holder: Member) -> str:
        state = self.state
        roll = state.roll
        attendance = roll.attendance.get(holder.id)
        text = status_word(holder, attendance, holder.id in roll.excused)
        held = [state.name(roll.proxies[pid].grantor_id) for pid in roll.active_proxies_of_holder.get(holder.id, ())]
        if held:
            text += " · porte le pouvoir de " + ", ".join(held)
        return text

    # ------------------------------------------------------------------ lookups
    def member_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, member_id: str) -> int:
        return self._row_of.get(member_id, -1)

    def member_ids(self) -> list[str]:
        return list(self._ids)

    def legal_holders(self) -> list[str]:
        return [mid for mid in self._ids if self.is_legal(mid)]

    # ------------------------------------------------------------------ Qt model
    def row_count(self) -> int:
        return len(self._ids)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_legal(self._ids[index.row()]):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return Qt.ItemFlag.ItemNeverHasChildren  # greyed out, not selectable: the reason says why

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.has_row(index):
            return None
        member_id = self._ids[index.row()]
        column = index.column()
        if role == MEMBER_ID_ROLE:
            return member_id
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        state = self.state
        holder = state.member(member_id)
        if role == SORT_ROLE:
            if column == H_NAME:
                return f"{fold(holder.last_name)}\t{fold(holder.first_name)}\t{member_id}"
            role = Qt.ItemDataRole.DisplayRole
        if role == Qt.ItemDataRole.DisplayRole:
            if column == H_NAME:
                return holder.display_name
            if column == H_PRESENCE:
                return self.presence(holder)
            if column == H_REASON:
                reason = self.reason_text(member_id)
                if reason is not None:
                    return reason
                if not state.roll.is_seated(member_id):
                    return "possible, mais le pouvoir ne servira que s'il siège"
                return ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            refusal = self.refusal(member_id)
            if refusal is not None:
                return f"{holder.display_name} ne peut pas recevoir ce pouvoir :\n{refusal}"
            return f"{holder.display_name} peut recevoir ce pouvoir ({self.presence(holder)})"
        if role == Qt.ItemDataRole.ForegroundRole and column == H_REASON:
            if not self.is_legal(member_id):
                return error_color(self._palette)
            if not state.roll.is_seated(member_id):
                return warning_color(self._palette)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == H_NAME:
            reason = self.reason_text(member_id)
            return f"{holder.display_name}, {'impossible : ' + reason if reason else 'possible'}"
        return None
