"""Live sharing on PostgreSQL: each post hears the other's actions (LISTEN/NOTIFY from migration
0006's trigger), folds in only the new events, and its panels refresh only what they touched; the
chair is held by one window at a time."""

from __future__ import annotations

import threading

import pytest

from seance_desk.models.state.areas import ALL, ROLL
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.pg_listen import CHANNEL, ChairLease, JournalListener
from tests.helpers import StepClock, summarize
from tests.store.sessions import new_service, play_sitting

WAIT_S = 30  # an upper bound on waiting for the server, never an assertion on time


@pytest.fixture
def posts(pg_url: str):
    """(président, secrétaire): one session on the server, each post with its own Store."""
    president_store, secretary_store = Store.open(pg_url), Store.open(pg_url)
    clock = StepClock()
    president = new_service(president_store, clock)
    play_sitting(president)
    secretary = SessionService(secretary_store, president.session_id, clock=clock)
    yield president, secretary
    president_store.close()
    secretary_store.close()


class Notices:
    def __init__(self):
        self.received: list[tuple[int, int]] = []
        self.connections: list[bool] = []
        self.leases: list[ChairLease] = []
        self.event = threading.Event()

    def notice(self, session_id: int, count: int) -> None:
        self.received.append((session_id, count))
        self.event.set()

    def connection(self, connected: bool, _reason: str) -> None:
        self.connections.append(connected)
        self.event.set()

    def chair(self, lease: ChairLease) -> None:
        self.leases.append(lease)
        self.event.set()

    def wait_for(self, predicate) -> None:
        for _ in range(WAIT_S * 20):
            if predicate():
                return
            self.event.wait(0.05)
            self.event.clear()
        assert predicate(), "rien reçu du serveur"


def listening(url, notices: Notices) -> JournalListener:
    listener = JournalListener(url, notices.notice, notices.connection, notices.chair)
    listener.start()
    notices.wait_for(lambda: notices.connections == [True])
    return listener


def test_the_migration_notifies_on_the_channel_the_listener_listens_to():
    from importlib import import_module

    assert import_module("seance_desk.store.migrations.versions.0006_pg_journal_guards").CHANNEL == CHANNEL


def test_each_committed_action_is_heard_once_with_the_journal_length(posts, pg_url):
    president, secretary = posts
    notices = Notices()
    listener = listening(pg_url, notices)
    try:
        start = len(president.engine.events)
        president.do(president.commands.arrive("m11"))
        president.do(president.commands.leave("m3", proxy_to="m4"))  # two events, one notice
        session = president.session_id
        notices.wait_for(lambda: (session, start + 3) in notices.received)
        assert [count for sid, count in notices.received if sid == session] == [start + 1, start + 3]
    finally:
        listener.stop()


def test_a_rolled_back_action_is_never_heard(posts, pg_url):
    president, secretary = posts
    notices = Notices()
    listener = listening(pg_url, notices)
    try:
        stale, _ = secretary.engine.execute(secretary.commands.arrive("m13"))
        president.do(president.commands.arrive("m11"))  # the secretary's append is now refused
        with pytest.raises(Exception, match="Un autre poste a modifié cette séance"):
            secretary.store.append_events(secretary.session_id, stale)
        president.do(president.commands.arrive("m14"))
        notices.wait_for(lambda: len(notices.received) == 2)
        assert [count for _, count in notices.received] == [len(president.engine.events) - 1, len(president.engine.events)]
    finally:
        listener.stop()


def test_the_post_that_hears_folds_in_only_the_new_events_and_says_what_changed(posts, monkeypatch):
    president, secretary = posts
    reloads = []
    monkeypatch.setattr(secretary, "reload", lambda: reloads.append(1))
    president.do(president.commands.arrive("m11"))
    count, changes = secretary.catch_up_changes()
    assert count == 1 and reloads == []
    assert changes.touches(ROLL) and ALL not in changes.areas  # the roll call panel, not everything
    assert summarize(secretary.state) == summarize(president.state)
    assert secretary.catch_up_changes() == (0, None)


def test_the_chair_is_held_by_one_window_and_refused_to_a_second_in_french(posts, pg_url):
    president, _ = posts
    first, second = Notices(), Notices()
    chair, other = listening(pg_url, first), listening(pg_url, second)
    try:
        chair.claim_chair(president.session_id)
        first.wait_for(lambda: first.leases)
        other.claim_chair(president.session_id)
        second.wait_for(lambda: second.leases)
        assert first.leases[0].held and first.leases[0].refusal() is None
        refused = second.leases[0]
        assert not refused.held and refused.holder == "127.0.0.1"
        assert refused.refusal().startswith("Un autre poste (127.0.0.1) préside déjà la séance n° ")
        # The chair's window closes: the chair is free for the other one.
        chair.stop()
        other.claim_chair(president.session_id)
        second.wait_for(lambda: len(second.leases) == 2)
        assert second.leases[1].held
    finally:
        chair.stop()
        other.stop()
