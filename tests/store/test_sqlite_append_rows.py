"""An action of several events (« unanimité ») is inserted with positional parameters
(store/sqlite_append.py): each column gets its own value, exactly as the one-event insert and the
other writers store it."""

from __future__ import annotations

from pathlib import Path

from seance_desk.store import Store
from seance_desk.store.codec import event_row
from seance_desk.store.event_keys import event_key
from tests.helpers import keyed_one_by_one
from tests.store.sessions import sql, voting_service

COLUMNS = ("id", "session_id", "seq", "type", "at", "payload_json", "prev_hash", "hash", "actor")


def test_every_row_of_a_multi_event_action_holds_its_own_columns(db_path: Path):
    with Store.open(db_path) as store:
        service = voting_service(store, present=10)
        c = service.commands
        service.engine.actor = None
        casts, _ = service.do(keyed_one_by_one(service.engine, c, "i1"))  # one vote.cast each, in one action
        session_id = service.session_id
        stored = store.load_session(session_id)  # verified: every hash recomputed from the columns
    assert len(casts) > 5
    rows = sql(db_path, f"SELECT {', '.join(COLUMNS)} FROM events WHERE session_id = ? AND seq >= ? ORDER BY seq", session_id, casts[0].seq)
    assert len(rows) == len(casts)
    for row, event in zip(rows, casts, strict=True):
        expected = {**event_row(session_id, event), "id": event_key(session_id, event.seq)}
        assert dict(zip(COLUMNS, row, strict=True)) == expected
    assert [e.hash for e in stored.events[-len(casts):]] == [e.hash for e in casts]
