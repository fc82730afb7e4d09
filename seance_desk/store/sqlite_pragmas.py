"""How every connection to a SQLite database is set up, by SQLAlchemy's engine (db.py) or by the
standard library's driver alone (quick_append.py, before SQLAlchemy is loaded): the same pragmas,
hence the same durability, whichever path writes."""

# How long a connection waits for another post's or program's lock before giving up with
# DatabaseBusy (« la base est occupée… réessayez »). Short, because the wait happens on the window's
# thread: a legitimate competing commit (the other laptop's action, even over a share) holds the lock
# for milliseconds; a program that keeps it longer must not freeze the chair's window, and the
# action is then refused, nothing shown as done. (It was 5 s: five seconds of a frozen window.)
BUSY_TIMEOUT_MS = 1000

# synchronous=FULL: an acknowledged action survives a power cut, not only a crash of the program.
# busy_timeout: a second program writing at the same moment waits instead of failing at once.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def apply_pragmas(dbapi_connection) -> None:
    """On a fresh stdlib sqlite3 connection: BEGIN and COMMIT left to the caller (isolation_level
    None: the driver would otherwise open transactions itself, and only before DML), then the pragmas."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
