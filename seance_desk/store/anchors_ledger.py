"""This installation's own copy of the anchors it made, OUTSIDE the database (beside its key).

The database's anchors are what another post, an export and `seance-desk verify` check. But a
forger with write access to the database could delete those rows along with rewriting the journal;
the post that made them still knows: each anchor it makes is also appended here, one line
`genesis place number seq hash at`, and every check of a session on this post includes its lines.

`place` names the session in its database (place_of: a digest of the database's path or address and
the session's number), not only its genesis: the same session file imported twice is two sessions
with one genesis, which may legitimately go on differently; a line must only speak for the session
it was made for. A database moved elsewhere simply leaves its lines unused (never a false alarm).
A line cut by a power cut, or anything malformed, is skipped (each line is checked whole).
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

from ..models.canonical import CanonicalFormError, iso_utc, parse_iso_utc
from ..paths import PRIVATE_FILE_MODE, private_dir

LEDGER_FILENAME = "journal-ancres.log"
MAX_LEDGER_BYTES = 64 * 1024 * 1024  # far beyond years of sessions; larger is not read (a mistake, not ours)
_HEX = frozenset("0123456789abcdef")


def ledger_path(folder: Path) -> Path:
    return folder / LEDGER_FILENAME


def place_of(where: str, session_id: int) -> str:
    return hashlib.sha256(f"{where}#{session_id}".encode()).hexdigest()[:32]


def record(folder: Path, genesis: str, place: str, number: int, seq: int, head_hash: str, at: datetime) -> None:
    """Appends one line (O_APPEND, one write: two processes never interleave within a line). Raises OSError."""
    private_dir(folder)
    # Each write starts with a newline: a line cut by a power cut before it stays a line of its own
    # (then skipped) instead of swallowing this one. The empty lines this leaves are skipped too.
    line = f"\n{genesis} {place} {number} {seq} {head_hash} {iso_utc(at)}\n".encode("ascii")
    fd = os.open(ledger_path(folder), os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def retire_beyond(folder: Path, place: str, seq: int) -> None:
    """After a loss of acknowledged actions was told and accepted (errors.JournalRolledBack.acknowledge):
    the anchors this post made beyond event n° `seq` of the session at `place` no longer speak for
    it — the journal goes on from n° `seq` with new events. Appends `R place seq`. Raises OSError."""
    private_dir(folder)
    fd = os.open(ledger_path(folder), os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
    try:
        os.write(fd, f"\nR {place} {seq}\n".encode("ascii"))
    finally:
        os.close(fd)


def entries(folder: Path, genesis: str, place: str) -> list[tuple[int, int, str, datetime]]:
    """(number, seq, hash, at) of every well-formed line for `genesis` at `place`, less those retired
    since; none if the file is missing or unreadable."""
    path = ledger_path(folder)
    try:
        if path.stat().st_size > MAX_LEDGER_BYTES:
            return []
        data = path.read_bytes()
    except OSError:
        return []
    prefix = f"{genesis} {place} ".encode("ascii", "replace")
    retire = f"R {place} ".encode("ascii", "replace")
    found: list[tuple[int, int, str, datetime]] = []
    for raw in data.split(b"\n")[:-1]:  # the last piece has no newline: empty, or a cut line
        if raw.startswith(prefix):
            parsed = _parse(raw)
            if parsed is not None:
                found.append(parsed)
        elif raw.startswith(retire):
            kept = raw[len(retire):]
            if kept.isdigit() and len(kept) <= 9:
                found = [entry for entry in found if entry[1] <= int(kept)]
    return found


def _parse(raw: bytes) -> tuple[int, int, str, datetime] | None:
    parts = raw.split(b" ")[2:]
    if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit() or len(parts[0]) > 9 or len(parts[1]) > 9:
        return None
    try:
        digest, at_text = parts[2].decode("ascii"), parts[3].decode("ascii")
        at = parse_iso_utc(at_text)
    except (UnicodeDecodeError, CanonicalFormError):
        return None
    if len(digest) != 64 or not _HEX.issuperset(digest):
        return None
    return int(parts[0]), int(parts[1]), digest, at
