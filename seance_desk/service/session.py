"""The service layer: one call per chair action. It loads a stored session into the domain engine
and makes every action durable before it is acknowledged. The CLI and the UI both go through it.

Two posts on one database (the président's and the secrétaire's laptops): when this post's append
is refused because the other one wrote first (JournalMoved), the service reads the events it has
not seen, applies them, and runs the same action again on the state caught up — or says, in
French, why it is no longer possible (ActionOvertaken). That part is in catching_up.py; the
secretary's texts of the PV in pv_texts.py. SessionService inherits both.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..models.assembly import Assembly
from ..models.commands import Commands
from ..models.decision import RuleViolation
from ..models.engine import Clock, SessionEngine, Step, utc_now
from ..models.journal import Event
from ..models.session_setup import SessionSetup
from ..models.state.session_state import Changes, SessionState
from ..store.errors import JournalMoved, StoreError
from ..store.integrity import StoredSession, verify_stored_chain
from . import pv_approval, roles
from .catching_up import ActionOvertaken, CatchingUp  # noqa: F401 — re-exported: ActionOvertaken
from .pv_texts import PvTexts
from . import state_saving

if TYPE_CHECKING:
    from pathlib import Path

    from ..models.state.resume import ResumePoint
    from ..store.accounts import Account
    from ..store.quick_append import QuickAppend
    from ..store.repository import Store


@functools.cache
def _anchoring():
    """service/anchoring.py, imported by the first action, not at start-up (it loads the signing
    code); then one call, where an import statement on every action cost a few microseconds."""
    from . import anchoring

    return anchoring


def preload_anchoring() -> None:
    """What the first action of a session would import, loaded beforehand (the window's preload
    thread, ui/shell/preload.py): the anchoring code, and the signing code behind
    the installation's key that its first anchor loads (cryptography's x509 and PKCS#12, asn1crypto).
    Measured on the 240-member session: the first action took 96 ms, the next ones under 1 ms."""
    _anchoring()
    from ..documents.signing import anchor_keys, sign  # noqa: F401 — anchor_keys.current_signer's


class SessionService(CatchingUp, PvTexts):
    def __init__(self, store: Store, session_id: int, clock: Clock = utc_now, verify: bool = True):
        """Loads and verifies the session. Raises StoreError (French) if it cannot be trusted.

        With verify=False (the window's startup, to paint sooner) the journal is folded, hence every
        event's legality checked, but its hash chain is not verified yet: `verified` stays False and
        every action is refused until `verify()` has succeeded."""
        self._setup(session_id, clock, store=store)
        self.engine = self._load(verify)
        self.commands = Commands(self.engine, self._first_register_number)

    @classmethod
    def from_quick_read(
        cls,
        session_id: int,
        stored: StoredSession,
        open_store: Callable[[], Store],
        clock: Clock = utc_now,
        texts: Sequence[tuple[str, str]] | None = None,
        open_appender: Callable[[], QuickAppend] | None = None,
        resume_from: ResumePoint | None = None,
        database: Path | None = None,
        rows: Sequence[tuple] | None = None,
        vouched: tuple[int, str] | None = None,
        vouched_anchors: tuple[int, str] | None = None,
    ) -> SessionService:
        """The window's start-up: a session read by store.quick_read (its chain not verified), and
        the store not opened yet (SQLAlchemy not even imported). `verify()` checks the chain on the
        verification's worker thread; until it has succeeded every action is refused, as with
        verify=False. `texts` (quick_read.QuickRead's) make that check cheaper
        (integrity.verify_stored_chain).

        With `open_appender`, the verification then opens the start-up's appender
        (store.quick_append, standard library only) and actions are allowed at once, appended
        through it; `finish_opening()`, on the same worker thread, opens the store with
        `open_store` and hands the appends over to it. Without, the verification opens the store.

        `resume_from`: the state saved at the last close (store/state_checkpoint.py, read from beside
        `database`), so that only the events after it are folded; the chain is verified all the same.
        `database`: where the state is saved again when this service closes. `rows` and `vouched`:
        the rows read and what that saved state says of them, so that the verification re-hashes
        only the events after it when they match (integrity.verify_stored_chain); `vouched_anchors`,
        what it says of the anchors' signatures (anchors_check.check_anchors_in_file)."""
        service = cls.__new__(cls)
        service._setup(session_id, clock, open_store=open_store)
        service._open_appender = open_appender
        service.checkpoint_database = database
        service.engine = service._engine_of(stored, resume_from)
        service._unverified = stored
        service._unverified_texts = texts
        service._unverified_rows = (rows, vouched)
        service._vouched_anchors = vouched_anchors
        service.commands = Commands(service.engine, service._first_register_number)
        return service

    def _setup(self, session_id: int, clock: Clock, *, store: Store | None = None, open_store: Callable[[], Store] | None = None) -> None:
        self.session_id = session_id
        self._clock = clock
        self._store = store
        self._open_store = open_store
        self._store_lock = threading.Lock()  # the worker thread and the GUI thread may both ask first
        # Until the store takes over: the start-up's appender (see from_quick_read). Swapped, used
        # and closed under the append lock, so that no append is in flight while the writer changes.
        self._open_appender: Callable[[], QuickAppend] | None = None
        self._quick_append: QuickAppend | None = None
        self._appended_before_store: list[Event] = []  # through the appender, not anchored yet
        self._append_lock = threading.Lock()
        self._closed = False
        self._unverified: StoredSession | None = None
        self._unverified_texts: Sequence[tuple[str, str]] | None = None
        self._unverified_rows: tuple[Sequence[tuple] | None, tuple[int, str] | None] = (None, None)
        self._vouched_anchors: tuple[int, str] | None = None
        # The stored texts of the journal's first events, once verified: the next start's checkpoint
        # vouches for their rows with them (state_saving.py, store/rows_digest.py).
        self.verified_texts: Sequence[tuple[str, str]] | None = None
        self.integrity_error: StoreError | None = None  # set if verify() found the journal altered
        # The SQLite file beside which the state is saved at close (store/state_checkpoint.py), when
        # the store is not open to say it; None: the store's file, if any.
        self.checkpoint_database: Path | None = None
        # Who is signed in (issue 14 § 3, service/roles.py); None: a « poste unique », everything allowed.
        self.person: Account | None = None
        # The revision of each secretary's text as last read (minutes_text_revisions) or saved here:
        # what a save without an explicit base_revision is based on.
        self._text_revisions: dict[str, int] = {}
        # The window's service: the periodic anchor and the undo's checkpoint wait for the chair's
        # pause (at_pause, pause_work.py) instead of riding on an action. False: done in the actions.
        self.work_at_pauses = False

    @property
    def store(self) -> Store:
        """The store, opened on first use when the session came from the start-up's quick read.
        Raises StoreError if it cannot be opened."""
        if self._store is None:
            with self._store_lock:
                if self._store is None:
                    assert self._open_store is not None
                    self._store = self._open_store()
        return self._store

    def close(self) -> None:
        """Closes the store, if it was opened: its WAL is checkpointed into the database file (see
        Store.close); or the start-up's appender if the store never took over, which does the same.
        Safe to call more than once. The events this service wrote that no anchor covers yet are
        anchored first (issue 14 § 5, anchoring.seal_at_close)."""
        with self._append_lock:
            quick, self._quick_append = self._quick_append, None
            already_closed, self._closed = self._closed, True
        if not already_closed:
            from .state_saving import save_now  # issue 8: the next start folds only what follows

            save_now(self)
        if quick is not None:
            quick.close(checkpoint=self._store is None)
        if self._store is not None:
            if not already_closed and self.wrote_through_store:
                from . import anchoring

                anchoring.seal_at_close(self)
            self._store.close()

    @property
    def wrote_through_store(self) -> bool:
        """Whether this service appended events through its store (anchoring.after_append then made
        its anchorer): what it wrote is its own to seal (issue 14 § 5). Also tells that the
        anchoring module is loaded already, so that asking costs nothing at start-up."""
        return "_anchorer" in self.__dict__

    def finish_opening(self) -> None:
        """After a verification that opened the start-up's appender: opens the store (SQLAlchemy,
        about 0.25 s: call it off the GUI thread) and hands the appends over to it. If the store
        cannot be opened, the appends go on through the appender, and whatever needs the store
        says why (StoreError) when it asks for it. Never raises."""
        if self._quick_append is None:
            return
        try:
            self.store  # noqa: B018 — opened here, off the GUI thread
        except Exception:  # noqa: BLE001 — said by the next use of the store, on the thread that needs it
            return
        with self._append_lock:
            quick, self._quick_append = self._quick_append, None
            closed = self._closed
        if quick is not None:
            quick.close(checkpoint=False)  # the store checkpoints at its own close
        if closed and self._store is not None:
            self._store.close()  # the service was closed while the store was opening
            return
        # The actions made through the appender (an opening, a levée among them?) are anchored now.
        pending, self._appended_before_store = self._appended_before_store, []
        self._anchor_if_due(pending)

    @property
    def verified(self) -> bool:
        return self._unverified is None and self.integrity_error is None

    def verify(self) -> None:
        """Verifies the hash chain left unchecked by verify=False, then opens the store if it is not
        yet. Raises StoreError (French, naming the first faulty event), after which the session
        refuses every action for good. It may run on a worker thread: the journal cannot grow
        meanwhile, since every action is refused until this succeeds."""
        stored = self._unverified
        if stored is None:
            if self.integrity_error is not None:
                raise self.integrity_error
            return
        try:
            verify_stored_chain(self.session_id, stored, self._unverified_texts, *self._unverified_rows)
            if self._open_appender is not None and self._store is None:
                # Actions allowed without SQLAlchemy: finish_opening() brings the store in afterwards.
                # The anchors are checked first, read with the standard library (issue 14 § 5).
                from ..store.anchors_check import check_anchors_in_file

                appender = self._open_appender()
                try:
                    check_anchors_in_file(appender.database, appender.where, self.session_id, stored, self._vouched_anchors)
                except BaseException:
                    appender.close()
                    raise
                self._quick_append = appender
            else:
                self.store  # noqa: B018 — opened here, off the GUI thread, before the first action needs it
                self.store.check_anchors(self.session_id, stored)  # issue 14 § 5: the signed heads still match
        except StoreError as exc:
            self.integrity_error = exc
            raise
        self.verified_texts = self._unverified_texts
        self._unverified = self._unverified_texts = None
        self._unverified_rows = (None, None)

    @classmethod
    def create(cls, store: Store, assembly: Assembly, setup: SessionSetup, clock: Clock = utc_now) -> SessionService:
        return cls(store, store.create_session(assembly, setup), clock=clock)

    @property
    def state(self) -> SessionState:
        return self.engine.state

    def do(self, steps: Sequence[Step]) -> tuple[list[Event], Changes]:
        """Validates and applies one action, stores it durably, then returns its events and what
        changed. RuleViolation (refused) or StoreError (not stored): nothing has changed."""
        if not self.verified:
            raise self.integrity_error or StoreError("Vérification du journal en cours… : l'action n'a pas été enregistrée.")
        steps = list(steps)
        if (denied := roles.action_refusal(self.person, steps)) is not None:
            raise denied  # before the engine: the role may not do this at all
        self.engine.actor = self.person.login if self.person is not None else None  # every event names who did it
        # The vote of an « approbation du procès-verbal » item arrêtes the PV of a previous session:
        # refused here if that session's journal would refuse it (issue 9 § 6).
        previous: dict[str, SessionService] = {}  # the sessions S checked here, reused for their arrêté
        for item_id in pv_approval.approval_items(self.state, steps):
            if (why := pv_approval.refusal(self, item_id, previous)) is not None:
                raise why
        # The engine may have been replaced (a reload, a catch-up): told at each action.
        self.engine.checkpoint_at_pauses = self.work_at_pauses
        try:
            done = self.engine.execute(steps, persist=self._persist)
        except JournalMoved:
            done = self._retry_caught_up(steps)
        self._arrete_approved(done[0], previous)
        if done[0]:
            state_saving.save_if_due(self, done[0])  # at the levée, and every so many events
        return done

    def at_pause(self) -> None:
        """The chair has paused (the window's pause clock): the work that need not ride on an action
        (pause_work.py). Never raises."""
        from .pause_work import at_pause

        at_pause(self)

    def _arrete_approved(self, created: list[Event], previous: dict[str, SessionService]) -> None:
        try:
            pv_approval.arrete_after(self, created, previous)
        except (RuleViolation, StoreError) as exc:
            # This session's action is stored; only the other journal's arrêté is missing.
            raise StoreError(
                f"Le vote est enregistré, mais l'arrêté du procès-verbal approuvé n'a pas pu être inscrit dans le journal "
                f"de sa séance : {exc}. Réessayez (arrete_pending_pvs)."
            ) from exc

    def arrete_pending_pvs(self) -> int:
        """Writes the arrêtés of the PVs this session approved that are not yet in their session's
        journal (after a failure of the second write); returns how many."""
        return pv_approval.arrete_pending(self)

    def refused(self, steps: Sequence[Step]) -> RuleViolation | None:
        steps = list(steps)
        if (denied := roles.action_refusal(self.person, steps)) is not None:
            return denied
        for item_id in pv_approval.approval_items(self.state, steps):
            if (why := pv_approval.refusal(self, item_id)) is not None:
                return why
        return self.engine.refused(steps)

    def _first_register_number(self) -> int:
        """The levée's numbering (Commands.close_session): the next free rank of the assembly's
        register this year, after its other sessions' numbers (Store.next_register_number)."""
        state = self.state
        return self.store.next_register_number(state.assembly.id, state.session_date.year, excluding=self.session_id)

    def reload(self) -> None:
        """Re-reads the session from the store, e.g. after another laptop appended to it."""
        self.engine = self._load(True)
        self._unverified = self._unverified_texts = self.verified_texts = None  # the events read again: their texts unknown
        self.integrity_error = None
        self.commands = Commands(self.engine, self._first_register_number)

    def _persist(self, events: list[Event]) -> None:
        with self._append_lock:
            quick = self._quick_append
            if quick is not None:
                quick.append(self.session_id, events)
                # Anchored once the store takes over (finish_opening): anchors live in the store.
                self._appended_before_store.extend(events)
                return
        _anchoring().append_and_anchor(self, events)  # with the anchor due, in the same transaction where it can

    def _anchor_if_due(self, events: Sequence[Event]) -> None:
        """Issue 14 § 5: the head signed at the opening, the levée, each PV signature and now and then
        (service/anchoring.py); never fails the action, already durable. Imported here: not at start-up."""
        from . import anchoring

        anchoring.after_append(self, events)

    def _load(self, verify: bool) -> SessionEngine:
        stored = self.store.load_session(self.session_id, verify=verify)
        engine = self._engine_of(stored)
        if not verify:
            self._unverified = stored
        return engine

    def _engine_of(self, stored: StoredSession, resume_from: ResumePoint | None = None) -> SessionEngine:
        if resume_from is not None:
            try:
                return SessionEngine(stored.assembly, stored.setup, stored.events, clock=self._clock, genesis=stored.genesis, resume_from=resume_from)
            except Exception:  # noqa: BLE001 — whatever went wrong from the saved state, the whole fold below says it, as always
                pass
        try:
            engine = SessionEngine(stored.assembly, stored.setup, stored.events, clock=self._clock, genesis=stored.genesis)
        except RuleViolation as exc:
            # Every hash checks out, yet the rules refuse an event: written outside the application.
            raise StoreError(f"La séance n° {self.session_id} ne peut pas être rejouée : {exc}") from exc
        return engine
