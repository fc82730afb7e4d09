"""A window start that ends by itself, for the frozen application: SEANCE_DESK_EXIT_AFTER=window
ends at the window's first paint, SEANCE_DESK_EXIT_AFTER=usable once the hash chain is verified and
the chair's actions allowed — the same two ends as the bench's start-up children (bench_ui), which
run `python -c` and so cannot drive a PyInstaller executable. The packaging tests start the installed
program this way, and packaging/report.py times the frozen start against the venv's with it.

The process prints one JSON line ({"rss_mb": peak memory, or null where it cannot be read}) and
exits 0, or 1 if the verification fails. Unset (always, for a user), nothing happens."""

from __future__ import annotations

import json
import os
import sys

EXIT_AFTER_ENV = "SEANCE_DESK_EXIT_AFTER"
ENDS = ("window", "usable")


def exit_when_started(app, window) -> None:
    """Called by run_app just before the window is shown."""
    end = os.environ.get(EXIT_AFTER_ENV, "").strip()
    if not end:
        return
    if end not in ENDS:
        _say(f"seance-desk : {EXIT_AFTER_ENV}={end!r} est inconnu (valeurs possibles : {', '.join(ENDS)}) ; la fenêtre reste ouverte.", sys.stderr)
        return
    if end == "window":
        _exit_on_first_paint(window)
        return

    def usable() -> None:
        blocked = window.controller.blocked_reason()
        if blocked is not None:
            _say(f"seance-desk : séance vérifiée mais actions encore refusées : {blocked}", sys.stderr)
            os._exit(1)
        _report_and_exit()  # the start ends when the chair can act

    def failed(text: str) -> None:
        _say(text, sys.stderr)
        os._exit(1)

    window.controller.verified.connect(usable)
    window.controller.integrity_failed.connect(failed)


def _exit_on_first_paint(window) -> None:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                _report_and_exit()
            return False

    window.installEventFilter(FirstPaint(window))


def _report_and_exit() -> None:
    """The peak memory as the bench reads it, when it can be read: on Windows the bench needs psutil
    (its « bench » extra), which the installed program need not carry — there the start still ends."""
    from .bench_ui import _peak_rss_mb

    try:
        rss = _peak_rss_mb()
    except ImportError:
        rss = None
    _say(json.dumps({"rss_mb": rss}), sys.stdout)
    os._exit(0)  # skip teardown on purpose: the start is what is measured


def _say(text: str, stream) -> None:
    # A windowed build on Windows has no stdout or stderr (None): stay silent there.
    if stream is not None:
        print(text, file=stream, flush=True)
