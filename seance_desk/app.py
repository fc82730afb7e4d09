"""Starting the window: open the database, pick the last session (or create the demo), show it.

The window always opens if the database can be read: a last session that no longer replays, or is
found altered, is said in French (naming the event), set aside, and replaced by another the chair
picks or by a new demonstration (ui/session_recovery.py)."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

# Only the standard library at module level: the start-up's own imports (the domain, the store)
# run inside run_app, with the garbage collector paused (startup_collection.py).
from .pyside_import_check import quicken_pyside_import_check
from .startup_collection import start_up_collection_paused

# PySide6 already loaded (the bench's start-up children, the tests): its look at each module
# imported from here on, made cheap before the start-up's own imports (pyside_import_check.py).
quicken_pyside_import_check()

if TYPE_CHECKING:
    from .service.session import SessionService
    from .service.unusable_session import UnusableSession
    from .store.integrity import StoredSession
    from .store.quick_append import QuickAppend
    from .store.repository import Store
    from .ui.shell.dialogs import DialogService
    from .ui.shell.main_window import MainWindow
    from .ui.shell.settings import Preferences, WindowState


def ensure_demo_or_last(store, demo_members: int = 33) -> int:
    """The session to open: the last one opened; otherwise (first start, or the last one was found
    unusable and set aside) a demo session for today, paused on its fourth item so that the chair
    can go on from there. The « Séance » menu opens any other stored session."""
    from .tools.live_demo import store_live_demo

    last = store.last_session_id()
    if last is not None:
        return last
    return store_live_demo(store, demo_members)


def open_last_session(demo_members: int, path: Path | None = None) -> SessionService:
    """The session the window opens (from the database at `path`, by default the user's), its hash
    chain verified right after the first paint on a worker thread: until then every action is
    refused.

    Usually the last session, read without SQLAlchemy (store.quick_read); once verified, actions are
    appended through store.quick_append until the store, opened right after on the same worker
    thread, takes over (SessionService.finish_opening). Otherwise (first start, a schema to
    migrate) the full path through Store.open. Raises UnusableSession (French, naming the failing
    event) when the last session itself cannot be opened — altered, or no longer replaying, whatever the fold raised — after
    forgetting it, so that the next start does not stumble on it again; StoreError when the
    database itself cannot be read."""
    from .paths import database_target, is_database_url
    from .service.session import SessionService
    from .service.unusable_session import unusable_in
    from .store.errors import StoreError
    from .store.quick_read import read_last_session
    from .store.share_check import check_not_on_network_share
    from .store.state_checkpoint import read_saved_state

    path = path or database_target()
    if not is_database_url(path):
        check_not_on_network_share(path)  # issue 14 § 6: before the quick read, which never opens the store
    try:
        # A PostgreSQL server has no file to read quickly: the store opens at once (below).
        quick = None if is_database_url(path) else read_last_session(path)
    except StoreError as exc:
        with _open_store(path) as store:
            raise _forgotten(store, None, exc) from exc
    if quick is not None:
        session_id, stored, texts, rows = quick
        # The state saved when this session last closed (issue 8): only the events after it are folded,
        # and only those re-hashed if it vouches for the rows before (store/rows_digest.py).
        resume_from, vouched, vouched_anchors = read_saved_state(path, session_id, stored)
        try:
            return SessionService.from_quick_read(
                session_id, stored, open_store=lambda: _open_store(path), texts=texts, open_appender=lambda: _open_appender(path),
                resume_from=resume_from, database=path, rows=rows, vouched=vouched, vouched_anchors=vouched_anchors,
            )
        except Exception as exc:  # noqa: BLE001 — a rule made stricter, an unreadable payload: never a traceback
            with _open_store(path) as store:
                raise _forgotten(store, session_id, exc, stored) from exc
    store = _open_store(path)
    try:
        session_id = ensure_demo_or_last(store, demo_members)
        try:
            service = SessionService(store, session_id, verify=False)
        except Exception as exc:  # noqa: BLE001 — as above
            raise _forgotten(store, session_id, unusable_in(store, session_id, exc)) from exc
        store.set_last_session_id(session_id)
    except BaseException:
        store.close()
        raise
    return service


def _forgotten(store: Store, session_id: int | None, exc: BaseException, stored: StoredSession | None = None) -> UnusableSession:
    """The last session could not be opened: mark it unusable in the store (so it is no longer the
    one the next start opens), and say why, naming the event."""
    from .service.unusable_session import unusable

    if session_id is None:
        session_id = store.last_session_id()
    failure = unusable(session_id, exc, stored)
    if failure.session_id is not None:
        store.mark_unusable(failure.session_id, failure.reason, failure.seq)  # forgets it as the last one too
    else:
        store.forget_last_session()
    return failure


def open_window_session(demo_members: int, dialogs: DialogService, path: Path | None = None) -> SessionService:
    """The session the window opens, whatever the state of the last one: if it is unusable, the
    reason is said (`dialogs`, before any window exists) and the chair picks another stored
    session, or gets a new demonstration. Raises StoreError only if the database itself cannot be
    read: then there is nothing to open."""
    from .paths import database_target
    from .service.unusable_session import UnusableSession

    path = path or database_target()
    try:
        return open_last_session(demo_members, path)
    except UnusableSession as failure:
        from .ui.shell.session_recovery import SessionRecovery  # Qt-free but for the dialogs: only on this path

        store = _open_store(path)
        try:
            return SessionRecovery(store, dialogs, demo_members).replace(failure)
        except BaseException:
            store.close()
            raise


def _open_appender(path: Path) -> QuickAppend:
    from .store.quick_append import QuickAppend

    return QuickAppend.open(path)


def _open_store(path: Path) -> Store:
    from .store.repository import Store

    return Store.open(path)


def build_window(
    dialogs: DialogService,
    path: Path | None = None,
    preferences: Preferences | None = None,
    window_state: WindowState | None = None,
) -> MainWindow:
    """The chair's window on the session to open (see open_window_session), not shown yet. The
    same path for run_app, the bench's start-up children and the tests. Raises StoreError if the
    database itself cannot be read."""
    from .ui.shell.controller import SessionController
    from .ui.shell.main_window import MainWindow
    from .ui.shell.settings import DEMO_MEMBERS

    demo_members = preferences.get(DEMO_MEMBERS) if preferences is not None else DEMO_MEMBERS.default
    controller = SessionController(open_window_session(demo_members, dialogs, path))
    return MainWindow(controller, dialogs=dialogs, window_state=window_state, preferences=preferences)


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


def build_window_after_any_loss(
    dialogs: DialogService, preferences: Preferences | None = None, window_state: WindowState | None = None, path: Path | None = None
) -> MainWindow | None:
    """The window; if the database lost acknowledged actions (its journal went back in time), the
    chair is told what is lost first and chooses: go on with the database as it is (the loss is
    then taken as known), or quit to restore a backup (None)."""
    from .store.errors import JournalRolledBack

    try:
        return build_window(dialogs, path, preferences=preferences, window_state=window_state)
    except JournalRolledBack as exc:
        question = f"{exc}\n\nContinuer avec la base telle qu'elle est ? (Non : quitter pour restaurer une sauvegarde d'abord)"
        if not dialogs.confirm("Séance Desk — actions perdues", question):
            return None
        exc.acknowledge()
        return build_window(dialogs, path, preferences=preferences, window_state=window_state)


def use_remembered_server(preferences: Preferences) -> None:
    """The server chosen with « Se connecter à un serveur… », unless --database or
    SEANCE_DESK_DATABASE names another base for this start."""
    import os

    from .paths import DATABASE_ENV
    from .ui.shell.settings import DATABASE_SERVER

    remembered = preferences.get(DATABASE_SERVER).strip()
    if remembered and not os.environ.get(DATABASE_ENV, "").strip():
        os.environ[DATABASE_ENV] = remembered


def _signed_in(window: MainWindow) -> bool:
    """Asks who is at this post if the database has accounts (ui/dialogs/sign_in_dialog.py). A
    PostgreSQL server is asked through the window's store, already open; a SQLite file first with
    the standard library, so that a poste unique (no account) asks nothing and does not even open
    the store for it. A server that cannot say whether it has accounts lets nobody in."""
    from .paths import database_path, database_target, is_database_url
    from .store.accounts import accounts_in_file
    from .store.errors import StoreError

    on_server = is_database_url(database_target())
    if not on_server and not accounts_in_file(database_path()):
        return True
    from .ui.dialogs.sign_in_dialog import sign_in_at_start

    try:
        return sign_in_at_start(window.controller.service)
    except StoreError as exc:  # the server lost between the window's opening and the sign-in
        window.dialogs.error("Séance Desk — connexion", f"Impossible de vérifier les comptes de la base : personne ne peut se connecter.\n\n{exc}")
        return False


def run_app(argv: list[str] | None = None) -> int:
    message = no_display_message()
    if message:
        print(f"seance-desk : {message}", file=sys.stderr)
        return 1
    # PySide6 is imported here, not at module level, so the headless commands never load Qt.
    from PySide6.QtWidgets import QApplication

    quicken_pyside_import_check()  # before the start-up's own imports (pyside_import_check.py)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Séance Desk")
    app.setOrganizationName("Séance Desk")
    from .ui.shell.app_style import use_application_style

    use_application_style(app)  # Fusion, its slow drawings (scroll bar grooves, box frames) cached: app_style.py
    with start_up_collection_paused():  # from the application's own imports to the window built
        window = _start_up_window(app)
    if window is None:
        return 1
    if not _signed_in(window):  # issue 14 § 3: who is at this post, when the database has accounts
        window.controller.service.close()
        return 1
    if window.controller.service.person is not None:  # the panels were built before: they grey what the role may not do
        window.controller.change_person(window.controller.service.person)
    from .tools.start_probe import exit_when_started  # SEANCE_DESK_EXIT_AFTER: a start that ends by itself (packaging tests)

    exit_when_started(app, window)
    window.show()
    person = window.controller.service.person
    if person is not None and person.role == "affichage":
        window.toggle_public_display()  # issue 14 § 3: the display post is there to drive the public display
    code = app.exec()
    service = window.controller.service
    service.close()
    return 1 if service.integrity_error is not None else code


def _start_up_window(app) -> MainWindow | None:
    """run_app's window, built; None when it cannot open (said to the chair in French)."""
    from .store.errors import StoreError
    from .ui.shell.dialogs import DialogService
    from .ui.shell.settings import Preferences, WindowState
    from .ui.shell.translations import install_french_translations

    from .ui.shell.app_icon import install_app_icon

    install_app_icon(app)  # the window's icon, the same as the installers'
    install_french_translations(app)  # « Oui »/« Non », « Annuler », the file dialog: before any message
    dialogs = DialogService(None)  # no window yet: the start-up's messages have no parent
    preferences = Preferences()
    use_remembered_server(preferences)  # the shared mode's server, unless --database names another
    try:
        window = build_window_after_any_loss(dialogs, preferences, WindowState())
    except StoreError as exc:  # the database itself cannot be read: there is nothing to open
        dialogs.error("Séance Desk", f"Impossible d'ouvrir la base de données des séances.\n\n{exc}")
        return None
    except Exception as exc:  # noqa: BLE001 — a French message, never a traceback, for the chair
        traceback.print_exc()  # for IT, on the console companion
        dialogs.error("Séance Desk", f"Séance Desk n'a pas pu démarrer : {exc or type(exc).__name__}")
        return None
    if window is not None:
        dialogs.parent = window  # from now on, message boxes are centred on the window
    return window
