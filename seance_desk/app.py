"""Starting the window: open the database, pick the last session (or create the demo), show it."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import database_path

if TYPE_CHECKING:
    from .service import SessionService
    from .store.errors import StoreError
    from .store.repository import Store


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


def open_last_session(demo_members: int, path: Path | None = None) -> SessionService:
    """The session the window opens (from the database at `path`, by default the user's), its hash
    chain verified right after the first paint on a worker thread: until then every action is
    refused, and an altered journal closes the window.

    Usually the last session, read without SQLAlchemy (store.quick_read), the store itself being
    opened by the verification; otherwise (first start, a schema to migrate) the full path through
    Store.open. Raises StoreError; if the last session itself was found altered, it is forgotten
    first, so that the next start does not stumble on it again."""
    from .service import SessionService
    from .store.errors import StoreError
    from .store.quick_read import read_last_session

    path = path or database_path()
    try:
        quick = read_last_session(path)
    except StoreError as exc:
        with _open_store(path) as store:
            raise _forgotten(store, exc) from exc
    if quick is not None:
        session_id, stored = quick
        return SessionService.from_quick_read(session_id, stored, open_store=lambda: _open_store(path))
    store = _open_store(path)
    session_id = ensure_demo_or_last(store, demo_members)
    try:
        service = SessionService(store, session_id, verify=False)
    except StoreError as exc:
        with store:
            raise _forgotten(store, exc) from exc
    store.set_last_session_id(session_id)
    return service


def _forgotten(store: Store, exc: StoreError) -> StoreError:
    """The last session could not be opened: forget it, and say what the next start will do."""
    store.forget_last_session()
    return type(exc)(
        f"{exc}\n\nAu prochain démarrage, Séance Desk ouvrira une séance de démonstration ; "
        "les autres séances restent accessibles par Séance → Ouvrir (Ctrl+O).",
        exc.seq,
    )


def _open_store(path: Path) -> Store:
    from .store.repository import Store

    return Store.open(path)


def forget_last_session(service: SessionService) -> None:
    """After the session was found altered: the next start must not reopen it."""
    from .store.errors import StoreError

    try:
        service.store.forget_last_session()
    except StoreError:
        pass  # the store itself could not be opened: nothing to forget, and the message is shown already


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

    from .store.errors import StoreError
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
        service = open_last_session(preferences.get(DEMO_MEMBERS))
    except StoreError as exc:
        QMessageBox.critical(None, "Séance Desk", f"Impossible d'ouvrir la séance.\n\n{exc}")
        return 1
    controller = SessionController(service)
    # An altered journal closes the window: the next start must not reopen the same session.
    controller.integrity_failed.connect(lambda _message: forget_last_session(controller.service))
    window = MainWindow(controller, window_state=WindowState(), preferences=preferences)
    window.show()
    code = app.exec()
    controller.service.close()
    return 1 if controller.service.integrity_error is not None else code
