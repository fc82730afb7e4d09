"""The chair's real actions in the window, each from its trigger to the panels repainted (issue 11).

On the 240-member / 80-item session, item after item: put it to discussion (Entrée in the agenda),
give the floor (F5) and end it (F6), open the vote (Ctrl+Shift+V), a global count (Entrée in the
count's fields), « unanimité » (Ctrl+Shift+U, 237 ballots), close the vote (Ctrl+Shift+Return);
each one undone with Ctrl+Z (timed apart) and redone with Ctrl+Y (not timed: the redo is the
roll-call bench's `ui_undo_ms` already). Every key goes through QTest to the very widget the chair
uses, so the shortcut's context, the controller, the store and every panel's refresh are in the
time, up to the event loop idle with every widget the action changed repainted (`settle`): what the
chair sees. Each action is checked to have happened: a key that does nothing would time an empty
event loop. A full repaint of the whole window follows, timed apart: the former, harsher measure
(every panel repainted, changed or not) is kept as `full_repaint` for comparison.

The floor, measured in the same run between the actions: the same full repaint with nothing
changed (`repaint_floor`).

After each key the chair's pause, as the window's pause clock has it (service/pause_work.py: the
periodic anchor, the undo's checkpoint), run at once rather than PAUSE_MS later, and not timed: no
key waits for it. A real chair pauses between two keys; the pause clock is stopped so that it never
fires inside a later key's time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# The kinds reported, in the order the chair meets them; each has its « annulation : … » too.
ACTIONS = (
    "mise en discussion",
    "parole donnée",
    "fin d'intervention",
    "ouverture du vote",
    "décompte global",
    "unanimité",
    "clôture du vote",
)
UNDONE_PREFIX = "annulation : "


def settle(app) -> None:
    """Until the event loop is idle: the posted events (layout requests, then the update requests
    Qt posts for every widget marked dirty) delivered, so the changed widgets are painted. Twice:
    a layout done in the first pass posts the repaint of what it moved."""
    app.processEvents()
    app.sendPostedEvents()
    app.processEvents()


class _Timer:
    """Keys to the window and times them to the repaint; the service's own share is kept apart."""

    def __init__(self, app, window):
        self.app = app
        self.window = window
        self.samples: dict[str, list[float]] = {}
        self.service_ms: dict[str, list[float]] = {}
        # The GUI thread's own CPU time for each action: what other processes on a shared machine
        # do not inflate (the wall time is what the chair sees; both are reported).
        self.cpu_ms: dict[str, list[float]] = {}
        self.full_repaint: dict[str, list[float]] = {}  # the same, plus a repaint of the whole window
        self.recording = False
        self._in_service = 0.0
        service = window.controller.service
        real_do = service.do

        def timed_do(*args, **kwargs):  # the store and the rules: what the GUI thread cannot avoid
            start = time.perf_counter()
            try:
                return real_do(*args, **kwargs)
            finally:
                self._in_service += time.perf_counter() - start

        service.do = timed_do

    def key(self, name: str, widget, key, modifiers, check: Callable[[], bool]) -> None:
        from PySide6.QtTest import QTest

        self._in_service = 0.0
        cpu = time.thread_time()
        start = time.perf_counter()
        QTest.keyClick(widget, key, modifiers)
        settle(self.app)
        elapsed = (time.perf_counter() - start) * 1000
        cpu = (time.thread_time() - cpu) * 1000
        self.window.repaint()
        full = (time.perf_counter() - start) * 1000
        if not check():
            raise RuntimeError(f"« {name} » n'a pas été pris en compte : mesure invalide")
        self._pause()
        if self.recording:
            self.samples.setdefault(name, []).append(elapsed)
            self.full_repaint.setdefault(name, []).append(full)
            self.service_ms.setdefault(name, []).append(self._in_service * 1000)
            self.cpu_ms.setdefault(name, []).append(cpu)

    def _pause(self) -> None:
        from ..ui.shell import seal_clock

        seal_clock.pause_now()

    def undo(self, name: str, check: Callable[[], bool]) -> None:
        from PySide6.QtCore import Qt

        self.key(UNDONE_PREFIX + name, self.window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, check)

    def redo(self, name: str, check: Callable[[], bool]) -> None:
        from PySide6.QtCore import Qt

        self.key("rétablissement : " + name, self.window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier, check)

    def floor(self) -> None:
        cpu = time.thread_time()
        start = time.perf_counter()
        self.app.processEvents()
        self.window.repaint()
        if self.recording:
            self.samples.setdefault("repaint_floor", []).append((time.perf_counter() - start) * 1000)
            self.cpu_ms.setdefault("repaint_floor", []).append((time.thread_time() - cpu) * 1000)


def run_item_cycle(timer: _Timer, item_id: str) -> None:
    """One item, from its mise en discussion to its vote closed, every action undone and redone."""
    from PySide6.QtCore import Qt

    window = timer.window
    state = lambda: window.controller.state  # noqa: E731 — read anew after each action
    status = lambda: state().items[item_id].status.name  # noqa: E731
    current = state().current_item
    if current is not None and current.status.name == "OPEN":
        window.agenda_panel.close_item(current.id)  # the previous item's discussion, untimed

    none = Qt.KeyboardModifier.NoModifier
    agenda = window.agenda_panel
    window.docks["agenda"].raise_()
    agenda.select(item_id)
    agenda.view.setFocus()
    settle(timer.app)  # the set-up's own repaints (the dock raised, the focus moved) are not the action's
    _cycle(timer, "mise en discussion", (agenda.view, Qt.Key.Key_Return, none), lambda: status() == "OPEN", lambda: status() != "OPEN")

    # The floor: a raised hand (untimed, typed by name), F5 to give it, F6 to end it. Whoever
    # still speaks from before is ended first (untimed), so that F5 is one grant.
    speakers = window.speaker_panel
    if state().speakers.current is not None:
        window.controller.act("Fin d'intervention", lambda c: c.end_floor())
    member = _speaker_for(state())
    window.controller.act("Demande de parole", lambda c: c.raise_hand(member))
    speaking = lambda: state().speakers.current is not None  # noqa: E731
    speakers.queue_view.clearSelection()
    window.vote_panel.setFocus()
    settle(timer.app)  # the agenda's table repainted for the focus it lost is not the floor's
    _cycle(timer, "parole donnée", (window, Qt.Key.Key_F5, none), speaking, lambda: not speaking())
    _cycle(timer, "fin d'intervention", (window, Qt.Key.Key_F6, none), lambda: not speaking(), speaking)

    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    vote = window.vote_panel
    window.central_tabs.setCurrentWidget(vote)
    settle(timer.app)
    _cycle(timer, "ouverture du vote", (window, Qt.Key.Key_V, shift), lambda: status() == "VOTING", lambda: status() == "OPEN")

    # A global count typed in its fields (untimed), saved with Entrée; undone, so that the
    # unanimity that follows finds no vote entered.
    counted = lambda: state().items[item_id].vote.counts is not None  # noqa: E731
    vote.show_counts()
    eligible = len(state().eligible_voters(state().items[item_id]))
    vote.set_counts(eligible - 2, 1, 1)
    timer.key("décompte global", vote.count_spins["pour"], Qt.Key.Key_Return, none, counted)
    timer.undo("décompte global", lambda: not counted())

    ballots = lambda: len(state().items[item_id].vote.ballots)  # noqa: E731
    _cycle(timer, "unanimité", (window, Qt.Key.Key_U, shift), lambda: ballots() > 0, lambda: ballots() == 0)
    _cycle(timer, "clôture du vote", (window, Qt.Key.Key_Return, shift), lambda: status() == "VOTED", lambda: status() == "VOTING")


def _cycle(timer: _Timer, name: str, trigger: tuple, done: Callable[[], bool], undone: Callable[[], bool]) -> None:
    """The action's key (widget, key, modifiers), then its Ctrl+Z and Ctrl+Y, each checked."""
    timer.key(name, *trigger, done)
    timer.floor()
    timer.undo(name, undone)
    timer.redo(name, done)


def _speaker_for(state) -> str:
    """A seated member who is neither the chair nor already in the queue."""
    waiting = {state.speakers.requests[r].member_id for r in state.speakers.queue}
    return next(m for m in state.roll.seated_ids() if m != state.setup.chair_id and m not in waiting)


def pending_items(state) -> list[str]:
    from ..models.enums import ItemKind, ItemStatus

    return [i for i, item in state.items.items() if item.status is ItemStatus.PENDING and item.item.kind is ItemKind.ORDINARY]


def chair_actions_ms(app, window, items: int = 24, warm_up: int = 2) -> tuple[dict[str, list[float]], ...]:
    """Runs `items` item cycles after `warm_up` untimed ones; the samples by kind (wall ms), the
    service's share of each (ms), the GUI thread's CPU time for each (ms) and the wall time with a
    full repaint of the window after each (ms)."""
    from ..ui.shell.dialogs import ScriptedDialogs

    if not isinstance(window.dialogs, ScriptedDialogs):
        raise RuntimeError("le banc répond aux questions de la fenêtre : ScriptedDialogs attendu")
    timer = _Timer(app, window)
    queue = pending_items(window.controller.state)
    if len(queue) < items + warm_up:
        raise RuntimeError(f"pas assez de points à venir pour le banc : {len(queue)}")
    for turn, item_id in enumerate(queue[: items + warm_up]):
        timer.recording = turn >= warm_up
        run_item_cycle(timer, item_id)
    return timer.samples, timer.service_ms, timer.cpu_ms, timer.full_repaint
