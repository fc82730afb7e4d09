"""What the window's start-up loads before its first paint: the bench's « imports only » child
(bench_ui.STARTUP_MODULES) must import exactly that, and none of the heavy libraries the first
paint does without (SQLAlchemy, Alembic, ReportLab, pyHanko, pyqtgraph) may creep back in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

from seance_desk.tools.demo import build_demo
from seance_desk.store import Store

HEAVY = ("sqlalchemy", "alembic", "reportlab", "pyhanko", "pyqtgraph")

_LOADED_AT_FIRST_PAINT = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pathlib import Path
from seance_desk.app import build_window
from seance_desk.ui.shell.dialogs import DialogService

from seance_desk.ui.shell.app_style import use_application_style

app = QApplication(sys.argv)
use_application_style(app)
window = build_window(DialogService(None), Path(sys.argv[1]))  # as run_app

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps(sorted(sys.modules)), flush=True)
            os._exit(0)
        return False

spy = FirstPaint(window)
window.installEventFilter(spy)
window.show()
app.exec()
"""

_LOADED_BY_THE_BENCH_CHILD = """
import importlib, json, sys
from seance_desk.tools import bench_ui
for name in bench_ui.STARTUP_MODULES + (bench_ui.BUILT_WHEN_SHOWN if sys.argv[1:] == ["avant"] else ()):
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def _modules(code: str, *args: str) -> set[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_first_paint_loads_what_the_bench_imports_and_no_heavy_library(tmp_path):
    path = tmp_path / "startup.sqlite3"
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    with Store.open(path) as store:
        store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
    at_first_paint = _modules(_LOADED_AT_FIRST_PAINT, str(path))
    ours = {name for name in at_first_paint if name.startswith("seance_desk")}
    assert "seance_desk.store.quick_read" in ours
    assert "seance_desk.ui.panels.minutes_panel" not in ours  # built when its tab is first shown
    assert "seance_desk.ui.panels.roll_call_panel" not in ours  # behind the agenda's tab: built once the chair may act
    assert not {name for name in ours if name.startswith("seance_desk.ui.dialogs.")}  # loaded when opened
    assert not {name.split(".")[0] for name in at_first_paint} & set(HEAVY)
    bench = {name for name in _modules(_LOADED_BY_THE_BENCH_CHILD) if name.startswith("seance_desk")}
    assert bench - {"seance_desk.tools.bench_ui"} == ours


def test_before_the_opening_the_roll_call_in_front_is_built_before_the_first_paint(tmp_path):
    """The roll call is the tab in front until the séance is opened: built at once, its modules are
    those the bench adds for it (bench_ui.BUILT_WHEN_SHOWN, whose dataclasses' code is kept too)."""
    path = tmp_path / "startup.sqlite3"
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), play=False)
    with Store.open(path) as store:
        store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
    ours = {name for name in _modules(_LOADED_AT_FIRST_PAINT, str(path)) if name.startswith("seance_desk")}
    assert "seance_desk.ui.panels.roll_call_panel" in ours
    bench = {name for name in _modules(_LOADED_BY_THE_BENCH_CHILD, "avant") if name.startswith("seance_desk")}
    assert bench - {"seance_desk.tools.bench_ui"} == ours
