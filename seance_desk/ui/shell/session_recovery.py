"""When the session to open turns out unusable — at start-up (it no longer replays, or the store
found it altered) or right after the first paint (its hash chain is broken) — the window must still
open: the reason is said in French (naming the event), the session is set aside so that the next
start does not stumble on it again, and the chair picks another stored session or gets a new
demonstration. Only the database itself failing (it cannot be read at all) leaves nothing to open.

Messages and the choice go through the injected DialogService, so tests answer them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...tools.live_demo import store_live_demo
from ...service.unusable_session import UnusableSession, open_verified
from .session_list import session_line

if TYPE_CHECKING:
    from ...service.session import SessionService
    from ...store.repository import Store
    from .dialogs import DialogService

UNUSABLE_TITLE = "Séance inutilisable"
CHOOSE_TITLE = "Choisir une séance"
CHOOSE_LABEL = "Séance à ouvrir :"
DEMO_CHOICE = "Nouvelle séance de démonstration"


class SessionRecovery:
    def __init__(self, store: Store, dialogs: DialogService, demo_members: int = 33):
        self.store = store
        self.dialogs = dialogs
        self.demo_members = demo_members

    def replace(self, failure: UnusableSession) -> SessionService:
        """Sets the unusable session aside, says why, and returns the session to open instead.
        Raises StoreError only if the database itself fails (listing, storing a demo)."""
        self.set_aside(failure)
        self.dialogs.error(UNUSABLE_TITLE, str(failure))
        return self.choose_another()

    def set_aside(self, failure: UnusableSession) -> None:
        """Marks it unusable in the store, with the reason: every later list says so, and the next
        start does not reopen it (it stops being the last session opened)."""
        if failure.session_id is not None:
            self.store.mark_unusable(failure.session_id, failure.reason, failure.seq)

    def choose_another(self) -> SessionService:
        """The session the chair picks among the usable ones, opened with its chain verified; a new
        demonstration if there is none, or if the chair picks it or cancels (a window must open)."""
        while True:
            rows = [row for row in self.store.list_sessions() if row.unusable is None]
            if not rows:
                return self._open(store_live_demo(self.store, self.demo_members))
            index = self.dialogs.choose(CHOOSE_TITLE, CHOOSE_LABEL, [*map(session_line, rows), DEMO_CHOICE])
            if index is None or not 0 <= index < len(rows):
                return self._open(store_live_demo(self.store, self.demo_members))
            try:
                return self._open(rows[index].id)
            except UnusableSession as failure:  # picked one is unusable too: say so, offer the rest
                self.set_aside(failure)
                self.dialogs.error(UNUSABLE_TITLE, str(failure))

    def _open(self, session_id: int) -> SessionService:
        service = open_verified(self.store, session_id)
        self.store.set_last_session_id(session_id)  # the one the next start opens
        return service
