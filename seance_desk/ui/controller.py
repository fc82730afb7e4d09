"""The one door from the widgets to the session: every chair action goes through `act`.

An action is validated by the rules, journaled and durably stored before the screen shows it. A
refused action changes nothing and its French reason goes to the status line. Undo and redo append
corrections to the journal (the legal record keeps the history); QUndoStack only keeps the books.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..models.commands import Commands
from ..models.decision import RuleViolation
from ..models.engine import Step
from ..models.state.session_state import ALL, Changes, SessionState
from ..service import SessionService
from ..store import StoreError

StepsBuilder = Callable[[Commands], Sequence[Step]]


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

    def __init__(self, service: SessionService, undo_stack: QUndoStack | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)

    def switch_to(self, service: SessionService) -> None:
        """Another session: the undo history belongs to the previous one; every panel rebuilds."""
        self.service = service
        self.undo_stack.clear()
        self.reloaded.emit()

    # ------------------------------------------------------------------ reading
    @property
    def state(self) -> SessionState:
        return self.service.state

    @property
    def commands(self) -> Commands:
        return self.service.commands

    def refusal(self, build: StepsBuilder) -> RuleViolation | None:
        """Would this action be refused now? (to grey out a button with its reason). Changes nothing."""
        try:
            return self.service.refused(list(build(self.commands)))
        except RuleViolation as exc:
            return exc

    # ------------------------------------------------------------------ acting
    def act(self, label: str, build: StepsBuilder) -> bool:
        """Performs one chair action. Returns True if done (and durable), False if refused."""
        try:
            events, changes = self.service.do(list(build(self.commands)))
        except RuleViolation as exc:
            self.message.emit(str(exc), True)
            return False
        except StoreError as exc:
            self.message.emit(f"Action non enregistrée : {exc}", True)
            return False
        if events:
            self.undo_stack.push(_ActionCommand(label, [e.seq for e in events]))
        self.changed.emit(changes)
        self.message.emit(label, False)
        return True

    def undo(self) -> bool:
        if not self.undo_stack.canUndo():
            self.message.emit("Rien à annuler", True)
            return False
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        assert isinstance(command, _ActionCommand)
        done = self._correct(command.seqs, f"Annulation : {command.text()}")
        if done is None:
            return False
        command.corrections = done
        self.undo_stack.undo()
        return True

    def redo(self) -> bool:
        if not self.undo_stack.canRedo():
            self.message.emit("Rien à rétablir", True)
            return False
        command = self.undo_stack.command(self.undo_stack.index())
        assert isinstance(command, _ActionCommand)
        # Cancelling the corrections brings the original events back (a correction of a correction).
        done = self._correct(command.corrections, f"Rétablissement : {command.text()}")
        if done is None:
            return False
        # The original events are effective again; undoing once more cancels them anew.
        self.undo_stack.redo()
        return True

    def _correct(self, seqs: list[int], label: str) -> list[int] | None:
        try:
            events, _ = self.service.do(self.commands.undo_action(seqs, reason=label))
        except RuleViolation as exc:
            self.message.emit(f"{label} impossible : {exc}", True)
            return None
        except StoreError as exc:
            self.message.emit(f"{label} non enregistrée : {exc}", True)
            return None
        self.changed.emit(Changes(frozenset({ALL})))
        self.message.emit(label, False)
        return [e.seq for e in events]
