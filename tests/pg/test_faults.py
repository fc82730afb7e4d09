"""Faults in the shared mode, on a real PostgreSQL server seen through a TCP proxy that the test
cuts: the window says so at once (a banner), refuses every action (nothing shown as done that was
not committed), reconnects by itself and catches up with what the other post did meanwhile. The
same after a server restart. And a second président's window on the same session is read-only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import create_engine, text

from seance_desk.models.state.areas import ALL, ROLL
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.db import database_url
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.live_link import ConnectionBanner, LiveLink
from tests.helpers import StepClock
from tests.pg.tcp_proxy import TcpProxy
from tests.store.sessions import new_service, play_sitting

WAIT_MS = 30_000  # an upper bound on waiting for the server, never an assertion on time


@pytest.fixture
def proxy(pg_url: str):
    opened = TcpProxy(pg_url)
    yield opened
    opened.close()


@pytest.fixture
def sitting(pg_url: str):
    """(the other post's service, on the server directly; the session id)."""
    store = Store.open(pg_url)
    other = new_service(store, StepClock())
    play_sitting(other)
    yield other
    store.close()


class Window:
    """A président's window on the session through the proxy: controller, live link, banner."""

    def __init__(self, qtbot, url: str, session_id: int):
        self.store = Store.open(url)
        self.controller = SessionController(SessionService(self.store, session_id, clock=StepClock(step=30)))
        self.main = QMainWindow()
        qtbot.addWidget(self.main)
        self.banner = ConnectionBanner(self.main, self.controller)
        self.link = LiveLink(self.controller, self.main)
        self.changes: list = []
        self.controller.changed.connect(self.changes.append)
        self.connections: list[bool] = []  # what the banner was told, in order
        self.controller.connection_changed.connect(lambda connected, _text: self.connections.append(connected))

    def close(self) -> None:
        self.link.stop()
        self.store.close()


@pytest.fixture
def window(qtbot, proxy, sitting):
    opened = Window(qtbot, proxy.url, sitting.session_id)
    qtbot.waitUntil(lambda: opened.link.sharing.listener.connected, timeout=WAIT_MS)
    yield opened
    opened.close()


def stored_seqs(url: str, session_id: int) -> list[int]:
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            return [row[0] for row in connection.execute(text(f"SELECT seq FROM events WHERE session_id = {session_id} ORDER BY seq"))]
    finally:
        engine.dispose()


def test_the_other_posts_action_reaches_the_window_and_refreshes_only_the_roll(qtbot, window, sitting):
    sitting.do(sitting.commands.arrive("m11"))
    qtbot.waitUntil(lambda: window.controller.state.roll.is_seated("m11"), timeout=WAIT_MS)
    assert window.changes[-1].touches(ROLL) and ALL not in window.changes[-1].areas
    assert window.controller.state.session_head == sitting.state.session_head


def test_a_network_cut_is_said_at_once_actions_are_refused_and_the_window_catches_up(qtbot, window, sitting, proxy, pg_url):
    controller = window.controller
    proxy.cut()
    qtbot.waitUntil(lambda: window.banner.shown, timeout=WAIT_MS)
    assert "Connexion au serveur de la séance perdue" in window.banner.text()
    before = stored_seqs(pg_url, sitting.session_id)

    outcome = controller.act("Arrivée de m13", lambda c: c.arrive("m13"))
    assert not outcome and "aucune action n'est enregistrée" in outcome.refusal
    assert not controller.state.roll.is_seated("m13")  # nothing shown as done
    assert controller.refusal(lambda c: c.arrive("m13")) is not None  # buttons greyed out, with the reason
    sitting.do(sitting.commands.arrive("m11"))  # the other post, still connected, goes on

    proxy.restore()
    qtbot.waitUntil(lambda: not window.banner.shown, timeout=WAIT_MS)
    assert controller.state.roll.is_seated("m11")  # caught up on reconnection
    assert controller.act("Arrivée de m13", lambda c: c.arrive("m13"))
    seqs = stored_seqs(pg_url, sitting.session_id)
    assert seqs == list(range(1, len(before) + 3))  # every acknowledged event once, no gap
    assert len(SessionService(sitting.store, sitting.session_id).engine.events) == len(seqs)  # the chain verifies


def test_an_action_that_fails_for_the_network_shows_the_banner_at_once(qtbot, window, proxy):
    controller = window.controller
    listener = window.link.sharing.listener
    listener.stop()  # the listener out of the way: the action itself must notice
    proxy.cut()
    outcome = controller.act("Arrivée de m13", lambda c: c.arrive("m13"))
    assert not outcome and "ne répond pas (réseau coupé ou serveur arrêté)" in outcome.refusal
    assert window.banner.shown and controller.offline_reason is not None


def test_a_server_restart_is_said_and_the_window_reconnects_and_catches_up(qtbot, window, sitting, pg_url, restart_server):
    restart_server()
    qtbot.waitUntil(lambda: False in window.connections, timeout=WAIT_MS)  # the banner was shown
    qtbot.waitUntil(lambda: window.link.sharing.listener.connected and not window.banner.shown, timeout=WAIT_MS)
    assert window.connections[-1] is True
    sitting.do(sitting.commands.arrive("m11"))  # the other post's pool reconnects by itself (pre-ping)
    qtbot.waitUntil(lambda: window.controller.state.roll.is_seated("m11"), timeout=WAIT_MS)
    assert window.controller.act("Arrivée de m13", lambda c: c.arrive("m13"))
    assert stored_seqs(pg_url, sitting.session_id) == list(range(1, len(window.controller.state.events) + 1))


def test_a_second_presidents_window_is_read_only_with_a_french_message(qtbot, window, sitting, proxy):
    qtbot.waitUntil(lambda: window.controller.read_only_reason is None and bool(window.changes), timeout=WAIT_MS)
    second = Window(qtbot, proxy.url, sitting.session_id)
    try:
        qtbot.waitUntil(lambda: second.controller.read_only_reason is not None, timeout=WAIT_MS)
        outcome = second.controller.act("Arrivée de m13", lambda c: c.arrive("m13"))
        assert not outcome and outcome.refusal.startswith("Un autre poste (127.0.0.1) préside déjà la séance")
        assert window.controller.act("Arrivée de m13", lambda c: c.arrive("m13"))  # the first chair acts
        qtbot.waitUntil(lambda: second.controller.state.roll.is_seated("m13"), timeout=WAIT_MS)  # and the second sees it
    finally:
        second.close()
