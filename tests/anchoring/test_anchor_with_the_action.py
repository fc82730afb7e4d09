"""On SQLite the anchor the policy wants after an action is written in that action's own transaction
(Store.append_events, store/sqlite_append.py): one durable commit for both instead of a second one
for the anchor. The guarantees stay: every anchor is numbered in order and signed, recorded in this
post's ledger once durable, and an anchor that cannot be made or written never fails the action."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from seance_desk.documents.signing.anchor_keys import ANCHOR_DIR_ENV
from seance_desk.service.anchoring import ANCHOR_EVERY_EVENTS
from seance_desk.store import Store
from seance_desk.store.anchors_ledger import entries
from seance_desk.store.anchors_store import AnchorsStore
from tests.store.sessions import new_service, sql


def test_the_opening_s_anchor_is_written_with_the_opening_in_one_commit(tmp_path, monkeypatch):
    db_path = tmp_path / "base.sqlite3"
    separate = []
    original = AnchorsStore.add_anchor
    monkeypatch.setattr(AnchorsStore, "add_anchor", lambda self, *args: separate.append(args) or original(self, *args))
    with Store.open(db_path) as store:
        service = new_service(store)
        for member in ("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"):
            service.do(service.commands.arrive(member))
        events, _ = service.do(service.commands.open_session())
        anchors = store.anchors(service.session_id)
        opening = anchors[-1]
        assert opening.reason == "ouverture" and opening.seq == events[-1].seq and opening.signature_ok()
        assert [anchor.number for anchor in anchors] == list(range(1, len(anchors) + 1))
        assert separate == []  # written with the actions, none in a transaction of its own
        place = store.anchor_place(service.session_id)
        ledger = entries(Path(os.environ[ANCHOR_DIR_ENV]), opening.genesis, place)
        assert (opening.number, opening.seq, opening.hash) in {(number, seq, digest) for number, seq, digest, _at in ledger}


def test_an_anchor_the_database_refuses_leaves_the_action_stored_and_is_made_later(tmp_path):
    db_path = tmp_path / "base.sqlite3"
    with Store.open(db_path) as store:
        service = new_service(store)
        service.do(service.commands.arrive("m1"))  # the first action is anchored
        sql(db_path, "CREATE TRIGGER refuse_anchors BEFORE INSERT ON journal_anchors BEGIN SELECT RAISE(ABORT, 'refusé'); END")
        for _ in range(ANCHOR_EVERY_EVENTS // 2):
            service.do(service.commands.leave("m1"))
            service.do(service.commands.arrive("m1"))
        count = len(service.engine.events)
        assert count > ANCHOR_EVERY_EVENTS  # an anchor was due, and refused
        assert [anchor.seq for anchor in store.anchors(service.session_id)] == [1]
        assert sql(db_path, "SELECT count(*) FROM events")[0][0] == count  # every action stored
        sql(db_path, "DROP TRIGGER refuse_anchors")
        service.do(service.commands.leave("m1"))  # still due: made now
        assert [anchor.seq for anchor in store.anchors(service.session_id)] == [1, count + 1]
        store.load_session(service.session_id)  # the session opens, its anchors checked


def test_an_anchor_that_cannot_be_signed_never_fails_the_action(tmp_path, monkeypatch, caplog):
    from seance_desk.service import anchoring

    def no_key():
        raise OSError("dossier des clés illisible")

    db_path = tmp_path / "base.sqlite3"
    with Store.open(db_path) as store:
        service = new_service(store)
        monkeypatch.setattr(anchoring.Anchorer, "__init__", _with_signer(anchoring.Anchorer.__init__, no_key))
        with caplog.at_level(logging.WARNING, logger="seance_desk.anchoring"):
            events, _ = service.do(service.commands.arrive("m1"))
        assert events and store.anchors(service.session_id) == []
        assert "dossier des clés illisible" in caplog.text
        assert sql(db_path, "SELECT count(*) FROM events")[0][0] == 1


def _with_signer(init, signer):
    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._signer = signer

    return patched
