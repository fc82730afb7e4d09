"""What the start-up leaves out to paint and verify sooner, loaded once the window is usable and
before the chair first needs it: the chart library (pyqtgraph, ≈ 0.23 s of import, else paid by
the first vote's result), the anchoring and signing code (≈ 60-90 ms, else paid by the chair's
first action), the type of the vote panel's labels' text control (widgets.learn_text_controls),
and what the window makes the first time it is used (MainWindow.prepare_first_use: the result's
chart, ≈ 30 ms, else paid by the first result shown).

Why not all on a worker thread: PySide6 makes its classes and enums lazily, the first time each is
used, and that is not safe from two threads at once. pyqtgraph's import copies every attribute of
QtCore, QtGui and QtWidgets, ≈ 100 ms of such makings; done on the preload thread, it crashed the
process (a segmentation fault in the test suite) while the GUI thread made the ≈ 180 enums of
learn_text_controls. So the thread loads only what holds no Qt type — NumPy (half of pyqtgraph's
import), the anchoring and signing code — and the Qt parts run on the GUI thread, each on an idle
turn of its own, the chart library once the thread has had time to load NumPy.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from .main_window import MainWindow

# When the GUI thread imports pyqtgraph: once the thread has loaded NumPy (≈ 0.1 s), so that the
# import holds the GUI thread ≈ 0.12 s rather than 0.23 s; still long before a chair's first vote.
CHART_LIBRARY_AFTER_MS = 300


def preload_after_start_up(window: MainWindow) -> None:
    """Once the chain is verified and the chair may act (MainWindow): the window's
    prepare_first_use follows the chart library, on an idle turn of its own."""
    from ..panels.vote.widgets import learn_text_controls

    threading.Thread(target=load_without_qt, name="préchargement", daemon=True).start()
    QTimer.singleShot(0, learn_text_controls)  # after `verified`'s other listeners
    # The window as the timer's context: a window closed meanwhile cancels it.
    QTimer.singleShot(CHART_LIBRARY_AFTER_MS, window, lambda: _chart_library_for(window))


def _chart_library_for(window: MainWindow) -> None:
    load_chart_library()
    QTimer.singleShot(0, window, window.prepare_first_use)


def load_without_qt() -> None:
    """The preload thread's: modules that make no Qt type on import."""
    import numpy  # noqa: F401 — pyqtgraph's, imported by it on the GUI thread later

    from ...service.session import preload_anchoring

    preload_anchoring()


def load_chart_library() -> None:
    """On the GUI thread (see the module's docstring)."""
    from ..panels.vote_chart import _pg

    _pg()
