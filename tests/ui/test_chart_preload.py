"""The chart library (pyqtgraph, ≈ 0.25 s of import) is preloaded once the chain is verified, not
alongside the verification: both hold the interpreter, and the chair could act ≈ 0.25 s later
(measured with the bench's usable_child on the 240-member session: 1.00 s → 0.74 s). The anchoring
code with it, so that the chair's first action does not import it (96 ms measured)."""

from __future__ import annotations

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
    monkeypatch.setattr(main_window, "preload_libraries", lambda: verified_when_preloaded.append(controller.service.verified))
    try:
        assert controller.verification_pending
        with qtbot.waitSignal(controller.verified, timeout=10_000):
            window.show()
        qtbot.waitUntil(lambda: verified_when_preloaded != [], timeout=5_000)
        assert verified_when_preloaded == [True]
    finally:
        window.close()
        controller.service.close()


def test_the_preload_thread_loads_the_chart_library_and_the_anchoring_code():
    """What the first vote's chart and the first action would otherwise import on the GUI thread;
    in a fresh interpreter, where none of it is loaded yet."""
    import subprocess
    import sys

    modules = ["pyqtgraph", "seance_desk.service.anchoring", "seance_desk.documents.signing.anchor_keys", "seance_desk.documents.signing.sign"]
    script = (
        "import sys\n"
        "from seance_desk.ui.shell.main_window import _load_libraries\n"
        f"modules = {modules!r}\n"
        "before = [m for m in modules if m in sys.modules]\n"
        "_load_libraries()\n"
        "from seance_desk.service.session import _anchoring\n"
        "print(before, [m for m in modules if m not in sys.modules], _anchoring() is sys.modules[modules[1]])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split("\n")[0] == "[] [] True", done.stderr
