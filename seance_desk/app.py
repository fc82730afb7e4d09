"""Starting the window: open the database, pick the last session (or create the demo), show it."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from .paths import database_path


def ensure_demo_or_last(store, demo_members: int = 33) -> int:
    """The session to open: the last one opened; otherwise (first start, or the last one was found
    altered and forgotten) a demo session for today, paused on its fourth item so that the chair can
    go on from there. The « Séance » menu opens any other stored session."""
    last = store.last_session_id()
    if last is not None:
        return last
    from .demo import build_demo

    demo = build_demo(members=demo_members, items=12, until_item=4, live_at=datetime.now(UTC))
    return store.import_session(demo.assembly, demo.setup, demo.events)


def no_display_message() -> str | None:
    """On Linux without X11/Wayland, Qt would abort: say why in French instead."""
    import os

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        return (
            "Aucun écran disponible (ni DISPLAY ni WAYLAND_DISPLAY) : la fenêtre de Séance Desk ne peut pas s'ouvrir. "
            "Les commandes sans fenêtre restent utilisables : seance-desk --help"
        )
    return None


def run_app(argv: list[str] | None = None) -> int:
    message = no_display_message()
    if message:
        print(f"seance-desk : {message}", file=sys.stderr)
        return 1
    # PySide6 is imported here, not at module level, so the headless commands never load Qt.
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .service import SessionService
    from .store.errors import StoreError
    from .store.repository import Store
    from .ui.controller import SessionController
    from .ui.main_window import MainWindow
    from .ui.settings import DEMO_MEMBERS, Preferences, WindowState

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Séance Desk")
    app.setOrganizationName("Séance Desk")
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    preferences = Preferences()
    try:
        store = Store.open(database_path())
        session_id = ensure_demo_or_last(store, preferences.get(DEMO_MEMBERS))
        # The hash chain is verified right after the window's first paint (on a worker thread);
        # until then every action is refused, and an altered journal closes the window.
        service = SessionService(store, session_id, verify=False)
        store.set_last_session_id(session_id)
    except StoreError as exc:
        QMessageBox.critical(None, "Séance Desk", f"Impossible d'ouvrir la séance.\n\n{exc}")
        return 1
    controller = SessionController(service)
    # An altered journal closes the window: the next start must not reopen the same session.
    controller.integrity_failed.connect(lambda _message: store.forget_last_session())
    window = MainWindow(controller, window_state=WindowState(), preferences=preferences)
    window.show()
    code = app.exec()
    return 1 if controller.service.integrity_error is not None else code
