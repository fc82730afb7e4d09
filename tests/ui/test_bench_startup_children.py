"""The bench's start-up children end where their measure ends: at the first paint (startup_s), and
once the chain is verified and actions allowed (startup_usable_s), each reporting its peak memory.
No timing is asserted (machines differ): only that each child reaches its end and says so."""

from __future__ import annotations

import os
from datetime import date

from seance_desk.tools.bench_ui import _run_child
from seance_desk.tools.demo import build_demo
from seance_desk.store import Store


def test_each_startup_child_reaches_its_marker(tmp_path):
    path = tmp_path / "bench.sqlite3"
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    with Store.open(path) as store:
        store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    painted, first = _run_child(f"from seance_desk.tools.bench_ui import app_child; app_child({str(path)!r})", env)
    usable, verified = _run_child(f"from seance_desk.tools.bench_ui import usable_child; usable_child({str(path)!r})", env)
    assert first["rss_mb"] > 0 and verified["rss_mb"] > 0
    # The verification re-hashes the journal after the first paint: at least as much memory.
    assert verified["rss_mb"] >= first["rss_mb"]
    assert usable > 0 and painted > 0


def test_children_start_on_a_laptop_screen_the_window_fills(tmp_path):
    """The children's offscreen screen is the chair's 1366×768 laptop, so the window set to that size
    fits it and the first start's frame check has nothing to place again (bench_ui._laptop_screen)."""
    import json
    import subprocess
    import sys

    from seance_desk.tools.bench_ui import _laptop_screen

    env = {**os.environ, "QT_QPA_PLATFORM": _laptop_screen(tmp_path)}
    code = (
        "import json; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "g = app.primaryScreen().availableGeometry(); print(json.dumps([g.width(), g.height()]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [1366, 768]


_PLACED_AFTER_THE_FIRST_PAINT = """
import json, sys
from PySide6.QtCore import QTimer
from seance_desk.tools.bench_ui import _app_window

app, window = _app_window(sys.argv[1])
window.show()
placed = []
def after_the_check():  # the window's own check runs on the turn after its first paint
    placed.append(window.geometry().getRect())
    if len(placed) == 1:
        QTimer.singleShot(50, after_the_check)
    else:
        print(json.dumps(placed)); app.quit()
window._first_paint._then = (lambda check=window._first_paint._then: (check(), after_the_check()))
app.exec()
"""


def test_the_childrens_window_is_the_floors_and_is_not_placed_again_after_its_first_paint(tmp_path):
    """The start-up children's window has the floor's geometry on the laptop's screen: the first
    start's frame check finds it on the screen and leaves it there, so that no second layout and
    paint of the whole window weighs on « usable » (bench_ui._app_window)."""
    import json
    import subprocess
    import sys

    from seance_desk.tools.bench_ui import _laptop_screen

    path = tmp_path / "bench.sqlite3"
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    with Store.open(path) as store:
        store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
    env = {**os.environ, "QT_QPA_PLATFORM": _laptop_screen(tmp_path)}
    done = subprocess.run([sys.executable, "-c", _PLACED_AFTER_THE_FIRST_PAINT, str(path)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [[0, 0, 1366, 768], [0, 0, 1366, 768]]
