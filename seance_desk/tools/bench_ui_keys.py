"""The window's chair actions in `seance-desk bench`: the roll call's keys on the 240-member session,
each undone and redone, then the chair's other actions (bench_ui_actions.py), in one window, from
key press to repainted panels. Moved out of bench_ui.py, which keeps the start-up's measures.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .bench_ui import BENCH_DATE, _laptop_screen


def ui_action_ms(members: int = 240, items: int = 80, n: int = 100, chair_items: int = 24) -> dict:
    """One chair action from key press to repainted panels: the roll call's « A »/« S » keys on a
    member, through the controller, the store and every panel's refresh, then a full repaint. Each
    action is then undone and redone with Ctrl+Z and Ctrl+Y the same way (a journal correction each),
    measured apart: `undo` in the result.

    Then, in the same window, the chair's other actions on `chair_items` items (bench_ui_actions):
    `actions` in the result, each kind and its undo, with the repaint floor measured between them."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from .demo import build_demo
    from ..service.session import SessionService
    from ..store import Store
    from ..ui.shell.controller import SessionController
    from ..ui.shell.dialogs import ScriptedDialogs
    from ..ui.shell import seal_clock
    from ..ui.shell.main_window import MainWindow
    from ..startup_collection import release_start_up_objects, start_up_collection_paused
    from .bench_ui_actions import chair_actions_ms, settle

    headless = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if QApplication.instance() is None and os.environ.get("QT_QPA_PLATFORM", "offscreen" if headless else None) == "offscreen":
        # The chair's 1366×768 laptop, as for the start-up (_laptop_screen): on offscreen's 800×800
        # screen the window came out 1017×796, its vote panel in the narrow layout no chair has.
        with tempfile.TemporaryDirectory(prefix="seance-desk-bench-ecran-") as screen:
            os.environ["QT_QPA_PLATFORM"] = _laptop_screen(Path(screen))
            app = QApplication(sys.argv)  # the platform reads its screen's file now, and never again
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the file is gone: later children start as before
    app = QApplication.instance() or QApplication(sys.argv)
    from ..ui.shell.app_style import use_application_style

    use_application_style(app)  # as run_app: the chair's window is measured in its own style
    with tempfile.TemporaryDirectory(prefix="seance-desk-bench-ui-") as folder:
        # As run_app builds the window (startup_collection.py): the collector paused while the
        # session and the window are made, and what they made frozen out of its later scans. Without
        # it, a full collection rescanning the whole session fell on one chair action in a dozen here
        # (75-320 ms), which the application's own window never pays for its start-up's objects.
        with start_up_collection_paused():
            store = Store.open(Path(folder) / "actions.sqlite3")
            demo = build_demo(members, items, session_date=BENCH_DATE, until_item=items // 2, one_by_one=True)
            service = SessionService(store, store.import_session(demo.assembly, demo.setup, demo.events))
            # The questions the window asks on the way (keep the raised hands? undo a closed vote?)
            # are answered « oui » at once: the chair's reading time is not the window's.
            window = MainWindow(SessionController(service), dialogs=ScriptedDialogs(confirm=True))
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        # Steady state: the chart library pre-loaded on a worker thread after the first paint (which
        # competes for the interpreter for ~0.3 s) is in, as it is long before a chair's first key.
        from ..ui.panels.vote_chart import _pg

        _pg()
        panel = window.roll_call_panel
        window.docks["roll"].raise_()  # the roll call shares its place with the agenda, as a tab
        member = _plain_present_member(service.state)
        view = panel.view
        samples: list[float] = []
        undo_samples: list[float] = []
        roll_undo_samples: list[float] = []
        roll_cpu: list[float] = []  # the GUI thread's CPU time of each roll-call key
        roll_full: list[float] = []  # each roll-call key with a full repaint of the window after it
        for turn in range(n + 10):
            panel.select_member(member)  # the panel moves on to the next member after a key
            view.setFocus()
            seated = service.state.roll.is_seated(member)
            cpu = time.thread_time()
            start = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_A if seated else Qt.Key.Key_S)
            settle(app)
            elapsed = (time.perf_counter() - start) * 1000
            cpu = (time.thread_time() - cpu) * 1000
            window.repaint()
            full = (time.perf_counter() - start) * 1000
            seal_clock.pause_now()  # the chair's pause after the key, untimed (bench_ui_actions.py)
            if service.state.roll.is_seated(member) == seated:
                raise RuntimeError("la touche n'a pas été prise en compte : mesure invalide")
            undo_times = [_timed_key(app, window, key) for key in (Qt.Key.Key_Z, Qt.Key.Key_Y)]
            if service.state.roll.is_seated(member) == seated:
                raise RuntimeError("l'annulation puis le rétablissement n'ont pas rendu l'état : mesure invalide")
            if turn >= 10:  # warm-up
                samples.append(elapsed)
                undo_samples += undo_times
                roll_undo_samples.append(undo_times[0])
                roll_cpu.append(cpu)
                roll_full.append(full)
        chair, service_share, chair_cpu, chair_full = chair_actions_ms(app, window, items=chair_items)
        window.close()
        store.close()
        release_start_up_objects()  # the bench goes on in this process: its objects collectable again
    floor = chair.pop("repaint_floor")
    actions = {"appel nominal": _quantiles(samples), "annulation : appel nominal": _quantiles(roll_undo_samples)}
    actions.update((name, _quantiles(ms)) for name, ms in chair.items() if not name.startswith("rétablissement"))
    return {
        **_quantiles(samples),
        "undo": _quantiles(undo_samples),
        "actions": actions,
        "repaint_floor": _quantiles(floor),
        # The store's and the rules' share (service.do) of each action, p50: the rest is the GUI thread's.
        "actions_service_p50": {name: round(statistics.median(ms), 3) for name, ms in service_share.items() if name in actions},
        "actions_cpu": {"appel nominal": _quantiles(roll_cpu)} | {name: _quantiles(ms) for name, ms in chair_cpu.items() if name in actions or name == "repaint_floor"},
        "actions_full_repaint": {"appel nominal": _quantiles(roll_full)} | {name: _quantiles(ms) for name, ms in chair_full.items() if name in actions},
    }


def _timed_key(app, window, key) -> float:
    """Ctrl+<key> on the window, to the panels repainted, in ms."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ..ui.shell import seal_clock
    from .bench_ui_actions import settle

    start = time.perf_counter()
    QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    settle(app)
    elapsed = (time.perf_counter() - start) * 1000
    seal_clock.pause_now()  # the chair's pause after the key, untimed (bench_ui_actions.py)
    return elapsed


def _quantiles(samples: list[float]) -> dict:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": round(cuts[49], 3), "p95": round(cuts[94], 3)}


def _plain_present_member(state) -> str:
    holders = {p.holder_id for p in state.roll.proxies.values() if p.active}
    speaking = {state.speakers.requests[r].member_id for r in state.speakers.queue}
    if state.speakers.current:
        speaking.add(state.speakers.requests[state.speakers.current].member_id)
    return next(m for m in state.roll.attendance if m not in holders | speaking | {state.setup.chair_id})
