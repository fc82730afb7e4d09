"""One SHA-256 over a journal's stored rows, exactly as the events table holds them (issue 8, speed).

Why: before the chair may act, the start-up re-hashed every event of the last session (≈ 50 ms of
the 240-member session's 9,000 events, chain_texts.py), although the state saved at the last close
(state_checkpoint.py) was folded from those very events, verified then. The checkpoint now also
carries this digest of the rows it stands on, computed when it is written from the texts that were
verified (the start-up's read, then the texts this process wrote itself); the next start computes
it again over the rows it has just read, in C (≈ 7 ms). Equal: the rows up to the checkpoint's head
are, byte for byte, those verified before, so their stored hashes are their computed ones and only
the events after the head are re-hashed (integrity.verify_stored_chain). Different, or anything
unusual: None or another digest, and every event is re-hashed as before, with the same message
naming the faulty event. The links, numbers and times of every event are checked either way.

The digest is the checkpoint's word, and the checkpoint is authenticated (HMAC, key outside the
database): someone who can write to the database cannot make a digest the start-up accepts for rows
other than the verified ones. Standard library only: used before SQLAlchemy is imported."""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import sha256
from typing import Any

# The columns hashed, in this order: codec.EVENT_READ_COLUMNS, as quick_read reads them.
_TEXT_COLUMNS = range(1, 6)  # type, at, payload_json, prev_hash, hash: texts joined by NUL
_COLUMNS = 7


def rows_digest(rows: Sequence[tuple[Any, ...]]) -> str | None:
    """The digest of `rows`, each (seq, type, at, payload_json, prev_hash, hash, actor) as read,
    in order; None when a row does not have that shape (a text column holding another type or a
    NUL character: an altered row, which the full verification then names).

    Column by column, so that the work is done by C loops: the seq and actor columns as their
    Python repr (which tells an int from a text, None from a text), each text column joined with
    NUL — unambiguous since no text may hold one (counted) — and every block prefixed by its length."""
    digest = sha256(b"seance-desk-lignes 1\n")
    if not rows:
        return digest.hexdigest()
    if any(len(row) != _COLUMNS for row in rows):
        return None
    columns = list(zip(*rows, strict=True))
    count = len(rows)
    blocks = [repr(columns[0])]
    try:
        for index in _TEXT_COLUMNS:
            block = "\0".join(columns[index])  # TypeError if a value is not a text
            if block.count("\0") != count - 1:
                return None
            blocks.append(block)
    except TypeError:
        return None
    blocks.append(repr(columns[6]))
    for block in blocks:
        data = block.encode("utf-8", "surrogatepass")
        digest.update(b"%d\n" % len(data))
        digest.update(data)
    return digest.hexdigest()


def rows_of(events: Sequence[Any], texts: Sequence[tuple[str, str]] | None) -> list[tuple[Any, ...]] | None:
    """The rows `events` were read from or written as: the first len(`texts`) with those texts (the
    start-up's read, verified since), the others with the texts this process hashed and wrote
    (Event.hashed_texts). None if an event's texts are not known (read by another path, another
    post's): then no digest is saved, and the next start re-hashes the whole journal."""
    if texts is None:
        return None
    known = len(texts)
    rows = []
    for index, event in enumerate(events):
        pair = texts[index] if index < known else event.hashed_texts
        if pair is None:
            return None
        at, payload_json = pair
        rows.append((event.seq, event.type, at, payload_json, event.prev_hash, event.hash, event.actor))
    return rows
