"""The signed checkpoint's digest of the rows it stands on (store/rows_digest.py): the start-up
re-hashes only the events after the checkpoint's head when the rows before it are, byte for byte,
the ones verified when it was written; any difference, a checkpoint without a digest or a forged
one, and every event is re-hashed as before, the altered event named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seance_desk.app import open_last_session
from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError, integrity
from seance_desk.store.quick_read import read_last_session
from seance_desk.store.rows_digest import rows_digest, rows_of
from seance_desk.store.state_checkpoint import MAGIC, checkpoint_path, read_saved_state, write_checkpoint
from tests.store.sessions import sql
from tests.store.test_state_checkpoint import closed_then_more


@pytest.fixture
def rehashed(monkeypatch) -> list[int]:
    """How many events each verification re-hashed (chain_texts.stored_hashes' share)."""
    counts: list[int] = []
    real = integrity.stored_hashes

    def counted(events, texts):
        counts.append(len(events))
        return real(events, texts)

    monkeypatch.setattr(integrity, "stored_hashes", counted)
    return counts


@pytest.fixture
def closed(db_path: Path) -> tuple[int, int]:
    """A session closed in the window (its state and its rows' digest saved), then more actions."""
    return closed_then_more(db_path)


def _verified(db_path: Path) -> SessionService:
    service = open_last_session(9, db_path)
    try:
        service.verify()
    finally:
        service._closed = True  # not closed normally: that would save a new state over the one tested
    return service


def _header(db_path: Path) -> dict:
    data = checkpoint_path(db_path).read_bytes()
    return json.loads(data[len(MAGIC) :].partition(b"\n")[0])


def test_the_digest_saved_at_close_is_the_rows_digest_as_read_back(db_path: Path, closed):
    session_id, head = closed
    quick = read_last_session(db_path)
    assert _header(db_path)["rows_digest"] == rows_digest(quick.rows[:head])
    assert read_saved_state(db_path, session_id, quick.stored).vouched == (head, rows_digest(quick.rows[:head]))


def test_rows_the_checkpoint_vouches_for_are_not_rehashed(db_path: Path, closed, rehashed):
    session_id, head = closed
    service = _verified(db_path)
    assert service.verified
    total = len(service.engine.events)
    assert total > head and rehashed == [total - head]  # only the events after the checkpoint's head


def test_a_row_altered_before_the_head_gets_the_full_check_naming_it(db_path: Path, closed, rehashed):
    session_id, head = closed
    seq, payload = sql(db_path, "SELECT seq, payload_json FROM events WHERE session_id = ? AND type = 'member.arrived' ORDER BY seq", session_id)[0]
    assert seq < head
    sql(db_path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", payload.replace("m1", "m14"), session_id, seq)
    service = open_last_session(9, db_path)
    with pytest.raises(StoreError) as refused:
        service.verify()
    assert refused.value.seq == seq and "a été altérée" in str(refused.value)
    assert rehashed == [len(service.engine.events)]  # the digest differed: every event re-hashed
    assert not service.verified


def test_a_row_rewritten_with_an_equivalent_text_loses_only_the_shortcut(db_path: Path, closed, rehashed):
    """A payload written with a space the canonical form has not: the same event, another row. The
    digest differs, so every event is re-hashed; the journal is sound and opens."""
    session_id, head = closed
    seq, payload = sql(db_path, "SELECT seq, payload_json FROM events WHERE session_id = ? AND type = 'member.arrived' ORDER BY seq", session_id)[0]
    sql(db_path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", payload.replace(":", ": ", 1), session_id, seq)
    service = _verified(db_path)
    assert service.verified and rehashed == [len(service.engine.events)]


def test_a_checkpoint_without_digest_rehashes_every_event(db_path: Path, closed, rehashed):
    session_id, _ = closed
    with Store.open(db_path) as store:  # saved as the store's own path saves it: no texts, no digest
        stored = store.load_session(session_id)
        service = SessionService(store, session_id)
        assert write_checkpoint(db_path, session_id, stored.genesis, service.engine.state)
    assert "rows_digest" not in _header(db_path)
    verified = _verified(db_path)
    assert verified.verified and rehashed == [len(verified.engine.events)]


def test_a_forged_digest_is_refused_with_the_checkpoint_and_the_altered_row_named(db_path: Path, closed):
    """Someone who alters a row and writes the digest of the altered rows into the checkpoint
    cannot sign it (the key is not beside the database): the checkpoint is ignored, the row found."""
    session_id, head = closed
    seq, payload = sql(db_path, "SELECT seq, payload_json FROM events WHERE session_id = ? AND type = 'member.arrived' ORDER BY seq", session_id)[0]
    sql(db_path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", payload.replace("m1", "m14"), session_id, seq)
    forged_digest = rows_digest(read_last_session(db_path).rows[:head])
    path = checkpoint_path(db_path)
    data = path.read_bytes()
    header = _header(db_path)
    old_header = json.dumps(header, sort_keys=True).encode("utf-8")
    assert data.startswith(MAGIC + old_header + b"\n")
    header["rows_digest"] = forged_digest
    path.write_bytes(MAGIC + json.dumps(header, sort_keys=True).encode("utf-8") + data[len(MAGIC) + len(old_header) :])
    quick = read_last_session(db_path)
    assert read_saved_state(db_path, session_id, quick.stored).vouched is None  # the MAC refuses the header
    # The whole journal folded and checked: the altered arrival is refused (at the fold or by the chain), named.
    with pytest.raises(StoreError) as refused:
        open_last_session(9, db_path).verify()
    assert refused.value.seq == seq and "a été altérée" in str(refused.value)


def test_the_digest_tells_every_change_of_a_row_apart():
    rows = [
        (1, "member.arrived", "2026-11-20T16:50:00Z", '{"member_id":"m1"}', "a" * 64, "b" * 64, None),
        (2, "item.opened", "2026-11-20T16:51:00Z", '{"item_id":"i1"}', "b" * 64, "c" * 64, "maire"),
    ]
    digest = rows_digest(rows)
    assert digest is not None and digest == rows_digest([tuple(row) for row in rows])
    changed = [
        [(1.0, *rows[0][1:]), rows[1]],  # seq as a float
        [("1", *rows[0][1:]), rows[1]],  # seq as a text
        [rows[0], (*rows[1][:6], None)],  # the actor removed
        [(*rows[0][:6], ""), rows[1]],  # an empty actor instead of none
        [(1, "member.arrive", "d2026-11-20T16:50:00Z", *rows[0][3:]), rows[1]],  # a character moved between columns
        [rows[0]],  # a row removed
        [rows[1], rows[0]],  # rows swapped
    ]
    assert all(rows_digest(other) != digest for other in changed)
    # Not a row as the table holds it: no digest at all (the full check names what is wrong).
    assert rows_digest([(*rows[0][:3], b"{}", *rows[0][4:])]) is None
    assert rows_digest([(1, "member.arrived\0x", *rows[0][2:])]) is None
    assert rows_digest([rows[0][:6]]) is None


def test_without_every_event_s_texts_no_digest_is_made(db_path: Path, recorded):
    session_id, _ = recorded
    with Store.open(db_path) as store:
        events = store.load_session(session_id).events  # read by the store: their texts are not kept
    assert rows_of(events, None) is None
    assert rows_of(events, []) is None


def test_actions_made_in_the_window_are_vouched_for_with_the_rows_read_at_its_start(db_path: Path, closed, rehashed):
    """The digest saved at close covers the rows read at the start and those this process wrote
    since (their texts as hashed, Event.hashed_texts), through the start-up's appender and the store."""
    session_id, _ = closed
    service = open_last_session(9, db_path)
    service.verify()
    service.do(service.commands.arrive("m12"))  # through the start-up's appender
    service.finish_opening()
    service.do(service.commands.arrive("m13"))  # through the store
    head = len(service.engine.events)
    service.close()
    quick = read_last_session(db_path)
    assert len(quick.rows) == head and _header(db_path)["rows_digest"] == rows_digest(quick.rows)
    rehashed.clear()
    again = _verified(db_path)
    assert again.verified and rehashed == [0]  # nothing left to re-hash
