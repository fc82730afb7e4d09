"""What every command shares: its exit codes, and how a user's error becomes a French line on
stderr and a non-zero exit code, never a traceback."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a command whose reader (`head`) went away


class UserError(Exception):
    """A user's mistake or a refusal, said in French: the command stops with EXIT_INVALID."""


def broken_pipe() -> int:
    """`seance-desk replay f.json | head`: the reader stopped reading. Stop quietly, as Unix tools do,
    without a traceback; stdout is pointed at devnull first, or Python's own flush at exit would
    fail again and print an error (the recipe of the Python docs, « Note on SIGPIPE »)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real stdout (a test's capture, a windowed build)
        pass
    return EXIT_BROKEN_PIPE


def user_errors():
    """The exceptions that carry a French message meant for the user."""
    from ..models.decision import RuleViolation
    from ..models.journal import JournalError
    from ..models.parsing import SetupError
    from ..files.session_file import SessionFileError
    from ..service.documents import DocumentError
    from ..store.errors import StoreError

    return (SessionFileError, StoreError, RuleViolation, JournalError, SetupError, DocumentError)


def run(fn):
    """`fn()`, its French-speaking failures (and a file's) turned into a UserError."""
    try:
        return fn()
    except user_errors() as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"erreur de fichier : {exc.strerror or exc} ({exc.filename or ''})") from None


def open_store():
    """The database: --database (a PostgreSQL server), else the data folder's (--data-dir,
    SEANCE_DESK_DATA_DIR or the user's)."""
    from ..paths import database_target
    from ..store.repository import Store

    return run(lambda: Store.open(database_target()))
