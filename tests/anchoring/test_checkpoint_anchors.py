"""The signed state checkpoint's word on the anchors (anchors_check.signed_anchors_digest): the
anchors whose signatures held when it was written, their rows unchanged since, are not verified
again at the window's start; a changed row, a checkpoint without that word or a forged one, and
every signature is verified as before — a forged signature still stops the start before any action."""

from __future__ import annotations

import json

import pytest

from seance_desk.app import open_last_session
from seance_desk.documents.signing.anchor_signature import Anchor
from seance_desk.store.errors import StoreError
from seance_desk.store.quick_read import read_last_session
from seance_desk.store.state_checkpoint import MAGIC, checkpoint_path, read_saved_state
from tests.anchoring.test_start_up_anchor_check import SQLITE_ONLY, _forge_the_last_anchor_s_signature
from tests.store.sessions import sql


@pytest.fixture
def verified_signatures(monkeypatch) -> list[int]:
    """The anchors whose signature was verified, by number."""
    numbers: list[int] = []
    real = Anchor.signature_ok

    def counted(anchor):
        numbers.append(anchor.number)
        return real(anchor)

    monkeypatch.setattr(Anchor, "signature_ok", counted)
    return numbers


@pytest.fixture
def closed_in_window(closed_session, tmp_path):
    """The anchored session, then opened in the window, verified and closed: its state saved."""
    open_store, _, session_id = closed_session
    with open_store() as store:
        store.set_last_session_id(session_id)
        count = len(store.anchors(session_id))
    db_path = tmp_path / "seance-desk.sqlite3"
    service = open_last_session(33, db_path)
    service.verify()
    service.close()
    return db_path, session_id, count


def _started(db_path):
    service = open_last_session(33, db_path)
    service.verify()
    service._closed = True  # not closed normally: that would save a new state over the one tested
    return service


@SQLITE_ONLY
def test_signatures_the_checkpoint_vouches_for_are_not_verified_again(closed_in_window, verified_signatures):
    db_path, session_id, count = closed_in_window
    quick = read_last_session(db_path)
    assert read_saved_state(db_path, session_id, quick.stored).vouched_anchors.count == count >= 3
    verified_signatures.clear()
    assert _started(db_path).verified
    assert verified_signatures == []


@SQLITE_ONLY
def test_a_forged_signature_after_the_checkpoint_is_verified_and_stops_the_start(closed_in_window, verified_signatures):
    db_path, session_id, count = closed_in_window
    _forge_the_last_anchor_s_signature(db_path, session_id)
    verified_signatures.clear()
    service = open_last_session(33, db_path)
    try:
        with pytest.raises(StoreError, match="a une signature qui ne vaut pas pour cette séance"):
            service.verify()
        assert not service.verified
    finally:
        service._closed = True
    assert len(verified_signatures) == count  # the rows differ from the vouched ones: every signature verified


@SQLITE_ONLY
def test_a_checkpoint_whose_anchors_word_was_forged_is_ignored(closed_in_window, verified_signatures):
    """Someone forges a signature and writes the digest of the forged rows into the checkpoint: the
    checkpoint's MAC refuses it, every signature is verified, the forgery found."""
    from seance_desk.store.anchors_check import anchors_digest

    db_path, session_id, count = closed_in_window
    _forge_the_last_anchor_s_signature(db_path, session_id)
    rows = sql(db_path, "SELECT number, anchor_json FROM journal_anchors WHERE session_id = ? ORDER BY number", session_id)
    path = checkpoint_path(db_path)
    data = path.read_bytes()
    header_text = data[len(MAGIC) :].partition(b"\n")[0]
    header = json.loads(header_text)
    header["anchors_digest"] = [len(rows), anchors_digest([tuple(row) for row in rows])]
    path.write_bytes(MAGIC + json.dumps(header, sort_keys=True).encode("utf-8") + data[len(MAGIC) + len(header_text) :])
    assert read_saved_state(db_path, session_id, read_last_session(db_path).stored).vouched_anchors is None
    verified_signatures.clear()
    with pytest.raises(StoreError, match="a une signature qui ne vaut pas pour cette séance"):
        open_last_session(33, db_path).verify()
    assert len(verified_signatures) == count


@SQLITE_ONLY
def test_no_word_on_anchors_whose_signature_does_not_hold(closed_session, tmp_path):
    """The checkpoint vouches only for signatures it verified: written over a forged anchor, it says nothing."""
    from seance_desk.store.anchors_check import signed_anchors_digest

    open_store, _, session_id = closed_session
    db_path = tmp_path / "seance-desk.sqlite3"
    with open_store() as store:
        stored = store.load_session(session_id)
    assert signed_anchors_digest(db_path, session_id, stored.genesis, stored.setup.title) is not None
    _forge_the_last_anchor_s_signature(db_path, session_id)
    assert signed_anchors_digest(db_path, session_id, stored.genesis, stored.setup.title) is None
