"""A session found unusable is marked in the database, with its reason, until it opens again."""

from __future__ import annotations

from seance_desk.store import Store

from tests.store.sessions import new_service, sql


def test_a_mark_is_listed_with_its_reason_and_forgets_the_session_as_the_last_one(store: Store):
    first = new_service(store).session_id
    second = new_service(store).session_id
    store.set_last_session_id(second)
    store.mark_unusable(second, "l'événement n° 12 (vote.cast) est refusé", 12)
    assert store.last_session_id() is None  # the next start must not stumble on it
    rows = {row.id: row for row in store.list_sessions()}
    assert rows[first].unusable is None
    mark = rows[second].unusable
    assert mark is not None and mark.seq == 12 and mark.reason == "l'événement n° 12 (vote.cast) est refusé"
    assert store.unusable_marks().keys() == {second}


def test_opening_it_again_lifts_the_mark(store: Store):
    session_id = new_service(store).session_id
    store.mark_unusable(session_id, "refusée par une règle d'une version antérieure")
    store.set_last_session_id(session_id)  # what an opening that succeeded does
    assert store.unusable_marks() == {}
    assert store.last_session_id() == session_id


def test_a_mark_that_cannot_be_read_still_sets_the_session_aside(db_path, store: Store):
    session_id = new_service(store).session_id
    store.mark_unusable(session_id, "motif")
    sql(db_path, "UPDATE app_state SET value = ? WHERE key LIKE 'unusable_session:%'", '["pas un objet"]')
    (mark,) = store.unusable_marks().values()
    assert "illisible" in mark.reason and mark.seq is None


def test_marking_a_session_that_no_longer_exists_changes_nothing(store: Store):
    store.mark_unusable(999, "motif")
    assert store.unusable_marks() == {}


def test_the_mark_survives_the_store_being_closed(db_path, store: Store):
    session_id = new_service(store).session_id
    store.mark_unusable(session_id, "motif", 3)
    store.close()
    with Store.open(db_path) as reopened:
        assert reopened.unusable_marks()[session_id].seq == 3
