"""What is appended is what is loaded: same events, same hashes, same state, across a restart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from seance_desk.models.journal import verify_chain
from seance_desk.paths import DATA_DIR_ENV, database_path
from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError
from tests.helpers import StepClock, summarize

from tests.store.sessions import new_service, play_sitting, small_session, voting_service


def test_create_append_load_gives_back_identical_events_and_head(store: Store):
    service = new_service(store)
    play_sitting(service)

    assembly, setup, events, _genesis = store.load_session(service.session_id)

    assert (assembly, setup) == small_session()
    assert [e.to_dict() for e in events] == [e.to_dict() for e in service.engine.events]
    assert events == service.engine.events
    assert events[-1].hash == service.engine.head_hash
    assert {e.type for e in events} >= {"proxy.given", "vote.cast", "vote.closed", "correction"}
    assert all(e.at.tzinfo is UTC for e in events)


def test_a_unanimity_is_stored_as_one_event_and_reloads_to_the_same_vote(db_path: Path):
    from seance_desk.models.enums import VoteChoice

    with Store.open(db_path) as store:
        service = voting_service(store)
        [event], _ = service.do(service.commands.unanimity("i1", {"m4": VoteChoice.AGAINST}))
        session_id, before = service.session_id, summarize(service.state)
    assert event.type == "vote.ballots_cast" and len(event.payload["ballots"]) == 9

    with Store.open(db_path) as store:
        reopened = SessionService(store, session_id)
        assert summarize(reopened.state) == before
        assert reopened.engine.events[-1] == event
        assert reopened.state.items["i1"].vote.tally().contre == 1


def test_reopening_after_close_gives_the_same_state(db_path: Path):
    with Store.open(db_path) as store:
        service = new_service(store)
        play_sitting(service)
        session_id, before = service.session_id, summarize(service.state)

    with Store.open(db_path) as store:
        reopened = SessionService(store, session_id)
        assert summarize(reopened.state) == before
        assert verify_chain(reopened.engine.genesis, reopened.engine.events).ok


def test_a_reopened_session_goes_on_where_it_stopped(db_path: Path):
    clock = StepClock()
    with Store.open(db_path) as store:
        service = new_service(store, clock)
        play_sitting(service)
        session_id, count = service.session_id, len(service.engine.events)

    with Store.open(db_path) as store:
        service = SessionService(store, session_id, clock=clock)
        service.do(service.commands.arrive("m11"))
        assert len(store.load_session(session_id).events) == count + 1
        assert service.state.roll.is_seated("m11")


def test_sessions_are_listed_with_their_assembly_and_event_count(store: Store):
    first = new_service(store)
    play_sitting(first)
    second = SessionService.create(store, *small_session())

    rows = {row.id: row for row in store.list_sessions()}

    assert set(rows) == {first.session_id, second.session_id}
    assert rows[first.session_id].event_count == len(first.engine.events)
    assert rows[second.session_id].event_count == 0
    row = rows[first.session_id]
    assert (row.title, row.session_date.isoformat(), row.assembly_name) == ("Séance de test", "2026-11-20", small_session()[0].name)
    assert row.created_at <= row.updated_at <= datetime.now(UTC)


def test_the_last_opened_session_is_remembered_across_restarts(db_path: Path):
    with Store.open(db_path) as store:
        assert store.last_session_id() is None
        session_id = store.create_session(*small_session())
        store.create_session(*small_session())
        store.set_last_session_id(str(session_id))  # the command line passes text
    with Store.open(db_path) as store:
        assert store.last_session_id() == session_id


def test_an_unknown_session_is_a_french_error(store: Store):
    with pytest.raises(StoreError, match="La séance n° 42 n'existe pas"):
        store.load_session(42)
    with pytest.raises(StoreError, match="n'existe pas"):
        store.set_last_session_id(42)
    with pytest.raises(StoreError, match="Numéro de séance invalide"):
        store.load_session("quarante-deux")


def test_an_imported_journal_is_stored_whole_and_reopens(store: Store):
    source = new_service(store)
    play_sitting(source)
    assembly, setup, events, _genesis = store.load_session(source.session_id)

    imported = store.import_session(assembly, setup, events)

    assert imported != source.session_id
    assert store.load_session(imported).events == events
    assert summarize(SessionService(store, imported).state) == summarize(source.state)


def test_an_import_whose_chain_is_broken_is_refused_and_stores_nothing(store: Store):
    source = new_service(store)
    play_sitting(source)
    assembly, setup, events, _genesis = store.load_session(source.session_id)
    other_setup = replace(setup, title="Autre séance")

    with pytest.raises(StoreError, match="n'a pas été importée.*événement n° 1"):
        store.import_session(assembly, other_setup, events)
    assert len(store.list_sessions()) == 1


def test_the_default_database_lives_in_the_overridable_data_dir(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "données"))
    assert database_path() == tmp_path / "données" / "seance-desk.sqlite3"

    with Store.open() as store:
        store.create_session(*small_session())
    assert database_path().is_file()


def test_without_override_the_data_dir_is_the_users(monkeypatch):
    from platformdirs import user_data_dir

    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert database_path() == Path(user_data_dir("seance-desk", appauthor=False)) / "seance-desk.sqlite3"


def test_a_database_path_with_accents_spaces_and_url_characters_reopens(tmp_path: Path):
    # Windows profiles look like « C:\Users\Élodie Martin\… », and the read-only check goes through
    # a file: URI, where « # », « % » and spaces mean something.
    folder = tmp_path / "Séances #1 été%20 (copie)"
    folder.mkdir()
    with Store.open(folder / "base du conseil.sqlite3") as store:
        session_id = store.create_session(*small_session())
    with Store.open(folder / "base du conseil.sqlite3") as store:
        assert [s.id for s in store.list_sessions()] == [session_id]
