"""The acknowledged heads, kept OUTSIDE the database: `seance-desk.sqlite3.heads` beside the file.

Why: with SQLite in WAL mode, a committed action lives in the -wal file until a checkpoint copies it
into the database. Delete or lose that -wal after a crash (a cleaning tool, a copy of the .sqlite3
alone, a restore from an older copy) and SQLite opens the older database without a word; the hash
chain cannot see it either, since what is left is a sound, shorter journal. So each durable commit
also writes its session's new head (seq and hash) here, and every start compares (find_losses): a
database head behind the file's, or a different hash at the same seq, is reported, never ignored.

The format is a log, not a JSON document rewritten each time, because of the cost. Measured with
the bench's own interleaved rounds (bench_store.action_vs_floor_ms, 240 members, median of five
rounds; the bench's target is action p95 ≤ 1.5 × a bare durable SQLite commit's p95):

    no heads file at all                          action p95 0.28 ms   ratio 1.56
    this log, synced by a background thread       action p95 0.28 ms   ratio 1.53
    this log, one fdatasync per action            action p95 0.48 ms   ratio 2.57
    a JSON file rewritten atomically per action   action p95 0.99 ms   ratio 4.86
      (temporary file, fsync, rename, fsync of the folder)

So:

- the action appends one line (`session seq hash at`) with one write(2) before it is acknowledged:
  a crash of the program, even SIGKILL, cannot lose it (it is in the OS's cache);
- a background thread fdatasyncs the file right after, off the action's path, at most every
  SYNC_INTERVAL_S: a chair's actions, seconds apart, are each synced within milliseconds, and a
  burst of them shares one sync (without the spacing, in the bench's tight loop, each action's
  sync competed with the next commits for the disk). So a power cut loses at most the lines of
  the last 0.1 s. The database itself is still synced by SQLite before the
  acknowledgement (synchronous=FULL); a line lost that way only makes the file lag behind the
  database, which is never reported as a loss (no false alarm), and loses nothing;
- the file is rewritten atomically, one line per session (compact), when the store closes and
  when it opens and the log has grown, so the start-up read stays short.

A line cut by a power cut is ignored when reading (each line is checked whole). Two posts writing to
one database (one file on a share) both append here; the highest seq of a session wins. If another
post compacts the file (rename over it), ours notices after its next sync (the old file has no link
left) and writes its heads again into the new one.

Standard library only: the window's start-up read (quick_read.py) checks the heads before
SQLAlchemy is even imported.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..paths import PRIVATE_FILE_MODE, write_private_file
from .event_keys import SEQ_SPAN, event_key
from .errors import DatabaseBusy, JournalRolledBack, StoreError, busy_message, describe_database_error, is_busy, unreadable

HEADS_SUFFIX = ".heads"
MAGIC = "seance-desk-heads 1"
# Beyond this size the log is compacted when a store opens (at close it always is): about 2,300
# actions since the last compaction, a few milliseconds of reading at start-up.
COMPACT_AT_BYTES = 256 * 1024
# The background sync's minimum spacing (see the module's docstring).
SYNC_INTERVAL_S = 0.1
_HASH_LENGTH = 64
_HEX = frozenset("0123456789abcdef")


def heads_path(database: Path) -> Path:
    """The heads file of a SQLite database: beside it, its name plus `.heads`."""
    return database.with_name(database.name + HEADS_SUFFIX)


@dataclass(frozen=True, slots=True)
class Head:
    """A session's journal head: `seq` events, the last one's `hash`; `at` its ISO-8601 UTC time as
    journaled ("" for an empty journal, or when unknown)."""

    seq: int
    hash: str
    at: str = ""

    def line(self, session_id: int) -> bytes:
        return f"{session_id} {self.seq} {self.hash} {self.at or '-'}\n".encode("ascii")


@dataclass(frozen=True, slots=True)
class Loss:
    """What one session lost: its acknowledged head, what the database holds instead."""

    session_id: int
    title: str | None  # None when the session itself is gone from the database
    acknowledged: Head
    stored: Head | None  # None when the session is gone
    actions: int  # acknowledged actions recorded since the last compaction beyond `stored` (a lower bound)
    diverged: bool  # same length or longer, but another journal: the hash at the acknowledged seq differs

    @property
    def events(self) -> int:
        return self.acknowledged.seq - (self.stored.seq if self.stored else 0)


# ------------------------------------------------------------------------------ reading
def read_log(path: Path) -> dict[int, list[Head]]:
    """Every well-formed line of the heads file, per session. A missing file reads as empty; a line
    cut by a power cut, or anything else malformed, is skipped. Raises StoreError if the file exists
    but cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StoreError(f"Le fichier de contrôle « {path} » est illisible : {exc.strerror or exc}.") from exc
    found: dict[int, list[Head]] = {}
    for raw in data.split(b"\n")[:-1]:  # the last piece has no newline: empty, or a cut line
        parsed = _parse(raw)
        if parsed is not None:
            found.setdefault(parsed[0], []).append(parsed[1])
    return found


def _parse(raw: bytes) -> tuple[int, Head] | None:
    parts = raw.split(b" ")
    if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    try:
        digest, at = parts[2].decode("ascii"), parts[3].decode("ascii")
    except UnicodeDecodeError:
        return None
    if len(digest) != _HASH_LENGTH or not _HEX.issuperset(digest):
        return None
    return int(parts[0]), Head(int(parts[1]), digest, "" if at == "-" else at)


def latest(log: Mapping[int, Iterable[Head]]) -> dict[int, Head]:
    """The highest head recorded for each session."""
    return {session_id: max(heads, key=lambda head: head.seq) for session_id, heads in log.items()}


_DATABASE_HEADS = f"""
    SELECT h.session_id, h.event_count, h.head_hash, e.at
    FROM session_heads AS h LEFT OUTER JOIN events AS e ON e.id = h.session_id * {SEQ_SPAN} + h.event_count"""  # the head's event by its key (event_keys.py)


def database_heads(connection: sqlite3.Connection) -> dict[int, Head]:
    """Every session's head as the database records it (session_heads)."""
    return {row[0]: Head(row[1], row[2], row[3] or "") for row in connection.execute(_DATABASE_HEADS)}


# ------------------------------------------------------------------------------ checking
_SESSION_HEAD = """
    SELECT s.title, h.event_count, h.head_hash
    FROM sessions AS s LEFT OUTER JOIN session_heads AS h ON h.session_id = s.id WHERE s.id = ?"""
_EVENT_AT = "SELECT hash, at FROM events WHERE id = ?"  # by its key (event_keys.py)


def find_losses(connection: sqlite3.Connection, log: Mapping[int, list[Head]]) -> list[Loss]:
    """Sessions whose acknowledged head (the log) the database no longer holds. Only a journal that
    went back in time is a loss here; a database altered in other ways (events deleted in the
    middle, a head row removed) is left to integrity.verified_session, which names the damage."""
    losses = []
    for session_id, heads in sorted(log.items()):
        acknowledged = max(heads, key=lambda head: head.seq)
        row = connection.execute(_SESSION_HEAD, (session_id,)).fetchone()
        if row is None:
            losses.append(Loss(session_id, None, acknowledged, None, _actions_after(heads, 0), False))
            continue
        title, count, head_hash = row
        if count is None:
            continue  # no head row: reported as altered when the session is opened
        if count < acknowledged.seq:
            losses.append(Loss(session_id, title, acknowledged, _stored(connection, session_id, count, head_hash), _actions_after(heads, count), False))
        elif count == acknowledged.seq:
            if head_hash != acknowledged.hash:
                losses.append(Loss(session_id, title, acknowledged, _stored(connection, session_id, count, head_hash), 1, True))
        else:
            at_seq = connection.execute(_EVENT_AT, (event_key(session_id, acknowledged.seq),)).fetchone()
            if acknowledged.seq > 0 and at_seq is not None and at_seq[0] != acknowledged.hash:
                losses.append(Loss(session_id, title, acknowledged, _stored(connection, session_id, count, head_hash), 1, True))
    return losses


def _stored(connection: sqlite3.Connection, session_id: int, count: int, head_hash: str) -> Head:
    row = connection.execute(_EVENT_AT, (event_key(session_id, count),)).fetchone() if count > 0 else None
    return Head(count, head_hash, row[1] if row is not None else "")


def _actions_after(heads: Iterable[Head], seq: int) -> int:
    return len({head.seq for head in heads if head.seq > seq})


def check(connection: sqlite3.Connection, database: Path) -> dict[int, list[Head]]:
    """Reads the heads file of `database` and compares it with the database behind `connection`.
    Returns the log read; raises JournalRolledBack (French, saying what is lost and what to do)."""
    log = read_log(heads_path(database))
    losses = find_losses(connection, log) if log else []
    if losses:
        raise JournalRolledBack(rollback_message(database, losses), losses[0].acknowledged.seq, database=database, losses=losses)
    return log


def start(connection: sqlite3.Connection, database: Path, where: str) -> HeadsFile:
    """A store's opening on `database`, through a driver connection: compares the database with its
    heads file (raises JournalRolledBack), creates the file if it is missing, compacts it if it has
    grown, and opens it for the appends. The same for the SQLAlchemy store (repository.Store.open)
    and for the start-up's appends (quick_append.py). Raises StoreError (French)."""
    file = heads_path(database)
    try:
        log = check(connection, database)
        if not file.exists() or file.stat().st_size > COMPACT_AT_BYTES:
            rewrite(file, merged(latest(log), database_heads(connection)))
        return HeadsFile(file)
    except sqlite3.Error as exc:
        raise open_failed(where, exc) from exc
    except OSError as exc:
        raise StoreError(f"Le fichier de contrôle « {file} » n'a pas pu être écrit : {exc.strerror or exc}.") from exc


def open_failed(where: str, exc: BaseException) -> StoreError:
    if is_busy(exc):
        return DatabaseBusy(busy_message("La base n'a pas pu être ouverte", where))
    return unreadable(where, describe_database_error(exc))


def compact(connection: sqlite3.Connection, database: Path) -> None:
    """At a store's close: the heads file rewritten with one line per session. Best effort (e.g. a
    share refusing the rename while the other post holds it): the log then stays as it is."""
    file = heads_path(database)
    try:
        current = database_heads(connection)
        # The file's heads win where they are ahead of the database: a loss must stay visible.
        rewrite(file, merged(latest(read_log(file)), current))
    except (sqlite3.Error, OSError, StoreError):
        pass


# ------------------------------------------------------------------------------ the message
def rollback_message(database: Path, losses: list[Loss]) -> str:
    lines = [
        f"Des actions enregistrées et confirmées ont disparu de la base de données « {database} » : "
        "son journal est revenu en arrière (fichier « -wal » supprimé ou perdu après un arrêt brutal, "
        "ou copie plus ancienne de la base remise en place).",
        "",
    ]
    lines += [f"• {_describe(loss)}" for loss in losses]
    lines += [
        "",
        "Séance Desk ne continue pas sans vous. Pour retrouver ces actions : fermez Séance Desk, puis remettez en place, "
        f"à la place de « {database.name} », votre dernière sauvegarde (faite par « seance-desk backup --out FICHIER ») "
        f"en supprimant « {database.name}-wal » et « {database.name}-shm » s'ils existent ; ou, si le fichier "
        f"« {database.name}-wal » d'origine a été déplacé, remettez-le à côté de la base. Séance Desk vérifiera de nouveau au démarrage.",
        "Si aucune copie n'existe, vous pouvez poursuivre avec la base telle qu'elle est : elle deviendra la nouvelle "
        "référence, et les actions perdues devront être saisies de nouveau.",
    ]
    return "\n".join(lines)


def _describe(loss: Loss) -> str:
    name = f"Séance n° {loss.session_id}" + (f" « {loss.title} »" if loss.title else "")
    acknowledged = loss.acknowledged
    if loss.stored is None:
        if acknowledged.seq == 0:
            return f"{name} : créée et confirmée, elle n'existe plus dans la base."
        return (
            f"{name} : elle n'existe plus dans la base, avec ses {acknowledged.seq} événements confirmés"
            f"{_when(' (le dernier', acknowledged.at, ')')}."
        )
    if loss.diverged:
        return (
            f"{name} : le journal de la base n'est plus celui qui a été confirmé (l'événement n° {acknowledged.seq} "
            f"diffère{_when(', confirmé', acknowledged.at, '')}) : une autre copie de la base a été mise à sa place."
        )
    first, last = loss.stored.seq + 1, acknowledged.seq
    if first == last:
        what = f"l'événement confirmé n° {last} a disparu{_when(' (enregistré le', acknowledged.at, ')')}"
    else:
        actions = f", au moins {loss.actions} actions" if loss.actions > 1 else ""
        what = (
            f"{last - first + 1} événements confirmés ont disparu (n° {first} à {last}{actions})"
            + _when(", enregistrés jusqu'au", acknowledged.at, "")
        )
    if loss.stored.seq:
        kept = f"la base s'arrête à l'événement n° {loss.stored.seq}{_when(', du', loss.stored.at, '')}"
    else:
        kept = "la base n'en garde aucun"
    return f"{name} : {what} ; {kept}."


def _when(before: str, at: str, after: str) -> str:
    """« <before> 20/11/2026 à 18:42:05<after> » in local time, or nothing when the time is unknown."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{before} {moment.astimezone().strftime('%d/%m/%Y à %H:%M:%S')}{after}"


# ------------------------------------------------------------------------------ writing
def rewrite(path: Path, heads: Mapping[int, Head]) -> None:
    """Replaces the heads file, atomically and durably, with one line per session (0600)."""
    body = f"{MAGIC}\n".encode("ascii") + b"".join(head.line(session_id) for session_id, head in sorted(heads.items()))
    write_private_file(path, body)


def merged(*sources: Mapping[int, Head]) -> dict[int, Head]:
    """Per session, the highest head found in any source."""
    result: dict[int, Head] = {}
    for source in sources:
        for session_id, head in source.items():
            known = result.get(session_id)
            if known is None or head.seq > known.seq:
                result[session_id] = head
    return result


def acknowledge_rollback(database: Path) -> None:
    """After JournalRolledBack was shown: the database as it is becomes the reference. The old heads
    file is kept beside it (renamed `….heads.AAAAMMJJ-HHMMSS.perdu`), evidence of what was
    confirmed; a new one is written from the database's heads. Raises StoreError."""
    path = heads_path(database)
    try:
        connection = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"La base de données « {database} » ne peut pas être lue : {exc}.") from exc
    try:
        current = database_heads(connection)
    except sqlite3.Error as exc:
        raise StoreError(f"La base de données « {database} » ne peut pas être lue : {exc}.") from exc
    finally:
        connection.close()
    try:
        if path.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            os.replace(path, path.with_name(f"{path.name}.{stamp}.perdu"))
        rewrite(path, current)
    except OSError as exc:
        raise StoreError(f"Le fichier de contrôle « {path} » n'a pas pu être écrit : {exc.strerror or exc}.") from exc


class HeadsFile:
    """The open heads file of one store: `record` appends a line per durable commit (one write, on
    the action's path); a daemon thread fdatasyncs after each (off it). See the module's docstring."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()  # guards the fd when the syncer reopens a replaced file
        self._fd = self._open()
        self._last: dict[int, bytes] = {}  # our latest line per session, written again into a replaced file
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None

    def _open(self) -> int:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, PRIVATE_FILE_MODE)
        if os.fstat(fd).st_size == 0:
            os.write(fd, f"{MAGIC}\n".encode("ascii"))
        return fd

    def record(self, session_id: int, seq: int, digest: str, at: str) -> None:
        """After a durable commit, before it is acknowledged. Never raises: the action is stored; a
        heads file that cannot be written weakens the check at the next start, no more."""
        line = f"{session_id} {seq} {digest} {at or '-'}\n".encode("ascii")
        with self._lock:
            try:
                os.write(self._fd, line)
            except OSError:
                return
            self._last[session_id] = line
            if self._thread is None:
                self._thread = threading.Thread(target=self._sync_forever, name="seance-desk-heads-sync", daemon=True)
                self._thread.start()
        # Set only if not set yet (setting takes a lock and a notify): a flag still set means the
        # syncer has not cleared it yet, and it clears it before each sync, so its next sync comes
        # after the line written above. In a burst of actions the flag mostly stays set.
        if not self._wake.is_set():
            self._wake.set()

    def _sync_forever(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._closing.is_set():
                return
            try:
                _datasync(self._fd)
                if os.fstat(self._fd).st_nlink == 0:
                    self._reopen()
            except OSError:
                pass  # best effort: the database is the record, this file is its witness
            # Lines written meanwhile wait for the next turn (the wake stays set); close interrupts.
            if self._closing.wait(SYNC_INTERVAL_S):
                return

    def _reopen(self) -> None:
        """Another store compacted the file (renamed a new one over it): write our heads into the new one."""
        with self._lock:  # no line may go to the old file between writing ours and the swap
            fd = self._open()
            os.write(fd, b"".join(self._last.values()))
            old, self._fd = self._fd, fd
        os.close(old)
        _datasync(fd)

    def close(self) -> None:
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
        try:
            _datasync(self._fd)
        except OSError:
            pass
        os.close(self._fd)


def _datasync(fd: int) -> None:
    (getattr(os, "fdatasync", None) or os.fsync)(fd)
