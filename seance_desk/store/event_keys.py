"""On SQLite, an event's row id IS its place in the journals: session_id × 2³² + seq (revision 0009).

Why: the events table was a rowid table plus a unique index on (session_id, seq), so each append
wrote two B-trees — the table's page and the index's page, two WAL frames of 4 KB to write and sync
for a row of about 250 bytes. Keyed by its rowid, an event is one entry of one B-tree, still unique
per (session, seq) (two writers cannot both store event n° N: the second INSERT fails on the primary
key, as it failed on the unique index), and a session's journal is one contiguous range of keys, read
in order without an index or a sort. Measured on the bench's action (bench_store, 240 members):
WAL frames written per action, anchors included, 3.16 → 2.14 (the bare commit of the floor writes
1); with its interleaved rounds (10-12 each, the two layouts alternated), action p50 0.284 → 0.239 ms
and p95 0.448 → 0.399 ms on a quiet disk, p50 0.300 → 0.237 ms on a busy one, the floor unchanged.

The table's CHECK constraints hold the key to its columns: `id = session_id * 4294967296 + seq` and
1 ≤ seq < 2³², so no two (session, seq) pairs share a key, and a writer that forgets the id (SQLite
then picks max + 1) is refused rather than stored under a wrong key. PostgreSQL keeps its own layout
(a BIGSERIAL id and the unique constraint, revision 0001): nothing here applies to it.

Standard library only: the start-up's read (quick_read.py) and append (quick_append.py) use it."""

from __future__ import annotations

SEQ_SPAN = 1 << 32  # 4294967296: one session's keys; seq stays below it (CHECK in revision 0009)


def event_key(session_id: int, seq: int) -> int:
    """The events row id of event n° `seq` of session `session_id` on SQLite."""
    return session_id * SEQ_SPAN + seq


def session_keys(session_id: int) -> tuple[int, int]:
    """The first and last possible row ids of a session's events (for `id BETWEEN ? AND ?`)."""
    return session_id * SEQ_SPAN + 1, session_id * SEQ_SPAN + SEQ_SPAN - 1


def keyed_rows(rows: list[dict]) -> list[dict]:
    """codec.event_row's dicts with their SQLite row id added (in place, for the hot path)."""
    for row in rows:
        row["id"] = row["session_id"] * SEQ_SPAN + row["seq"]
    return rows
