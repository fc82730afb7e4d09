"""The window's technical log, for IT helping during a live session: start, sessions opened,
refusals, errors, migrations — standard `logging` into a rotating file in the user's log folder
(paths.log_dir()); `faulthandler` into a file beside it, for a crash Python cannot catch (a fault in
Qt); and exception hooks (sys.excepthook, threading.excepthook) that write the traceback to the log
and show the chair a French dialog naming the log file, instead of the program dying silently.

Started by the window's command only (cli/session_commands.cmd_app): the headless commands print
their French errors and exit codes as before, and tests that build windows install no hook. Cheap:
logging and faulthandler are in the standard library; Qt is imported only when a dialog is shown.

The log holds what the refusals say, hence names of members: it is owner-only (0600), like the
database (paths.py, « private files »).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .paths import create_private_file, log_dir, private_dir

LOG_FILENAME = "seance-desk.log"
CRASH_FILENAME = "plantages.log"  # faulthandler's tracebacks of fatal errors (segfault in Qt…)
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5  # seance-desk.log.1 … .5: about ten sessions' worth, a few megabytes at most
LOGGER = "seance_desk"
FORMAT = "%(asctime)s %(levelname)-8s [%(threadName)s] %(name)s : %(message)s"

log = logging.getLogger(LOGGER)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """Every file of the rotation created owner-only (logging would give the umask's 0644)."""

    def _open(self):
        create_private_file(Path(self.baseFilename))
        return super()._open()


class _Logging:
    """What start_logging set up, so that it is done once and a test can undo it."""

    handler: logging.Handler | None = None
    crash_file = None
    previous_hooks: tuple | None = None
    dialog_open = False
    bridge = None


_state = _Logging()


def log_file() -> Path:
    return log_dir() / LOG_FILENAME


def start_logging(folder: Path | None = None, *, dialogs: bool = True) -> Path:
    """Logs into `folder` (default: the user's log folder), enables faulthandler into its crash
    file, and installs the exception hooks (with a dialog if `dialogs`). Returns the log file.
    A folder that cannot be written is not a reason not to start: the log then goes nowhere."""
    from . import __version__

    folder = Path(folder) if folder is not None else log_dir()
    path = folder / LOG_FILENAME
    if _state.handler is None:
        try:
            private_dir(folder)
            handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        except OSError as exc:
            print(f"seance-desk : journal technique impossible dans « {folder} » : {exc.strerror or exc}", file=sys.stderr)
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        _state.handler = handler
        _enable_faulthandler(folder / CRASH_FILENAME)
        _install_hooks(path, dialogs)
    log.info("Démarrage de Séance Desk %s (Python %s, %s), journal technique : %s", __version__, sys.version.split()[0], sys.platform, path)
    _log_machine_settings()
    return path


def _log_machine_settings() -> None:
    """Which machine-wide INI applies (machine_settings.py), and what in it was ignored: the first
    thing IT checks when a post does not behave as configured. A problem goes to stderr too."""
    from .machine_settings import machine_settings
    from .paths import data_dir

    machine = machine_settings()
    if machine.values:
        log.info("Réglages de la machine lus : %s (%s)", machine.path, ", ".join(sorted(machine.values)))
    else:
        log.info("Réglages de la machine : aucun (%s)", machine.path)
    for problem in machine.problems:
        log.warning("%s", problem)
        print(f"seance-desk : {problem}", file=sys.stderr)
    log.info("Dossier des données : %s", data_dir())


def stop_logging() -> None:
    """Undoes start_logging (tests; the window's end needs nothing: the process ends)."""
    if _state.previous_hooks is not None:
        sys.excepthook, threading.excepthook = _state.previous_hooks
        _state.previous_hooks = None
    if _state.handler is not None:
        log.removeHandler(_state.handler)
        log.setLevel(logging.NOTSET)
        _state.handler.close()
        _state.handler = None
    if _state.crash_file is not None:
        faulthandler.disable()
        _state.crash_file.close()
        _state.crash_file = None
    _state.bridge = None


def _enable_faulthandler(path: Path) -> None:
    try:
        create_private_file(path)
        _state.crash_file = open(path, "a", encoding="utf-8")  # kept open for the process's life: faulthandler writes to it
    except OSError:
        return
    _state.crash_file.write(f"--- démarrage, processus {os.getpid()}\n")
    _state.crash_file.flush()
    faulthandler.enable(file=_state.crash_file, all_threads=True)


# ---------------------------------------------------------------------------- exception hooks
def crash_message(exc: BaseException, path: Path) -> str:
    """What the chair reads after an unexpected error: what happened, that the actions shown as done
    are on disk, and which file to give IT."""
    what = str(exc).strip() or type(exc).__name__
    return (
        f"Une erreur inattendue s'est produite : {what}\n\n"
        "Les actions affichées comme faites sont enregistrées sur le disque. Si la fenêtre ne répond plus "
        "correctement, fermez Séance Desk et relancez-le : la séance rouvrira dans son dernier état.\n\n"
        f"Le détail de l'erreur est dans le journal technique : « {path} ». Transmettez ce fichier au service informatique."
    )


def _install_hooks(path: Path, dialogs: bool) -> None:
    _state.previous_hooks = (sys.excepthook, threading.excepthook)
    if dialogs:
        _state.bridge = _dialog_bridge(path)

    def excepthook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.critical("Erreur inattendue", exc_info=(kind, exc, tb))
        _show(exc, path)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical("Erreur inattendue dans le fil « %s »", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        _show(args.exc_value, path)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook


def _show(exc: BaseException | None, path: Path) -> None:
    """The dialog, on the GUI thread (a worker's error is queued there by the bridge's signal);
    on the console when there is no window. One dialog at a time: an error repeated at every
    repaint must not pile up message boxes — the others are in the log."""
    message = crash_message(exc if exc is not None else RuntimeError(), path)
    if _state.bridge is None:
        print(f"seance-desk : {message}", file=sys.stderr)
        return
    _state.bridge.crashed.emit(message)


def _dialog_bridge(path: Path):
    """A QObject living on the GUI thread whose signal, emitted from any thread, shows the dialog
    there (a queued connection when emitted from a worker)."""
    from PySide6.QtCore import QObject, Signal

    class CrashDialogBridge(QObject):
        crashed = Signal(str)

        def show_dialog(self, message: str) -> None:
            from PySide6.QtWidgets import QApplication, QMessageBox

            if _state.dialog_open or QApplication.instance() is None:
                print(f"seance-desk : {message}", file=sys.stderr)
                return
            _state.dialog_open = True
            try:
                QMessageBox.critical(QApplication.activeWindow(), "Séance Desk — erreur inattendue", message)
            finally:
                _state.dialog_open = False

    bridge = CrashDialogBridge()
    bridge.crashed.connect(bridge.show_dialog)
    return bridge
