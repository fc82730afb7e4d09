"""Issue 14 § 3: every event names who did it (`actor`), in its hash only when set — so every chain
written before keeps verifying — stored beside the event, carried by session files, and checked."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from seance_desk.files.session_file import parse_session_file, session_file_bytes, verify_session_bytes
from seance_desk.models.journal import chain_hash, make_event
from seance_desk.store import Store
from seance_desk.store.accounts import Account, Role
from seance_desk.store.errors import StoreError
from tests.store.sessions import new_service, sql

T0 = datetime(2026, 12, 18, 17, 30, tzinfo=UTC)
GENESIS = "ab" * 32


def test_an_event_without_author_hashes_exactly_as_before():
    event = make_event(1, "session.opened", T0, {}, GENESIS)
    legacy_body = {"seq": 1, "type": "session.opened", "at": "2026-12-18T17:30:00Z", "payload": {}, "prev_hash": GENESIS}
    assert event.actor is None and event.hash == chain_hash(GENESIS, legacy_body) and "actor" not in event.to_dict()


def test_an_author_is_in_the_hash():
    signed = make_event(1, "session.opened", T0, {}, GENESIS, actor="mcurie")
    assert signed.hash != make_event(1, "session.opened", T0, {}, GENESIS).hash
    assert signed.computed_hash() == signed.hash and signed.to_dict()["actor"] == "mcurie"
    assert make_event(1, "session.opened", T0, {}, GENESIS, actor="jmoulin").hash != signed.hash


@pytest.fixture
def played(tmp_path):
    db_path = tmp_path / "base.sqlite3"
    with Store.open(db_path) as store:
        service = new_service(store)
        service.do(service.commands.arrive("m1"))  # nobody signed in: a poste unique
        service.person = Account("mcurie", "Marie Curie", Role.PRESIDENT)
        service.do(service.commands.arrive("m2"))
        service.do(service.commands.open_session())
        return db_path, service.session_id


def test_the_signed_in_person_is_recorded_beside_each_event_and_reloads(played):
    db_path, session_id = played
    rows = sql(db_path, "SELECT seq, actor FROM events WHERE session_id = ? ORDER BY seq", session_id)
    assert rows[0][1] is None and all(actor == "mcurie" for _, actor in rows[1:])
    with Store.open(db_path) as store:
        events = store.load_session(session_id).events
    assert [event.actor for event in events][:2] == [None, "mcurie"]


def test_changing_the_author_in_the_database_is_detected(played):
    db_path, session_id = played
    sql(db_path, "UPDATE events SET actor = 'jmoulin' WHERE session_id = ? AND seq = 2", session_id)
    with Store.open(db_path) as store:
        with pytest.raises(StoreError, match="événement n° 2"):
            store.load_session(session_id)


def test_a_session_file_carries_the_authors_and_refuses_a_bad_one(played):
    db_path, session_id = played
    with Store.open(db_path) as store:
        stored = store.load_session(session_id)
    data = session_file_bytes(stored.assembly, stored.setup, stored.events)
    assert [event.actor for event in parse_session_file(data).events][:2] == [None, "mcurie"]
    for bad in (["mcurie"], "x" * 100_000, "", 7):
        document = json.loads(data)
        document["events"][1]["actor"] = bad
        report = verify_session_bytes(json.dumps(document).encode())
        assert not report.ok and "événement n° 2" in report.message
    document = json.loads(data)
    document["events"][1]["actor"] = "jmoulin"  # a valid login, but not the one hashed
    assert "événement n° 2" in verify_session_bytes(json.dumps(document).encode()).message
