"""Databases a later start must survive, altered with sqlite3 as someone outside the application
would: an event changed with its hash chain recomputed (only the replay can tell), or changed alone
(the chain tells)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

from seance_desk.tools.demo import build_demo
from seance_desk.models.canonical import parse_iso_utc
from seance_desk.models.journal import make_event
from seance_desk.store import Store


def sql(path: Path, statement: str, *params):
    with closing(sqlite3.connect(path)) as connection, connection:
        return connection.execute(statement, params).fetchall()


def drop_heads_file(path: Path) -> None:
    """Deletes the acknowledged heads the store keeps beside the database (store/heads.py), as a
    forger rewriting the journal would: kept, they would stop the store from opening at all (its
    journal "went back in time"), and these tests are about one session that cannot be used."""
    path.with_name(path.name + ".heads").unlink(missing_ok=True)


def delete_session(path: Path, session_id: int) -> None:
    """The session and everything of it gone (its events, head and texts cascade), as if never stored."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
    drop_heads_file(path)


def two_sessions(path: Path) -> tuple[int, int]:
    """(another sound session, the last session opened), both 33-member demos."""
    other = build_demo(33, 12, session_date=date(2026, 10, 2), until_item=2)
    last = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    with Store.open(path) as store:
        other_id = store.import_session(other.assembly, other.setup, other.events)
        last_id = store.import_session(last.assembly, last.setup, last.events)
        store.set_last_session_id(last_id)
    return other_id, last_id


def _payloads(path: Path, session_id: int, event_type: str) -> list[tuple[int, dict]]:
    rows = sql(path, "SELECT seq, payload_json FROM events WHERE session_id = ? AND type = ? ORDER BY seq", session_id, event_type)
    return [(seq, json.loads(payload)) for seq, payload in rows]


def absent_ballot(path: Path, session_id: int) -> tuple[int, str]:
    """(seq of the first ballot, a member excused without giving a proxy): that member's ballot is
    a well-formed event the rules refuse (he is not present: he cannot vote)."""
    grantors = {payload["grantor_id"] for _seq, payload in _payloads(path, session_id, "proxy.given")}
    absent = next(p["member_id"] for _seq, p in _payloads(path, session_id, "member.excused") if p["member_id"] not in grantors)
    seq = _payloads(path, session_id, "vote.cast")[0][0]
    return seq, absent


def rewrite_event(path: Path, session_id: int, seq: int, change: Callable[[dict], None], rechain: bool) -> None:
    """Applies `change` to the payload of event `seq`; with `rechain`, recomputes the hash of that
    event and of every later one, and the recorded head, as a careful forger would."""
    rows = sql(path, "SELECT seq, type, at, payload_json, prev_hash FROM events WHERE session_id = ? AND seq >= ? ORDER BY seq", session_id, seq)
    prev = rows[0][4]
    for row_seq, type_, at, payload_json, _prev in rows:
        payload = json.loads(payload_json)
        if row_seq == seq:
            change(payload)
        if not rechain:
            sql(path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", json.dumps(payload), session_id, seq)
            return
        event = make_event(row_seq, type_, parse_iso_utc(at), payload, prev)
        at_text, payload_text = event.hashed_texts
        sql(
            path,
            "UPDATE events SET at = ?, payload_json = ?, prev_hash = ?, hash = ? WHERE session_id = ? AND seq = ?",
            at_text, payload_text, event.prev_hash, event.hash, session_id, row_seq,
        )
        prev = event.hash
    sql(path, "UPDATE session_heads SET head_hash = ? WHERE session_id = ?", prev, session_id)
    drop_heads_file(path)


def refuse_a_ballot(path: Path, session_id: int, rechain: bool) -> int:
    """The first ballot given to an absent member; returns its seq."""
    seq, absent = absent_ballot(path, session_id)
    rewrite_event(path, session_id, seq, lambda payload: payload.update(voter_id=absent), rechain)
    return seq


def change_a_ballot(path: Path, session_id: int) -> int:
    """A « pour » turned « contre », hashes left as they were: still a legal ballot, so the session
    replays and only the chain's verification (after the first paint) can tell. Returns its seq."""
    seq = next(seq for seq, payload in _payloads(path, session_id, "vote.cast") if payload["choice"] == "pour")
    rewrite_event(path, session_id, seq, lambda payload: payload.update(choice="contre"), rechain=False)
    return seq
