"""Starting the window: open the database, pick the last session (or create the demo), show it."""

from __future__ import annotations

import sys
from datetime import date

from .paths import database_path


def ensure_demo_or_last(store) -> str:
    """The session to open: the last one opened, or on first start a demo session created for today."""
    last = store.last_session_id()
    if last is not None and any(row.id == last for row in store.list_sessions()):
        return last
    rows = store.list_sessions()
    if rows:
        return rows[0].id
    from .demo import build_demo

    demo = build_demo(members=33, items=12, session_date=date.today())
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

    from .models.state.session_state import SessionState
    from .store.errors import StoreError
    from .store.repository import Store
    from .ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Séance Desk")
    app.setOrganizationName("Séance Desk")
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        store = Store.open(database_path())
        session_id = ensure_demo_or_last(store)
        stored = store.load_session(session_id)
        store.set_last_session_id(session_id)
    except StoreError as exc:
        QMessageBox.critical(None, "Séance Desk", f"Impossible d'ouvrir la séance.\n\n{exc}")
        return 1
    window = MainWindow(SessionState.fold(stored.assembly, stored.setup, stored.events))
    window.show()
    return app.exec()
