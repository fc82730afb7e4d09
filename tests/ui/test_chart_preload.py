"""What the window preloads once usable (ui/shell/preload.py): the chart library (pyqtgraph, ≈ 0.25 s
of import) once the chain is verified, not alongside the verification — both hold the interpreter,
and the chair could act ≈ 0.25 s later (measured with the bench's usable_child on the 240-member
session: 1.00 s → 0.74 s); the anchoring code, so that the chair's first action does not import it
(96 ms measured); and nothing that makes a Qt type on the worker thread (PySide6 makes its types
lazily, not safely from two threads: the process crashed once so)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from seance_desk.app import build_window
from seance_desk.tools.demo import build_demo
from seance_desk.store import Store
from seance_desk.ui.shell import main_window
from seance_desk.ui.shell.dialogs import ScriptedDialogs


def test_the_chart_library_is_preloaded_only_once_the_chain_is_verified(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "seances.sqlite3"
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    with Store.open(path) as store:
        store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
    verified_when_preloaded: list[bool] = []
    window = build_window(ScriptedDialogs(), path)
    qtbot.addWidget(window)
    controller = window.controller
    monkeypatch.setattr(main_window, "preload_after_start_up", lambda window=None: verified_when_preloaded.append(controller.service.verified))
    try:
        assert controller.verification_pending
        with qtbot.waitSignal(controller.verified, timeout=10_000):
            window.show()
        qtbot.waitUntil(lambda: verified_when_preloaded != [], timeout=5_000)
        assert verified_when_preloaded == [True]
    finally:
        window.close()
        controller.service.close()


def _fresh_interpreter(script: str) -> str:
    """`script`'s output, run where none of the application's modules is loaded yet."""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


ANCHORING = ["seance_desk.service.anchoring", "seance_desk.documents.signing.anchor_keys", "seance_desk.documents.signing.sign"]


def test_the_preload_thread_loads_numpy_and_the_anchoring_code_and_nothing_of_qt():
    out = _fresh_interpreter(
        "import sys\n"
        "from seance_desk.ui.shell.preload import load_without_qt\n"
        "qt_before = {m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))}\n"
        "load_without_qt()\n"
        "from seance_desk.service.session import _anchoring\n"
        "qt_after = {m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))}\n"
        f"print(all(m in sys.modules for m in {ANCHORING!r} + ['numpy']), 'pyqtgraph' in sys.modules, sorted(qt_after - qt_before),"
        f" _anchoring() is sys.modules[{ANCHORING[0]!r}])\n"
    )
    assert out == "True False [] True"


def test_the_window_preloads_the_chart_library_and_the_text_controls_on_the_gui_thread(qtbot, monkeypatch):
    """The Qt parts on idle turns of the GUI thread, the rest on the preload thread; the window's
    first-use preparation after the chart library."""
    import threading

    from PySide6.QtCore import QObject

    from seance_desk.ui.shell import preload

    calls: list[tuple[str, bool]] = []
    recorded = lambda name: lambda: calls.append((name, threading.current_thread() is threading.main_thread()))  # noqa: E731

    class Window(QObject):  # what preload asks of the window: a timer's context, prepare_first_use
        prepare_first_use = staticmethod(recorded("premier usage"))

    window = Window()
    monkeypatch.setattr(preload, "load_without_qt", recorded("sans Qt"))
    monkeypatch.setattr(preload, "load_chart_library", recorded("graphiques"))
    monkeypatch.setattr("seance_desk.ui.panels.vote.widgets.learn_text_controls", recorded("libellés"))
    monkeypatch.setattr(preload, "CHART_LIBRARY_AFTER_MS", 10)
    preload.preload_after_start_up(window)
    qtbot.waitUntil(lambda: len(calls) == 4, timeout=5_000)
    assert sorted(calls) == [("graphiques", True), ("libellés", True), ("premier usage", True), ("sans Qt", False)]
    assert calls.index(("graphiques", True)) < calls.index(("premier usage", True))


def test_the_result_chart_is_made_once_usable_before_any_result_shows(qtbot, tmp_path, monkeypatch):
    """The chart's pyqtgraph plot (≈ 30 ms) is made on an idle turn after the chart library, not by
    the first result shown (measured: the first undo that showed a result again took 41 ms)."""
    from seance_desk.ui.shell import preload

    monkeypatch.setattr(preload, "CHART_LIBRARY_AFTER_MS", 10)
    path = tmp_path / "seances.sqlite3"
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)  # an item in discussion: no result shown
    with Store.open(path) as store:
        store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
    window = build_window(ScriptedDialogs(), path)
    qtbot.addWidget(window)
    chart = window.vote_panel.chart
    try:
        assert chart.plot is None
        with qtbot.waitSignal(window.controller.verified, timeout=10_000):
            window.show()
        assert chart.plot is None and not chart.isVisible()
        qtbot.waitUntil(lambda: chart.plot is not None, timeout=10_000)
        assert not chart.isVisible()  # made hidden, before any result was shown
    finally:
        window.close()
        window.controller.service.close()
