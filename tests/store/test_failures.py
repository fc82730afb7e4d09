"""What goes wrong is said in French and leaves both the database and the screen's state as they were."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from seance_desk.models.decision import RuleViolation
from seance_desk.models.enums import VoteChoice
from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError
from seance_desk.store.errors import JournalMoved
from tests.helpers import summarize

from tests.store.sessions import new_service, play_sitting, sql

PAGE = 4096


def journal(db_path: Path) -> list[tuple]:
    return sql(db_path, "SELECT session_id, seq, hash FROM events ORDER BY session_id, seq")


# ------------------------------------------------------------------------------ unreadable files
def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path):
    db_path.write_text("Procès-verbal de la séance du 20 novembre\n" * 50, encoding="utf-8")
    before = db_path.read_bytes()

    with pytest.raises(StoreError, match=r"La base de données « .* » est illisible ou endommagée : ce fichier n'est pas une base de données SQLite"):
        Store.open(db_path)
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir()] == [db_path.name]


def test_a_damaged_database_is_refused_untouched(db_path: Path):
    with Store.open(db_path) as store:
        play_sitting(new_service(store))
    data = bytearray(db_path.read_bytes())
    assert len(data) >= 4 * PAGE
    noise = random.Random(20261120)
    for offset in range(2 * PAGE, 4 * PAGE):  # pages 3 and 4, header and schema left intact
        data[offset] = noise.randrange(256)
    db_path.write_bytes(bytes(data))

    with pytest.raises(StoreError, match="est illisible ou endommagée"):
        Store.open(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path):
    with pytest.raises(StoreError, match="ce chemin n'est pas un fichier"):
        Store.open(tmp_path)


# ------------------------------------------------------------------------------ refused actions
def test_a_refused_command_changes_neither_database_nor_state(db_path: Path, store: Store):
    service = new_service(store)
    play_sitting(service)
    stored, state = journal(db_path), summarize(service.state)

    with pytest.raises(RuleViolation):
        service.do(service.commands.cast("i1", "m2", VoteChoice.FOR))  # the vote is closed

    assert journal(db_path) == stored
    assert summarize(service.state) == state


def test_a_failed_write_rolls_the_state_back_and_the_next_action_works(db_path: Path, store: Store, monkeypatch):
    service = new_service(store)
    play_sitting(service)
    stored, state = journal(db_path), summarize(service.state)

    def disk_full(session_id, events):
        raise StoreError("L'action n'a pas pu être enregistrée : le disque est plein.")

    monkeypatch.setattr(store, "append_events", disk_full)
    with pytest.raises(StoreError, match="le disque est plein"):
        service.do(service.commands.leave("m2", proxy_to="m4"))  # two events, neither kept
    assert summarize(service.state) == state
    assert journal(db_path) == stored

    monkeypatch.undo()
    service.do(service.commands.leave("m2", proxy_to="m4"))
    assert len(journal(db_path)) == len(stored) + 2
    assert summarize(SessionService(store, service.session_id).state) == summarize(service.state)


def test_a_database_error_between_the_two_events_of_an_action_keeps_neither(db_path: Path, store: Store):
    # On SQLite the append runs on a driver connection the store keeps (sqlite_append.SqliteAppend):
    # a failure after the head moved and the first event went in must roll all of it back, and
    # must not leave that connection inside a transaction for the next action.
    service = new_service(store)
    play_sitting(service)
    stored, state = journal(db_path), summarize(service.state)
    head = sql(db_path, "SELECT event_count, head_hash FROM session_heads WHERE session_id = ?", service.session_id)
    # abs() of the smallest integer is a runtime error ("integer overflow"), not a constraint.
    sql(db_path, "CREATE TRIGGER fail_proxy BEFORE INSERT ON events WHEN NEW.type = 'proxy.given' BEGIN SELECT abs(-9223372036854775807 - 1); END")

    with pytest.raises(StoreError, match="L'action n'a pas pu être enregistrée .* integer overflow"):
        service.do(service.commands.leave("m2", proxy_to="m4"))  # member.left, then proxy.given
    assert journal(db_path) == stored
    assert sql(db_path, "SELECT event_count, head_hash FROM session_heads WHERE session_id = ?", service.session_id) == head
    assert summarize(service.state) == state

    sql(db_path, "DROP TRIGGER fail_proxy")
    service.do(service.commands.leave("m2", proxy_to="m4"))
    assert len(journal(db_path)) == len(stored) + 2
    assert summarize(SessionService(store, service.session_id).state) == summarize(service.state)


# ------------------------------------------------------------------------------ two writers
def test_a_second_post_behind_the_journal_is_refused_then_catches_up(db_path: Path, store: Store):
    president = new_service(store)
    play_sitting(president)
    secretary = SessionService(store, president.session_id, clock=president.engine.clock)
    president.do(president.commands.arrive("m11"))
    stored = journal(db_path)

    # The store refuses the stale append itself (nothing stored)…
    stale = secretary.engine.execute(secretary.commands.arrive("m13"))[0]
    with pytest.raises(JournalMoved, match="Un autre poste a modifié cette séance") as refused:
        store.append_events(secretary.session_id, stale)
    assert refused.value.seq == len(stored) and refused.value.stored_count == len(stored)
    assert journal(db_path) == stored
    secretary.reload()

    # …and the service catches up and acts again: more in test_two_writers.py.
    president.do(president.commands.arrive("m12"))
    secretary.do(secretary.commands.arrive("m13"))
    assert [row[2] for row in journal(db_path)] == [event.hash for event in secretary.engine.events]
    assert secretary.state.roll.is_seated("m12") and secretary.state.roll.is_seated("m13")
    assert summarize(secretary.state) == summarize(SessionService(store, president.session_id).state)


def test_a_duplicate_sequence_number_is_refused_by_the_database(db_path: Path, store: Store):
    service = new_service(store)
    play_sitting(service)
    count = len(service.engine.events)
    before_last = service.engine.events[-2]
    # Rewind the recorded head as a stale writer would see it, so that only UNIQUE(session_id, seq)
    # stands between a second event n° `count` and the journal.
    sql(db_path, "UPDATE session_heads SET event_count = ?, head_hash = ? WHERE session_id = ?", count - 1, before_last.hash, service.session_id)
    stale = service.engine.events[-1]
    rival = replace(stale, hash="f" * 64)

    with pytest.raises(StoreError, match="Un autre poste a modifié cette séance") as refused:
        store.append_events(service.session_id, [rival])
    assert refused.value.seq == count
    assert sql(db_path, "SELECT hash FROM events WHERE seq = ?", count) == [(stale.hash,)]


def test_an_action_for_an_unknown_session_is_refused(store: Store):
    service = new_service(store)
    service.do(service.commands.arrive("m1"))
    with pytest.raises(StoreError, match="La séance n° 99 n'existe pas"):
        store.append_events(99, service.engine.events)
