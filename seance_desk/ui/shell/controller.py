"""The one door from the widgets to the session: every chair action goes through `act`.

An action is validated by the rules, journaled and durably stored before the screen shows it. A
refused action changes nothing and its French reason goes to the status line and into the
`ActionOutcome` returned to the panel that acted. Undo and redo append
corrections to the journal (the legal record keeps the history); QUndoStack only keeps the books.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...models.commands import Commands
from ...models.decision import RuleViolation
from ...models.engine import Step
from ...models.state.session_state import ALL, Changes, SessionState
from ...service.session import SessionService
from ...service.live_sharing import LiveSharing
from ...startup_collection import collect_at_pause, release_start_up_objects
from ...store import StoreError
from ...store.errors import ServerUnreachable
from . import seal_clock
from .outcome import ActionOutcome
from .seal_clock import SEAL_CHECK_MS  # noqa: F401 — re-exported: how often the window seals
from .undo_consequences import undo_consequence

StepsBuilder = Callable[[Commands], Sequence[Step]]

VERIFYING = "Vérification du journal en cours…"
VERIFIED = "Journal vérifié : chaîne SHA-256 intègre"
OFFLINE = (
    "Connexion au serveur de la séance perdue : aucune action n'est enregistrée tant qu'il ne répond pas. "
    "Reconnexion automatique en cours…"
)
RECONNECTED = "Connexion au serveur rétablie : la séance est à jour."

# The technical log (logs.py): sessions opened, their verification, refusals — what IT asks first.
log = logging.getLogger("seance_desk.fenetre")


class _ActionCommand(QUndoCommand):
    """Bookkeeping for one done action: the seqs it appended, and the corrections that undid it."""

    def __init__(self, label: str, seqs: list[int]):
        super().__init__(label)
        self.seqs = seqs
        self.corrections: list[int] = []
        # QUndoStack calls redo() on push and undo()/redo() on navigation; the controller does the
        # real work first (it can be refused) and these calls only move the stack's index.
        self.skip = True

    def redo(self) -> None:
        self.skip = False

    def undo(self) -> None:
        pass


class SessionController(QObject):
    changed = Signal(object)  # Changes: each panel refreshes what it shows
    message = Signal(str, bool)  # (text, is_error): the status line
    reloaded = Signal()  # a different session or a full reload: every panel rebuilds
    verified = Signal()  # the hash chain of a session opened unverified checked out: actions allowed
    integrity_failed = Signal(str)  # it did not: the store's French message; every action stays refused
    person_changed = Signal(object)  # Account | None: who is signed in at this post changed (issue 14 § 3)
    # The chair's pause (seal_clock.acted), after the service's own work: the panels prepare there
    # what the next action would otherwise pay for (the vote table's cells, vote_model.py).
    paused = Signal()
    _verification_done = Signal(object, object)  # (service, StoreError | None), from the worker thread
    # The shared mode (PostgreSQL, live_link.py): (connected, the banner's French text when not).
    connection_changed = Signal(bool, str)

    def __init__(self, service: SessionService, undo_stack: QUndoStack | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._verifying: SessionService | None = None
        # The shared mode (live_link.py): why actions are refused while the server is out of reach,
        # or while another post holds the chair of this session (read-only); None when neither.
        self.offline_reason: str | None = None
        self.read_only_reason: str | None = None
        self._verification_done.connect(self._on_verification_done)
        service.work_at_pauses = True  # its periodic anchor and undo checkpoint wait for the chair's pause
        seal_clock.watch(self)  # issue 14 § 5: the application's minute, not a timer of this object's (seal_clock.py)
        log.info("Séance n° %s ouverte", service.session_id)

    def switch_to(self, service: SessionService) -> None:
        """Another session: the undo history belongs to the previous one; every panel rebuilds."""
        log.info("Séance n° %s ouverte (à la place de la n° %s)", service.session_id, self.service.session_id)
        # The start-up froze what it built (startup_collection.py): the session left may now be
        # collected, cycles included.
        release_start_up_objects()
        if service.person is None:  # the person signed in stays signed in: another session is no way round the roles
            service.person = self.service.person
        self._seal(closing=True)  # what this post wrote in the session it leaves (issue 14 § 5)
        self.service = service
        service.work_at_pauses = True
        self.undo_stack.clear()
        self.reloaded.emit()
        if not service.verified:
            self.start_verification()

    def seal_if_stale(self) -> None:
        """The timer's minute: the events this post wrote anchored once 10 minutes have passed since
        the last anchor, even if no action follows them (issue 14 § 5). Not while the server is out
        of reach: the next minute tries again."""
        if self.offline_reason is None:
            self._seal(closing=False)

    def at_pause(self) -> None:
        """The chair has paused (seal_clock.acted): the work no action waits for (service/pause_work.py).
        Not while the server is out of reach: the next pause tries again."""
        if self.offline_reason is None:
            self.service.at_pause()
        self.paused.emit()  # the window's own preparations need no server
        collect_at_pause()  # the next key starts with no collection due (startup_collection.py)

    def _seal(self, *, closing: bool) -> None:
        if not self.service.wrote_through_store:
            return  # nothing of this post to seal (and anchoring, not imported, stays so)
        from ...service import anchoring

        (anchoring.seal_at_close if closing else anchoring.seal_if_stale)(self.service)

    # ------------------------------------------------------------------ verification
    @property
    def verification_pending(self) -> bool:
        """Opened with verify=False and not verified yet (nor found altered)."""
        return not self.service.verified and self.service.integrity_error is None

    def blocked_reason(self) -> str | None:
        """Why no action can be performed now (verification under way, an altered journal, the
        server out of reach, another post in the chair), or None."""
        if self.service.verified:
            return self.offline_reason or self.read_only_reason
        error = self.service.integrity_error
        return VERIFYING if error is None else f"Séance refusée : {error}"

    def role_reason(self) -> str | None:
        """Why the person signed in may not do the président's actions (issue 14 § 3), or None: the
        buttons and menus of the séance ask it (ui/shell/refusals.py) to look unavailable before any
        click. The service still checks each action's own steps (a secretary's PV steps pass there)."""
        from ...service.roles import chair_refusal

        refusal = chair_refusal(self.service.person)
        return None if refusal is None else str(refusal)

    def chair_blocked_reason(self) -> str | None:
        """blocked_reason, or else role_reason: why a président's button is greyed out now."""
        return self.blocked_reason() or self.role_reason()

    def change_person(self, person) -> None:
        """Another person signed in at this post (« Changer d'utilisateur… »): the undo history was
        the previous person's (Ctrl+Z undoes one's own actions only); every button asks again."""
        log.info("Séance n° %s : %s connecté(e)", self.service.session_id, person.login if person is not None else "poste unique")
        self.service.person = person
        self.undo_stack.clear()
        self.person_changed.emit(person)
        self.changed.emit(Changes(frozenset({ALL})))

    def start_verification(self) -> None:
        """Verifies the session's hash chain on a worker thread (the GUI thread stays responsive);
        `verified` or `integrity_failed` follows on the GUI thread. Idempotent."""
        service = self.service
        if not self.verification_pending or self._verifying is service:
            return
        self._verifying = service

        def work() -> None:
            try:
                service.verify()
            except StoreError as exc:
                self._verification_done.emit(service, exc)
            except Exception as exc:  # noqa: BLE001 — never let an unexpected failure unlock the session
                self._verification_done.emit(service, StoreError(f"La vérification du journal a échoué : {exc}"))
            else:
                # The store is opened by _on_verification_done once the panels have come back (its
                # import here would hold the interpreter while they refresh, before « usable »).
                self._verification_done.emit(service, None)

        threading.Thread(target=work, name="verification-journal", daemon=True).start()

    def _on_verification_done(self, service: SessionService, error: StoreError | None) -> None:
        if self._verifying is service:
            self._verifying = None
        if service is not self.service:
            return  # the chair opened another session meanwhile
        if error is not None or not service.verified:
            if service.integrity_error is None:
                service.integrity_error = error or StoreError("La vérification du journal a échoué.")
            text = str(service.integrity_error)
            log.error("Séance n° %s refusée à la vérification du journal : %s", service.session_id, text)
            self.message.emit(f"Séance refusée : {text}", True)
            self.integrity_failed.emit(text)
            return
        log.info("Séance n° %s : journal vérifié", service.session_id)
        self.changed.emit(Changes(frozenset({ALL})))  # buttons greyed out while verifying come back
        self.message.emit(VERIFIED, False)
        self.verified.emit()
        # Actions are allowed from now on, through the start-up's appender when the store was not
        # opened yet: the store itself (SQLAlchemy, ≈ 0.25 s of the interpreter) is opened now, on
        # a worker thread, once the panels have come back — not before, or its import would hold
        # the interpreter while they refresh.
        threading.Thread(target=service.finish_opening, name="ouverture-base", daemon=True).start()

    # ------------------------------------------------------------------ reading
    @property
    def state(self) -> SessionState:
        return self.service.state

    @property
    def commands(self) -> Commands:
        return self.service.commands

    def refusal(self, build: StepsBuilder) -> RuleViolation | None:
        """Would this action be refused now? (to grey out a button with its reason). Changes nothing."""
        blocked = self.blocked_reason()
        if blocked is not None:
            return RuleViolation(blocked)
        try:
            return self.service.refused(list(build(self.commands)))
        except RuleViolation as exc:
            return exc

    # ------------------------------------------------------------------ acting
    def act(self, label: str, build: StepsBuilder) -> ActionOutcome:
        """Performs one chair action. The outcome is truthy if done (and durable); refused, it
        carries the French reason also shown on the status line."""
        blocked = self._refuse_if_blocked()
        if blocked is not None:
            return blocked
        try:
            events, changes = self.service.do(list(build(self.commands)))
        except RuleViolation as exc:
            caught_up = getattr(exc, "changes", None)  # ActionOvertaken: another laptop's actions were read in
            if caught_up is not None:
                self.changed.emit(caught_up)
            return self._refused(str(exc), caught_up)
        except StoreError as exc:
            self._went_offline_if_unreachable(exc)
            return self._refused(f"Action non enregistrée : {exc}")
        seqs = [e.seq for e in events]
        if events:
            self.undo_stack.push(_ActionCommand(label, seqs))
            seal_clock.acted(self)
        self.changed.emit(changes)
        self.message.emit(label, False)
        return ActionOutcome.performed(changes, seqs)

    # ------------------------------------------------------------------ the shared mode (live_link.py)
    def take_in_others_actions(self) -> int:
        """Folds in what the other posts appended (a notice from the server); the panels refresh
        only what those events changed. Returns how many events came."""
        try:
            count, changes = LiveSharing.catch_up(self.service)
        except StoreError as exc:
            self._went_offline_if_unreachable(exc)
            return 0
        if changes is not None:
            log.info("Séance n° %s : %d événement(s) reçu(s) d'un autre poste", self.service.session_id, count)
            self.changed.emit(changes)
        return count

    def set_connection(self, connected: bool, reason: str = "") -> None:
        """The server is lost (every action refused, the banner says so) or back (caught up first)."""
        if connected:
            was_offline, self.offline_reason = self.offline_reason is not None, None
            self.take_in_others_actions()
            if was_offline:
                log.info("Connexion au serveur rétablie")
                self.connection_changed.emit(True, "")
                self.message.emit(RECONNECTED, False)
            return
        text = OFFLINE + (f" ({reason})" if reason else "")
        if self.offline_reason is None:
            log.warning("Connexion au serveur perdue : %s", reason)
        self.offline_reason = text
        self.connection_changed.emit(False, text)

    def set_read_only(self, reason: str | None) -> None:
        """Another post holds the chair of this session (reason), or this window does (None)."""
        self.read_only_reason = reason
        if reason is not None:
            self.message.emit(reason, True)
        self.changed.emit(Changes(frozenset({ALL})))  # buttons greyed out (or back) with the reason

    def _went_offline_if_unreachable(self, exc: StoreError) -> None:
        if isinstance(exc, ServerUnreachable):
            self.set_connection(False)

    def _refused(self, reason: str, changes: Changes | None = None) -> ActionOutcome:
        """Says why on the status line, and returns the same reason to the caller."""
        log.info("Refus : %s", reason)
        self.message.emit(reason, True)
        return ActionOutcome.refused(reason, changes)

    def _refuse_if_blocked(self) -> ActionOutcome | None:
        blocked = self.blocked_reason()
        return self._refused(blocked) if blocked is not None else None

    def undo_label(self) -> str | None:
        """The name of the action Ctrl+Z would undo (« Clôture du vote sur le point n° 4 »), or None."""
        return self.undo_stack.undoText() if self.undo_stack.canUndo() else None

    def redo_label(self) -> str | None:
        return self.undo_stack.redoText() if self.undo_stack.canRedo() else None

    def undo_consequence(self) -> str | None:
        """What undoing the last action would reopen (a vote closed, the séance levée, a unanimity),
        for the window to confirm first; None for a light correction or nothing to undo."""
        if not self.undo_stack.canUndo():
            return None
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        assert isinstance(command, _ActionCommand)
        return undo_consequence(self.state, command.seqs)

    def undo(self) -> ActionOutcome:
        blocked = self._refuse_if_blocked()
        if blocked is not None:
            return blocked
        if not self.undo_stack.canUndo():
            return self._refused("Rien à annuler")
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        assert isinstance(command, _ActionCommand)
        outcome = self._correct(command.seqs, f"Annulation : {command.text()}")
        if outcome:
            command.corrections = list(outcome.events)
            self.undo_stack.undo()
        return outcome

    def redo(self) -> ActionOutcome:
        blocked = self._refuse_if_blocked()
        if blocked is not None:
            return blocked
        if not self.undo_stack.canRedo():
            return self._refused("Rien à rétablir")
        command = self.undo_stack.command(self.undo_stack.index())
        assert isinstance(command, _ActionCommand)
        # Cancelling the corrections brings the original events back (a correction of a correction).
        outcome = self._correct(command.corrections, f"Rétablissement : {command.text()}")
        if outcome:
            # The original events are effective again; undoing once more cancels them anew.
            self.undo_stack.redo()
        return outcome

    def _correct(self, seqs: list[int], label: str) -> ActionOutcome:
        try:
            events, changes = self.service.do(self.commands.undo_action(seqs, reason=label))
        except RuleViolation as exc:
            return self._refused(f"{label} impossible : {exc}")
        except StoreError as exc:
            self._went_offline_if_unreachable(exc)
            return self._refused(f"{label} non enregistrée : {exc}")
        seal_clock.acted(self)
        # The areas of the events the correction cancelled or restored, not everything.
        self.changed.emit(changes)
        self.message.emit(label, False)
        return ActionOutcome.performed(changes, (e.seq for e in events))
