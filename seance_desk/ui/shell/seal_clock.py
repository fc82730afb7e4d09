"""The minute at which every open window has the events its post wrote anchored when no action does
it (issue 14 § 5; service/anchoring.seal_if_stale seals once 10 minutes have passed since the last
anchor).

One clock for the whole application, parented to the QApplication, rather than a QTimer inside each
SessionController: a controller is a plain QObject that Python's garbage collector may free on
whichever thread happens to allocate — the heads file's syncing thread, the store's opening thread.
A running timer freed off its own thread stays registered with the GUI thread's dispatcher and fires
into freed memory (a segmentation fault, seen in the test suite). The application's clock is never
collected, and the controllers it serves are held weakly."""

from __future__ import annotations

import logging
import weakref

from PySide6.QtCore import QCoreApplication, QTimer

SEAL_CHECK_MS = 60_000

log = logging.getLogger("seance_desk.fenetre")
_watched: weakref.WeakSet = weakref.WeakSet()
_clock: QTimer | None = None


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
