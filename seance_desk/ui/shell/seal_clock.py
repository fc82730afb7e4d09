"""The application's two clocks for the session's background work: the minute at which every open
window has the events its post wrote anchored when no action does it (issue 14 § 5;
service/anchoring.seal_if_stale seals once 10 minutes have passed since the last anchor), and the
chair's pause (issue 8, speed): PAUSE_MS after the last action, the work no action waits for
(service/pause_work.py: the periodic anchor, the undo's checkpoint).

One clock of each kind for the whole application, parented to the QApplication, rather than a QTimer inside each
SessionController: a controller is a plain QObject that Python's garbage collector may free on
whichever thread happens to allocate — the heads file's syncing thread, the store's opening thread.
A running timer freed off its own thread stays registered with the GUI thread's dispatcher and fires
into freed memory (a segmentation fault, seen in the test suite). The application's clock is never
collected, and the controllers it serves are held weakly."""

from __future__ import annotations

import logging
import weakref

from PySide6.QtCore import QCoreApplication, QTimer

from ...service.pause_work import PAUSE_MS

SEAL_CHECK_MS = 60_000

log = logging.getLogger("seance_desk.fenetre")
_watched: weakref.WeakSet = weakref.WeakSet()
_clock: QTimer | None = None
_pause_clock: QTimer | None = None
_acted: weakref.ref | None = None  # the controller whose action the pause clock waits after


def watch(controller) -> None:
    """Asks `controller.seal_if_stale()` every SEAL_CHECK_MS from now on, for as long as it lives."""
    _watched.add(controller)
    clock()


def clock() -> QTimer:
    """The application's sealing clock, started on first use."""
    global _clock
    if _clock is None:
        _clock = QTimer(QCoreApplication.instance())  # owned by the application, on the GUI thread
        _clock.setInterval(SEAL_CHECK_MS)
        _clock.timeout.connect(_tick)
        _clock.start()
    return _clock


def _tick() -> None:
    for controller in list(_watched):
        try:
            controller.seal_if_stale()
        except RuntimeError as exc:  # a controller whose Qt side is already gone: nothing left to seal
            log.debug("Scellement ignoré pour une fenêtre fermée : %s", exc)


def acted(controller) -> None:
    """`controller` has just done an action: its `at_pause()` is called once PAUSE_MS pass without
    another action (from any window: the chair's next key press restarts the wait)."""
    global _pause_clock, _acted
    if _pause_clock is None:
        _pause_clock = QTimer(QCoreApplication.instance())  # owned by the application: see the module's docstring
        _pause_clock.setSingleShot(True)
        _pause_clock.setInterval(PAUSE_MS)
        _pause_clock.timeout.connect(_paused)
    _acted = weakref.ref(controller)
    _pause_clock.start()  # restarts the wait if it was running


def _paused() -> None:
    controller = _acted() if _acted is not None else None
    if controller is None:
        return
    try:
        controller.at_pause()
    except RuntimeError as exc:  # its Qt side already gone: nothing left to do for it
        log.debug("Pause ignorée pour une fenêtre fermée : %s", exc)


def pause_now() -> None:
    """The pause's work at once, without waiting PAUSE_MS, and the pause clock stopped: for the
    bench, whose keys follow each other faster than any chair's (tools/bench_ui_actions.py)."""
    if _pause_clock is not None and _pause_clock.isActive():
        _pause_clock.stop()
        _paused()
