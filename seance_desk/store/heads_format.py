"""The heads file's format (heads.py says why the file exists): a first line `MAGIC`, then one line
per acknowledged head, `session seq hash at`. Reading it (a cut or malformed line skipped), the
database's own heads, and the atomic rewrite with one line per session that compacts it.

Standard library only, as heads.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..paths import write_private_file
from .event_keys import SEQ_SPAN
from .errors import StoreError

MAGIC = "seance-desk-heads 1"
_HASH_LENGTH = 64
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True, slots=True)
class Head:
    """A session's journal head: `seq` events, the last one's `hash`; `at` its ISO-8601 UTC time as
    journaled ("" for an empty journal, or when unknown)."""

    seq: int
    hash: str
    at: str = ""

    def line(self, session_id: int) -> bytes:
        return f"{session_id} {self.seq} {self.hash} {self.at or '-'}\n".encode("ascii")


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
