"""The stored sessions around a procès-verbal (art. L2121-15 CGCT: arrêté « au commencement de la
séance suivante »), for the window: which PVs a session being prepared may approve, which later
session's « approbation du procès-verbal » item will arrête (or has arrêté) a PV, and which later
sessions may be named when a PV was adopted outside Séance Desk.

Each session is opened as the command line's `--approuver-pv-seance N` opens it (`open_verified`:
chain verified, folded), so that the window's preparation passes `prepare_session(approves=…)` the
very states the command line passes. A session that cannot be opened is left out of these lists
(it is said where it is opened: « Séance → Ouvrir »). Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..files.csv_reading import normalize
from ..models.enums import ItemKind, ItemStatus, SessionPhase
from ..models.french import french_date
from ..models.pv_approval import PvReference
from ..store.errors import StoreError
from .unusable_session import UnusableSession, open_verified

if TYPE_CHECKING:
    from ..models.state.session_state import SessionState
    from ..store.repository import SessionSummary, Store


@dataclass(frozen=True)
class StoredChoice:
    """A stored session, opened: its number in the database and its folded state."""

    number: int
    state: SessionState

    @property
    def label(self) -> str:
        """« Séance du conseil municipal — vendredi 20 novembre 2026 (n° 3) »."""
        return f"{self.state.setup.title} — {french_date(self.state.setup.date)} (n° {self.number})"


@dataclass(frozen=True)
class LinkedApproval:
    """A later stored session whose agenda item approves the PV of a session."""

    session: StoredChoice
    item_number: int
    voted: bool  # its vote is closed: the PV of the earlier session is arrêté by it

    @property
    def text(self) -> str:
        return f"point n° {self.item_number} de la séance du {french_date(self.session.state.setup.date)}"


def pv_pending(state: SessionState) -> bool:
    """Levée, its PV neither arrêté nor signed: it awaits the approbation of a later session."""
    minutes = state.minutes
    return state.phase is SessionPhase.CLOSED and not minutes.adopted and not minutes.signatures


def pending_pvs(store: Store) -> list[StoredChoice]:
    """Every stored session whose PV is pending, most recent first."""
    return [choice for choice in _opened(store, store.list_sessions()) if pv_pending(choice.state)]


def of_assembly(choices: Iterable[StoredChoice], name: str, before: date) -> list[StoredChoice]:
    """Those of the assembly called `name` (any case or accents) that sat before `before`, most
    recent first (the one to approve by default)."""
    key = normalize(name)
    kept = [c for c in choices if key and normalize(c.state.assembly.name) == key and c.state.setup.date < before]
    return sorted(kept, key=lambda c: (c.state.setup.date, c.number), reverse=True)


def later_sessions(store: Store, state: SessionState, session_id: int | None = None) -> list[StoredChoice]:
    """The stored sessions of the same assembly after `state`, earliest first: the ones that may have
    arrêté its PV. The same assembly by its identifier, or by its name (any case or accents): a
    session prepared without naming the PV to approve gets an identifier of its own. `session_id`:
    its own number, left out."""
    rows = [row for row in store.list_sessions() if row.session_date > state.setup.date and row.id != session_id]
    key = normalize(state.assembly.name)
    found = [
        c for c in _opened(store, rows) if c.state.assembly.id == state.assembly.id or normalize(c.state.assembly.name) == key
    ]
    return sorted(found, key=lambda c: (c.state.setup.date, c.number))


def linked_approvals(later: Iterable[StoredChoice], state: SessionState) -> list[LinkedApproval]:
    """The items of `later` sessions that approve the PV of `state` (by its date and setup id)."""
    reference = PvReference(state.setup.date, state.setup.id)
    linked = []
    for choice in later:
        for item in choice.state.setup.agenda:
            if item.kind is ItemKind.APPROBATION_PV and item.approves == reference:
                voted = choice.state.items[item.id].status is ItemStatus.VOTED
                linked.append(LinkedApproval(choice, item.number, voted))
    return linked


def later_rows_key(store: Store, state: SessionState) -> tuple:
    """What `later_sessions` depends on, read cheaply (summary columns): a cache key."""
    return tuple((row.id, row.updated_at) for row in store.list_sessions() if row.session_date > state.setup.date)


def _opened(store: Store, rows: Iterable[SessionSummary]) -> list[StoredChoice]:
    opened = []
    for row in rows:
        if row.unusable is not None:
            continue
        try:
            opened.append(StoredChoice(row.id, open_verified(store, row.id).state))
        except (UnusableSession, StoreError):
            continue  # said when it is opened; it can neither be approved nor approve here
    return opened
