"""Live sharing on PostgreSQL: each post LISTENs for the journal's growth on a connection of its own.

Every append advances the session's row of session_heads; migration 0006's trigger then sends
NOTIFY seance_desk_journal '<session id> <event count>', delivered at COMMIT only. JournalListener
runs one daemon thread per window: it LISTENs, hands each notice to `on_notice(session_id, count)`
(on its own thread: the caller marshals to its GUI thread), and says when the server is lost or
back (`on_connection(connected, reason)`), reconnecting every RETRY_S until it answers again.

The same connection holds the chair's lease: a session-level advisory lock per session
(pg_try_advisory_lock), so that a second président's window on the same session is told at once
and stays read-only. The server releases the lock when the connection ends (window closed, laptop
crashed); after a network cut, the server may keep our old connection alive for a while: the lock
it holds is recognised as ours (application_name carries this listener's token) and that ghost
connection is ended, so the chair gets the chair back on reconnection.

Only psycopg (imported when a listener starts); no Qt, no SQLAlchemy Session.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url

from .pg_engine import CONNECT_TIMEOUT_S

CHANNEL = "seance_desk_journal"  # also migrations/versions/0006 (frozen copy)
# The advisory lock's first key: Séance Desk's chair leases (the second key is the session number).
CHAIR_LOCK_CLASS = 0x5EA7CE
# Between two reconnection attempts, and the longest wait for a notice before checking the server
# answers (a cut network is noticed within about this plus tcp_user_timeout).
RETRY_S = 1.0
POLL_S = 0.5

log = logging.getLogger("seance_desk.store")


@dataclass(frozen=True, slots=True)
class ChairLease:
    """The answer about the chair of `session_id`: held by this window, or by another post."""

    session_id: int
    held: bool
    holder: str = ""  # the other post's address, when known

    def refusal(self) -> str | None:
        if self.held:
            return None
        where = f" ({self.holder})" if self.holder else ""
        return (
            f"Un autre poste{where} préside déjà la séance n° {self.session_id} : cette fenêtre est en lecture seule "
            "pour les actions du président. Elle suit la séance en direct ; le secrétaire peut y écrire le procès-verbal."
        )


def libpq_conninfo(url: URL | str) -> str:
    """The SQLAlchemy URL as libpq reads it (postgresql://…, the driver name removed)."""
    url = make_url(url) if isinstance(url, str) else url
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class JournalListener:
    def __init__(
        self,
        url: URL | str,
        on_notice: Callable[[int, int], None],
        on_connection: Callable[[bool, str], None] = lambda _connected, _reason: None,
        on_chair: Callable[[ChairLease], None] = lambda _lease: None,
    ):
        self._conninfo = libpq_conninfo(url)
        self._on_notice = on_notice
        self._on_connection = on_connection
        self._on_chair = on_chair
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._chair_wanted: int | None = None  # the session whose chair this window claims
        self._chair_held: int | None = None
        self._lock = threading.Lock()
        self.connected = False
        # Names this listener's connections on the server (pg_stat_activity), across reconnections.
        self.application_name = f"seance-desk {uuid.uuid4().hex[:12]}"

    # ------------------------------------------------------------------ control (any thread)
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ecoute-journal", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)

    def claim_chair(self, session_id: int | None) -> None:
        """Claims the chair of `session_id` (None: of no session); the answer comes through on_chair."""
        with self._lock:
            self._chair_wanted = session_id

    # ------------------------------------------------------------------ the thread
    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self._conninfo,
                    autocommit=True,
                    connect_timeout=CONNECT_TIMEOUT_S,
                    application_name=self.application_name,
                    keepalives=1,
                    keepalives_idle=5,
                    keepalives_interval=2,
                    keepalives_count=3,
                    tcp_user_timeout=CONNECT_TIMEOUT_S * 1000,
                ) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._chair_held = None
                    self._set_connected(True, "")
                    self._serve(connection)
            except psycopg.Error as exc:
                self._set_connected(False, str(exc).strip() or type(exc).__name__)
            except Exception:  # noqa: BLE001 — a callback's bug must not end the listening for good
                log.exception("Écoute du journal : erreur inattendue")
                self._set_connected(False, "erreur inattendue")
            self._stop.wait(RETRY_S)
        self.connected = False

    def _serve(self, connection) -> None:
        while not self._stop.is_set():
            self._update_chair(connection)
            for notice in connection.notifies(timeout=POLL_S, stop_after=64):
                parsed = _parse(notice.payload)
                if parsed is not None:
                    self._on_notice(*parsed)
            connection.execute("SELECT 1")  # the server still answers (a cut is noticed here)

    def _set_connected(self, connected: bool, reason: str) -> None:
        changed = connected != self.connected
        self.connected = connected
        if changed or not connected:
            self._on_connection(connected, reason)

    # ------------------------------------------------------------------ the chair's lease
    def _update_chair(self, connection) -> None:
        with self._lock:
            wanted = self._chair_wanted
        if wanted == self._chair_held:
            return
        if self._chair_held is not None:
            connection.execute("SELECT pg_advisory_unlock(%s::int, %s::int)", (CHAIR_LOCK_CLASS, self._chair_held))
            self._chair_held = None
        if wanted is None:
            return
        lease = _try_chair(connection, wanted, self.application_name)
        if lease.held:
            self._chair_held = wanted
        else:
            with self._lock:
                self._chair_wanted = None  # asked once: the window stays read-only until it claims again
        self._on_chair(lease)


def _try_chair(connection, session_id: int, application_name: str) -> ChairLease:
    def attempt() -> bool:
        return bool(connection.execute("SELECT pg_try_advisory_lock(%s::int, %s::int)", (CHAIR_LOCK_CLASS, session_id)).fetchone()[0])

    if attempt():
        return ChairLease(session_id, True)
    holder = connection.execute(
        "SELECT a.pid, a.application_name, coalesce(host(a.client_addr), 'ce serveur') FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %s AND l.objid::bigint = %s AND l.objsubid = 2",
        (CHAIR_LOCK_CLASS, session_id),
    ).fetchone()
    if holder is not None and holder[1] == application_name:
        # Our own connection from before a network cut, which the server has not noticed is dead.
        connection.execute("SELECT pg_terminate_backend(%s)", (holder[0],))
        for _ in range(20):
            if attempt():
                return ChairLease(session_id, True)
            threading.Event().wait(0.05)
    return ChairLease(session_id, False, holder[2] if holder is not None else "")


def _parse(payload: str) -> tuple[int, int] | None:
    parts = payload.split(" ")
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        return None
    return int(parts[0]), int(parts[1])
