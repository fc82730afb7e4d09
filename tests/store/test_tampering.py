"""Whatever is changed in the database behind the application's back is detected when the session
is loaded, with a French message that names the first faulty event; nothing is loaded."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from seance_desk.models.journal import Event
from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError

from tests.store.sessions import sql


def load_refused(db_path: Path, session_id: int) -> StoreError:
    with Store.open(db_path) as store:
        with pytest.raises(StoreError) as refused:
            store.load_session(session_id)
        with pytest.raises(StoreError):
            SessionService(store, session_id)
    message = str(refused.value)
    assert message.startswith(f"La séance n° {session_id} « Séance de test » a été altérée")
    return refused.value


def test_an_untouched_database_loads(db_path: Path, recorded):
    session_id, count = recorded
    with Store.open(db_path) as store:
        assert len(store.load_session(session_id).events) == count


def test_a_changed_payload_is_named(db_path: Path, recorded):
    session_id, _ = recorded
    seq, payload = sql(db_path, "SELECT seq, payload_json FROM events WHERE type = 'vote.cast' AND payload_json LIKE '%pour%'")[0]
    ballot = json.loads(payload)
    ballot["choice"] = "contre"
    sql(db_path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", json.dumps(ballot), session_id, seq)

    error = load_refused(db_path, session_id)
    assert f"événement n° {seq} (vote.cast) : son contenu a été modifié" in str(error)
    assert error.seq == seq


def test_a_rewritten_hash_breaks_the_link_of_the_next_event(db_path: Path, recorded):
    session_id, _ = recorded
    sql(db_path, "UPDATE events SET hash = ? WHERE session_id = ? AND seq = 5", "0" * 64, session_id)

    error = load_refused(db_path, session_id)
    assert "événement n° 5" in str(error)
    assert error.seq == 5


def test_a_changed_timestamp_is_named(db_path: Path, recorded):
    session_id, _ = recorded
    sql(db_path, "UPDATE events SET at = '2026-11-20T23:59:59Z' WHERE session_id = ? AND seq = 3", session_id)
    assert load_refused(db_path, session_id).seq == 3


def test_a_changed_event_type_is_named(db_path: Path, recorded):
    session_id, _ = recorded
    sql(db_path, "UPDATE events SET type = 'member.excused' WHERE session_id = ? AND seq = 4", session_id)
    error = load_refused(db_path, session_id)
    assert "événement n° 4 (member.excused) : son contenu a été modifié" in str(error)


def test_a_changed_setup_is_detected(db_path: Path, recorded):
    session_id, _ = recorded
    (setup_json,) = sql(db_path, "SELECT setup_json FROM sessions WHERE id = ?", session_id)[0]
    sql(db_path, "UPDATE sessions SET setup_json = ? WHERE id = ?", setup_json.replace("Nom4", "Nom4-bis"), session_id)

    error = load_refused(db_path, session_id)
    assert "la configuration de la séance (assemblée, membres, ordre du jour) a été modifiée" in str(error)


def test_a_changed_setup_with_its_genesis_recomputed_breaks_the_first_event(db_path: Path, recorded):
    from seance_desk.models.canonical import sha256_hex

    session_id, _ = recorded
    (setup_json,) = sql(db_path, "SELECT setup_json FROM sessions WHERE id = ?", session_id)[0]
    forged = setup_json.replace("Nom4", "Nom4-bis")
    sql(db_path, "UPDATE sessions SET setup_json = ?, genesis_hash = ? WHERE id = ?", forged, sha256_hex(forged), session_id)

    error = load_refused(db_path, session_id)
    assert "événement n° 1 : le chaînage avec l'événement précédent est rompu" in str(error)
    assert error.seq == 1


def test_deleted_last_events_are_detected(db_path: Path, recorded):
    session_id, count = recorded
    sql(db_path, "DELETE FROM events WHERE session_id = ? AND seq >= ?", session_id, count - 1)

    error = load_refused(db_path, session_id)
    assert f"le journal s'arrête à l'événement n° {count - 2} alors que la séance en comptait {count}" in str(error)
    assert error.seq == count - 1


def test_a_deleted_event_in_the_middle_is_named(db_path: Path, recorded):
    session_id, _ = recorded
    sql(db_path, "DELETE FROM events WHERE session_id = ? AND seq = 7", session_id)

    error = load_refused(db_path, session_id)
    assert "événement n° 7 hors d'ordre" in str(error)
    assert error.seq == 7


def test_an_unreadable_payload_is_named(db_path: Path, recorded):
    session_id, _ = recorded
    sql(db_path, "UPDATE events SET payload_json = '{pas du json' WHERE session_id = ? AND seq = 9", session_id)

    error = load_refused(db_path, session_id)
    assert "événement n° 9" in str(error)
    assert error.seq == 9


def test_a_deleted_head_row_is_detected_and_blocks_appends(db_path: Path, recorded):
    # The head (event count, last hash) lives in session_heads since revision 0002: deleting its
    # row must not turn the session into an unknown one, nor let anyone append to it.
    session_id, count = recorded
    sql(db_path, "DELETE FROM session_heads WHERE session_id = ?", session_id)

    error = load_refused(db_path, session_id)
    assert "la fin de journal enregistrée avec la dernière action" in str(error) and "a été supprimée" in str(error)
    with Store.open(db_path) as store:
        assert [(s.id, s.event_count) for s in store.list_sessions()] == [(session_id, 0)]
        ((last_hash,),) = sql(db_path, "SELECT hash FROM events WHERE session_id = ? AND seq = ?", session_id, count)
        follower = Event(count + 1, "member.arrived", datetime(2026, 11, 20, 19, tzinfo=UTC), {"member_id": "m11"}, last_hash, "a" * 64)
        with pytest.raises(StoreError, match=f"La séance n° {session_id} « Séance de test » a été altérée"):
            store.append_events(session_id, [follower])
    assert sql(db_path, "SELECT count(*) FROM events WHERE session_id = ?", session_id) == [(count,)]
