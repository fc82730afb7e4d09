"""Where Séance Desk keeps its data: the per-user data directory, or SEANCE_DESK_DATA_DIR if set.

The override exists for tests, for a portable install on a USB key, and for IT departments that
want the database on a backed-up drive. Nothing here is relative to the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

DATA_DIR_ENV = "SEANCE_DESK_DATA_DIR"
APP_NAME = "seance-desk"
DB_FILENAME = "seance-desk.sqlite3"


def data_dir() -> Path:
    """--data-dir or SEANCE_DESK_DATA_DIR, else the folder IT set for the machine ([donnees] dossier
    of machine_settings.py), else the user's data folder."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser().resolve()
    from .machine_settings import machine_settings

    machine = machine_settings().data_folder
    if machine is not None:
        return machine.resolve()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / DB_FILENAME


# The shared mode: a PostgreSQL server's URL (--database, or this variable) instead of the file.
DATABASE_ENV = "SEANCE_DESK_DATABASE"


def database_target() -> Path | str:
    """What the store opens: the URL given by --database or SEANCE_DESK_DATABASE
    (« postgresql://utilisateur@serveur/base »), else the SQLite file of the data folder."""
    url = os.environ.get(DATABASE_ENV, "").strip()
    return url or database_path()


def is_database_url(target: Path | str) -> bool:
    """True for a server's URL, False for a file (the start-up's quick read only reads files)."""
    return isinstance(target, str) and "://" in target


CONFIG_DIR_ENV = "SEANCE_DESK_CONFIG_DIR"


def config_dir() -> Path:
    """Where the preferences (INI, which IT may pre-seed) and the window state live."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    return Path(user_config_dir(APP_NAME, appauthor=False))


LOG_DIR_ENV = "SEANCE_DESK_LOG_DIR"


def log_dir() -> Path:
    """Where the window's technical log goes (logs.py): the user's log folder (Linux
    ~/.local/state/seance-desk/log, Windows %LOCALAPPDATA%\\seance-desk\\Logs), or SEANCE_DESK_LOG_DIR."""
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_log_dir(APP_NAME, appauthor=False))


# ---------------------------------------------------------------------------- private files
# The database, its -wal/-shm companions, the heads file beside it, backups and exports hold personal
# data (names, votes, what was said in a huis clos): readable by their owner only. Modes are given
# explicitly to os.open/os.mkdir rather than through os.umask, which is process-wide and would race
# with the window's worker thread creating files at the same moment. (On Windows the modes are
# ignored: the user's profile directory is already private.)
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Creates `path` and its missing parents as owner-only (0700) directories; an existing directory
    is left as it is (it may be a shared or system folder chosen by the user)."""
    missing = []
    current = Path(path)
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for directory in reversed(missing):
        try:
            os.mkdir(directory, PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # created meanwhile by someone else: theirs, left alone
        os.chmod(directory, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return Path(path)


def create_private_file(path: Path) -> bool:
    """Creates `path` empty with mode 0600 if it does not exist; True if it was created here. SQLite
    then opens the existing empty file (and gives its -wal and -shm the same mode as the database)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    try:
        if hasattr(os, "fchmod"):  # exactly 0600, whatever the umask took away
            os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return True


def write_private_file(path: Path, data: bytes) -> None:
    """Writes `data` to `path` all at once, owner-only (0600): a temporary file beside it, fsync, then
    renamed over `path` (and the folder fsynced), so a reader never sees half a file and an existing
    file is only replaced once the new one is on disk. For exports and backups.

    Call it wherever a file holding session data is written: the session-file export
    (session_file/writer.py), the PDF documents (procès-verbal, extracts, liste), the heads file."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        temporary.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Makes a rename or a creation in `directory` durable (POSIX); nothing to do on Windows."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restrict_to_owner(path: Path) -> None:
    """An existing file of ours that anyone may read, as an earlier version left it with the umask's
    mode (0644): 0600 now. Only a file this user owns, and only if "others" have access: a file
    shared on purpose with a group (0660, the two laptops of the président and the secrétaire under
    two accounts) is left as it is. Silent on failure (a share may refuse chmod)."""
    if os.name != "posix":
        return
    try:
        status = os.stat(path)
        if status.st_uid == os.getuid() and status.st_mode & 0o007:
            os.chmod(path, status.st_mode & 0o700)
    except OSError:
        pass
