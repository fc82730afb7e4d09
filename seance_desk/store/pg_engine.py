"""PostgreSQL specifics of the engine: the driver (psycopg 3), how long to wait, and how a lost
server is noticed. SQLite's counterpart is in db.py; nothing here runs for a SQLite database.

Why these values: the président's window waits on the database on its own thread, so every wait is
bounded by about a second, as SQLite's busy timeout is (db.BUSY_TIMEOUT_MS):
- connect_timeout: a server that does not answer (network cut, laptop asleep) is said within seconds;
- keepalives: a connection whose peer vanished is found dead by the OS in ~10 s instead of hours;
- lock_timeout: another post's transaction holding the journal's head row longer than this (it
  takes milliseconds) gives DatabaseBusy, nothing done, instead of a frozen window;
- pool_pre_ping: after a server restart, the pool's stale connections are replaced before use,
  so the first action after a reconnection is not refused for an old socket.
"""

from __future__ import annotations

from sqlalchemy.engine import URL

DRIVER = "postgresql+psycopg"
# The store's reads (Store._sessions: a session and its head, then its events) must see one snapshot,
# as a SQLite read transaction does: under PostgreSQL's default READ COMMITTED each statement sees
# the latest commit, and another post's append between the two reads would look like events added
# behind the application's back. The writes keep READ COMMITTED: the append's guarded UPDATE then
# waits for a concurrent appender and finds the head moved (JournalMoved), instead of failing with
# a serialization error.
READ_SNAPSHOT = {"isolation_level": "REPEATABLE READ"}
CONNECT_TIMEOUT_S = 3
LOCK_TIMEOUT_MS = 1000


def is_postgresql(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def with_driver(url: URL) -> URL:
    """`postgresql://…` (what a user types; psycopg2 for SQLAlchemy before 2.1) means psycopg 3."""
    if url.drivername == "postgresql":
        return url.set(drivername=DRIVER)
    return url


def engine_options() -> dict:
    return {
        "pool_pre_ping": True,
        "connect_args": {
            "connect_timeout": CONNECT_TIMEOUT_S,
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 3,
            "application_name": "seance-desk",
            "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
        },
    }


# SQLSTATE classes of a server gone away (08: connection exception; 57P01-57P03: shut down, crash,
# cannot connect now). psycopg reports a connection that failed to open without a SQLSTATE at all.
_DISCONNECT_STATES = ("08", "57P01", "57P02", "57P03")


def is_disconnect(exc: BaseException) -> bool:
    """True if the PostgreSQL server could not be reached or the connection was lost: nothing of the
    action was committed (or, for a COMMIT cut halfway, the journal says whether it was)."""
    if getattr(exc, "connection_invalidated", False):
        return True
    original = getattr(exc, "orig", None) or exc
    module = type(original).__module__ or ""
    if not module.startswith("psycopg"):
        return False
    state = getattr(original, "sqlstate", None)
    if state is None:
        return type(original).__name__ == "OperationalError"
    return state.startswith(_DISCONNECT_STATES[0]) or state in _DISCONNECT_STATES[1:]


def is_lock_timeout(exc: BaseException) -> bool:
    """PostgreSQL's lock_timeout (SQLSTATE 55P03): another post held the lock; nothing was written."""
    original = getattr(exc, "orig", None) or exc
    return getattr(original, "sqlstate", None) == "55P03"


def unreachable(what: str, where: str):
    """The French refusal for a server out of reach (errors.ServerUnreachable)."""
    from .errors import ServerUnreachable

    return ServerUnreachable(
        f"{what} : le serveur de base de données « {where} » ne répond pas (réseau coupé ou serveur arrêté). "
        "Rien n'a été enregistré ; Séance Desk se reconnecte dès que le serveur répond."
    )
