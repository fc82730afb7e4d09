"""load_session(verify=False) leaves only the hash chain for later (verify_stored_chain), the window's
startup path: every other check still refuses an altered database at load, and the deferred check
refuses it with the very message a full load gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError
from seance_desk.store.integrity import verify_stored_chain

from tests.store.sessions import sql


def _change_a_ballot(db_path: Path, session_id: int) -> int:
    seq, payload = sql(db_path, "SELECT seq, payload_json FROM events WHERE type = 'vote.cast' AND payload_json LIKE '%pour%'")[0]
    ballot = json.loads(payload)
    ballot["choice"] = "contre"
    sql(db_path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", json.dumps(ballot), session_id, seq)
    return seq


def test_a_sound_journal_loads_unverified_then_verifies(db_path: Path, recorded):
    session_id, count = recorded
    with Store.open(db_path) as store:
        stored = store.load_session(session_id, verify=False)
        assert len(stored.events) == count
        verify_stored_chain(session_id, stored)
        assert stored == store.load_session(session_id)


def test_a_changed_payload_is_refused_by_the_deferred_check_with_the_same_message(db_path: Path, recorded):
    session_id, _ = recorded
    seq = _change_a_ballot(db_path, session_id)
    with Store.open(db_path) as store:
        with pytest.raises(StoreError) as full:
            store.load_session(session_id)
        stored = store.load_session(session_id, verify=False)  # decoded and head-checked only
        with pytest.raises(StoreError) as deferred:
            verify_stored_chain(session_id, stored)
    assert str(deferred.value) == str(full.value)
    assert f"événement n° {seq} (vote.cast) : son contenu a été modifié" in str(deferred.value)
    assert deferred.value.seq == seq


def test_deleted_events_are_refused_at_load_even_unverified(db_path: Path, recorded):
    session_id, count = recorded
    sql(db_path, "DELETE FROM events WHERE session_id = ? AND seq = ?", session_id, count)
    with Store.open(db_path) as store:
        with pytest.raises(StoreError, match="des événements ont été supprimés"):
            store.load_session(session_id, verify=False)


def test_an_unverified_service_refuses_every_action_until_verified(db_path: Path, recorded):
    session_id, count = recorded
    with Store.open(db_path) as store:
        service = SessionService(store, session_id, verify=False)
        assert not service.verified
        with pytest.raises(StoreError, match="Vérification du journal en cours"):
            service.do(service.commands.raise_hand("m4"))
        service.verify()
        assert service.verified
        service.do(service.commands.raise_hand("m4"))
        assert len(store.load_session(session_id).events) == count + 1


def test_an_altered_service_refuses_every_action_for_good(db_path: Path, recorded):
    session_id, count = recorded
    _change_a_ballot(db_path, session_id)
    with Store.open(db_path) as store:
        service = SessionService(store, session_id, verify=False)
        with pytest.raises(StoreError, match="a été altérée"):
            service.verify()
        assert not service.verified
        with pytest.raises(StoreError, match="a été altérée"):
            service.verify()
        with pytest.raises(StoreError, match="a été altérée"):
            service.do(service.commands.raise_hand("m4"))
    assert sql(db_path, "SELECT count(*) FROM events WHERE session_id = ?", session_id) == [(count,)]


def test_a_forgotten_last_session_is_not_reopened(tmp_path):
    from seance_desk.app import ensure_demo_or_last
    from seance_desk.store import Store

    with Store.open(tmp_path / "x.sqlite3") as store:
        first = ensure_demo_or_last(store, demo_members=9)
        store.set_last_session_id(first)
        assert ensure_demo_or_last(store) == first
        store.forget_last_session()
        second = ensure_demo_or_last(store, demo_members=9)
        assert second != first and len(store.list_sessions()) == 2
