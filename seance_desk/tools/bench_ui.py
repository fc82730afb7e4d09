"""The window's share of `seance-desk bench`: startup against a bare PySide6 window, and peak memory
(the chair's actions from key press to repainted panels: bench_ui_keys.py).

Startups run in fresh child processes (a cold interpreter each time) that exit on their window's
first paint, or, for startup_usable_s, once the hash chain is verified and actions are allowed;
the parent times them from spawn to exit. Everything runs offscreen unless a display
is set, so the bench works on a server too.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BENCH_DATE = date(2026, 11, 20)


BENCH_EXTRA_MISSING = (
    "la mesure de la mémoire de la fenêtre demande sous Windows le module psutil, de l'option « bench » de Séance Desk : "
    "installez-la (pip install \"seance-desk[bench]\", ou pip install psutil dans l'environnement de Séance Desk), "
    "ou lancez le banc sans la fenêtre (seance-desk bench --no-window)"
)


def missing_bench_extra(window: bool, platform: str = sys.platform, has_module=None) -> str | None:
    """Why the bench cannot run here, in French, or None. psutil (the « bench » extra, not a
    dependency of the application) is needed only to read the window's peak memory on Windows."""
    import importlib.util

    has_module = has_module or (lambda name: importlib.util.find_spec(name) is not None)
    if window and platform == "win32" and not has_module("psutil"):
        return BENCH_EXTRA_MISSING
    return None


# ---------------------------------------------------------------------- child processes
def _peak_rss_mb() -> float:
    # Linux: this process image's own high-water mark. getrusage's ru_maxrss also counts the memory
    # of the parent it was forked from before its exec (the bench's parent holds a 19,000-event
    # session: it reported 196 MB for a 92 MB window).
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)
    except ImportError:  # Windows
        import psutil

        return round(psutil.Process().memory_info().peak_wset / (1024 * 1024), 1)


def _exit_on_first_paint(app, widget) -> None:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                print(json.dumps({"rss_mb": _peak_rss_mb()}), flush=True)
                os._exit(0)  # the measure ends at the first paint; skip teardown on purpose
            return False

    spy = FirstPaint(widget)
    widget.installEventFilter(spy)


def floor_child() -> None:
    """A bare PySide6 window: the floor the application's startup is compared with."""
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Séance Desk"))
    window.setGeometry(0, 0, 1366, 768)
    _exit_on_first_paint(app, window)
    window.show()
    app.exec()


# What the start-up imports before it paints (app_child's imports and the panels MainWindow builds).
STARTUP_MODULES = (
    "seance_desk.app",
    "seance_desk.ui.shell.app_style",  # run_app's style, set before the window is built
    "seance_desk.store.quick_read",
    "seance_desk.service.session",
    "seance_desk.ui.shell.controller",
    "seance_desk.ui.shell.main_window",
    "seance_desk.ui.panels.session_bar",
    "seance_desk.ui.panels.vote",
    "seance_desk.ui.panels.agenda_panel",
    "seance_desk.ui.panels.quorum_gauge",
    "seance_desk.ui.panels.speaker_panel",
    "seance_desk.ui.shell.people_menu",  # issue 14 § 3: who is signed in, in the window's status bar
    "seance_desk.ui.shell.role_gate",
    "seance_desk.store.share_check",  # app.py's check of the database's place, before the first paint
    "seance_desk.store.state_checkpoint",  # issue 8: the state saved at the last close, read before the fold
)
# Built before the first paint only when in front: the roll call before the séance is opened
# (ui/shell/panel_when_shown.py); behind the agenda's tab, once the chair may act. Its dataclasses'
# code is kept with the start-up's all the same (_compile_package).
BUILT_WHEN_SHOWN = ("seance_desk.ui.panels.roll_call_panel",)


def imports_child() -> None:
    """The bare window again, after importing the modules the start-up needs and nothing else: no
    database read, no panel built. What is left between this and startup_s is the application's own
    work (reading and folding the journal, building and painting the panels); what lies between the
    floor and this, the cost of loading its code (Python modules, PySide6's lazily made types)."""
    import importlib

    from ..startup_collection import start_up_collection_paused

    with start_up_collection_paused():  # as the start-up imports them (_app_window)
        for name in STARTUP_MODULES:
            importlib.import_module(name)
    floor_child()


def _app_window(db_path: str):
    """The real startup path, as run_app takes it (app.build_window): read the last session, build
    the panels (the roll call behind the agenda's tab once actions are allowed: panel_when_shown.py);
    the hash chain is verified right after the first paint, and actions allowed at once
    (store/quick_append.py) while the store itself opens on a worker thread. As in run_app, the
    application's own imports and the window's construction run with the garbage collector paused
    (startup_collection.py); PySide6 and the QApplication, which the floor has too, before."""
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from ..startup_collection import start_up_collection_paused

    app = QApplication(sys.argv)
    from ..ui.shell.app_style import use_application_style

    use_application_style(app)  # as run_app
    with start_up_collection_paused():
        from ..app import build_window
        from ..ui.shell.dialogs import DialogService

        window = build_window(DialogService(None), Path(db_path))
    # The floor's window: 1366×768 at the screen's top left corner, which fills the laptop's screen
    # (_laptop_screen). Only resized, it stayed where the first start's placement had put it, under
    # an estimated title bar (first_placement.ESTIMATED_FRAME: 31 px down), so its frame overflowed
    # the screen and the first start's check placed it again after the first paint
    # (MainWindow._keep_the_frame_on_screen): the whole window laid out and painted anew while the
    # chain is verified (≈ 10-15 ms of the interpreter before « usable »), which no chair's start
    # has — a remembered geometry skips the check, and a first start's own placement fits.
    window.setGeometry(0, 0, 1366, 768)
    return app, window


def app_child(db_path: str) -> None:
    """Up to the first paint (startup_s); the verification that follows it is not timed here."""
    app, window = _app_window(db_path)
    _exit_on_first_paint(app, window)
    window.show()
    app.exec()


def usable_child(db_path: str) -> None:
    """Up to the chain verified and actions allowed (startup_usable_s): the controller's `verified`
    signal, emitted once every panel has re-enabled what the verification held back. The window's
    own code knows nothing of the bench: the child listens to the signal the panels listen to."""
    app, window = _app_window(db_path)

    def usable() -> None:
        if window.controller.blocked_reason() is not None:
            raise RuntimeError("séance vérifiée mais actions encore refusées : mesure invalide")
        print(json.dumps({"rss_mb": _peak_rss_mb()}), flush=True)
        os._exit(0)  # the measure ends when the chair can act; skip teardown on purpose

    window.controller.verified.connect(usable)
    window.controller.integrity_failed.connect(lambda text: (print(text, file=sys.stderr), os._exit(1)))
    window.show()
    app.exec()


def _run_child(code: str, env: dict[str, str]) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"échec du processus de mesure : {done.stderr.strip()[-500:]}")
    return elapsed, json.loads(done.stdout.strip().splitlines()[-1])


def _compile_package() -> None:
    """Writes the package's bytecode, as an installer does (pip compiles a wheel's modules; the
    PyInstaller bundle carries them compiled). Without it, a checkout run with
    PYTHONDONTWRITEBYTECODE set (as on the build machines) recompiles every module at each start
    and the measure would time the compiler (≈ 40 ms), which no user's start pays. The libraries
    in site-packages were compiled at install already, so the floor is alike."""
    import compileall

    compileall.compile_dir(Path(__file__).parents[1], quiet=2, workers=1)  # the whole seance_desk package
    # And the start-up's dataclass code (startup_code_cache.py), kept beside the bytecode as the
    # first start writes it when the interpreter writes bytecode; in a fresh interpreter, where
    # the start-up's classes are not made yet.
    build = "from seance_desk.startup_code_cache import build_start_up; build_start_up()"
    subprocess.run([sys.executable, "-c", build], capture_output=True, timeout=120, check=False)


# ---------------------------------------------------------------------- measures
def startup(members: int = 240, items: int = 80, repeat: int = 3) -> dict:
    from ..documents.signing.anchor_folder import ANCHOR_DIR_ENV
    from .bench_anchors import anchor_as_played
    from .demo import build_demo
    from ..store import Store

    env = dict(os.environ)
    _compile_package()
    with tempfile.TemporaryDirectory(prefix="seance-desk-bench-ui-") as folder:
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = _laptop_screen(Path(folder))
        db_path = str(Path(folder).resolve() / "startup.sqlite3")
        demo = build_demo(members, items, session_date=BENCH_DATE, until_item=items // 2, one_by_one=True)
        # Anchored as the chair's own session is (bench_anchors.py): the start-up checks every
        # anchor's signature and this post's ledger before actions are allowed, and must pay it here too.
        anchoring = Path(folder) / "ancrage"
        env[ANCHOR_DIR_ENV] = str(anchoring)
        with Store.open(db_path) as store:
            session_id = store.import_session(demo.assembly, demo.setup, demo.events)
            anchors = anchor_as_played(store, session_id, demo.events, anchoring)
            store.set_last_session_id(session_id)
        # Closed as the window closes it: its state saved beside the database (state_checkpoint.py).
        checkpointed = _checkpoint_as_closed(Path(db_path), anchoring)
        floors, imports, starts, usables, rss, rss_first_paint = [], [], [], [], [], []
        for _ in range(repeat):  # interleaved, so that machine load weighs on all alike
            floors.append(_run_child("from seance_desk.tools.bench_ui import floor_child; floor_child()", env)[0])
            imports.append(_run_child("from seance_desk.tools.bench_ui import imports_child; imports_child()", env)[0])
            elapsed, info = _run_child(f"from seance_desk.tools.bench_ui import app_child; app_child({db_path!r})", env)
            starts.append(elapsed)
            rss_first_paint.append(info["rss_mb"])
            elapsed, info = _run_child(f"from seance_desk.tools.bench_ui import usable_child; usable_child({db_path!r})", env)
            usables.append(elapsed)
            rss.append(info["rss_mb"])
    return {
        "startup_s": round(statistics.median(starts), 3),
        "startup_usable_s": round(statistics.median(usables), 3),
        "startup_floor_s": round(statistics.median(floors), 3),
        "startup_imports_only_s": round(statistics.median(imports), 3),
        # Peak memory once usable: the verification re-hashes the journal after the first paint, so a
        # first-paint figure understates it. (SQLAlchemy, opened right after, is not counted.)
        "rss_mb": max(rss),
        "rss_first_paint_mb": max(rss_first_paint),
        "startup_events": len(demo.events),
        "startup_anchors": anchors,  # the session's signed anchors, each checked before actions are allowed
        "startup_checkpoint": checkpointed,  # the state saved at the last close (the start folds only what follows)
    }


def _laptop_screen(folder: Path) -> str:
    """The offscreen platform with one 1366×768 screen, the chair's laptop the window is designed
    for, for every child alike (the floor too). Why: offscreen's default screen is 800×800; the
    1366×768 window set on it overflows the screen, and the first start's check of the frame
    (MainWindow._keep_the_frame_on_screen) then places it again, laid out and painted anew while the
    chain is verified (≈ 20 ms of the GUI thread): the cost of a screen no chair has."""
    config = folder / "ecran-portable.json"
    screen = {"name": "portable", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def _checkpoint_as_closed(database: Path, anchoring: Path) -> bool:
    """The state a window saves when it closes the session, with this bench's anchoring folder's
    key, as the chair's installation does with its own: the last session opened as the window opens
    it, verified, closed (SessionService.close), so that the state carries the digest of the rows
    it stands on (store/rows_digest.py) as the chair's own does after a first start."""
    from ..app import open_last_session
    from ..documents.signing.anchor_folder import ANCHOR_DIR_ENV
    from ..store.state_checkpoint import checkpoint_path

    previous = os.environ.get(ANCHOR_DIR_ENV)
    os.environ[ANCHOR_DIR_ENV] = str(anchoring)
    try:
        service = open_last_session(0, database)
        service.verify()
        service.close()
        return checkpoint_path(database).is_file()
    finally:
        if previous is None:
            os.environ.pop(ANCHOR_DIR_ENV, None)
        else:
            os.environ[ANCHOR_DIR_ENV] = previous
