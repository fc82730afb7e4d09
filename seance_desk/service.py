"""The service layer: one call per chair action. It loads a stored session into the domain engine
and makes every action durable before it is acknowledged. The CLI and the UI both go through it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models.assembly import Assembly
from .models.commands import Commands
from .models.decision import RuleViolation
from .models.engine import Clock, SessionEngine, Step, utc_now
from .models.journal import Event
from .models.session_setup import SessionSetup
from .models.state.session_state import Changes, SessionState
from .store import Store, StoreError


class SessionService:
    def __init__(self, store: Store, session_id: int, clock: Clock = utc_now):
        """Loads and verifies the session. Raises StoreError (French) if it cannot be trusted."""
        self.store = store
        self.session_id = session_id
        self._clock = clock
        self.engine = self._load()
        self.commands = Commands(self.engine)

    @classmethod
    def create(cls, store: Store, assembly: Assembly, setup: SessionSetup, clock: Clock = utc_now) -> SessionService:
        return cls(store, store.create_session(assembly, setup), clock=clock)

    @property
    def state(self) -> SessionState:
        return self.engine.state

    def do(self, steps: Sequence[Step]) -> tuple[list[Event], Changes]:
        """Validates and applies one action, stores it durably, then returns its events and what
        changed. RuleViolation (refused) or StoreError (not stored): nothing has changed."""
        return self.engine.execute(steps, persist=self._persist)

    def refused(self, steps: Sequence[Step]) -> RuleViolation | None:
        return self.engine.refused(steps)

    def reload(self) -> None:
        """Re-reads the session from the store, e.g. after another laptop appended to it."""
        self.engine = self._load()
        self.commands = Commands(self.engine)

    def _persist(self, events: list[Event]) -> None:
        self.store.append_events(self.session_id, events)

    def _load(self) -> SessionEngine:
        stored = self.store.load_session(self.session_id)
        try:
            return SessionEngine(stored.assembly, stored.setup, stored.events, clock=self._clock, genesis=stored.genesis)
        except RuleViolation as exc:
            # Every hash checks out, yet the rules refuse an event: written outside the application.
            raise StoreError(f"La séance n° {self.session_id} ne peut pas être rejouée : {exc}") from exc
