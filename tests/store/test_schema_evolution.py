"""A session stored by an earlier version keeps working: the journal chains from the setup as it
was stored and hashed, not from a re-serialisation that a new field with a default would change."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

from seance_desk.models.canonical import canonical_json, sha256_hex
from seance_desk.service.session import SessionService
from tests.store.sessions import small_session


def _drop_field_from_stored_setup(db_path, session_id: int, field: str) -> None:
    """Rewrites the stored setup as an older version would have written it (without `field`)."""
    with closing(sqlite3.connect(db_path)) as db, db:
        (text,) = db.execute("SELECT setup_json FROM sessions WHERE id = ?", (session_id,)).fetchone()
        setup = json.loads(text)
        for item in setup["session"]["agenda"]:
            del item[field]
        older = canonical_json(setup)
        genesis = sha256_hex(older)
        db.execute("UPDATE sessions SET setup_json = ?, genesis_hash = ? WHERE id = ?", (older, genesis, session_id))
        db.execute("UPDATE session_heads SET head_hash = ? WHERE session_id = ?", (genesis, session_id))


def test_a_setup_stored_without_a_now_defaulted_field_still_chains_and_verifies(store, db_path):
    service = SessionService.create(store, *small_session())
    _drop_field_from_stored_setup(db_path, service.session_id, "report_ref")

    reopened = SessionService(store, service.session_id)
    stored = store.load_session(service.session_id)
    assert reopened.engine.genesis == stored.genesis
    reopened.do(reopened.commands.arrive("m1"))
    reopened.do(reopened.commands.arrive("m2"))

    again = store.load_session(service.session_id)
    assert [e.type for e in again.events][:2] == ["member.arrived", "member.arrived"]
    assert again.events[0].prev_hash == stored.genesis
