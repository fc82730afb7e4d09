"""The window's startup path paints first and verifies the hash chain right after (on a worker
thread): until then no action can be performed; an altered journal is refused with a modal French
error naming the first faulty event, nothing can be done with it, and the window stays open on
another session (test_unusable_last_session.py follows that part further)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date

import pytest

from seance_desk.app import open_last_session
from seance_desk.tools.demo import build_demo
from seance_desk.models.enums import Attendance
from seance_desk.store import Store, StoreError
from seance_desk.ui.shell.controller import VERIFIED, VERIFYING, SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "startup.sqlite3"
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    with Store.open(path) as store:
        store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
    return path


def _sql(path, statement, *params):
    with closing(sqlite3.connect(path)) as connection, connection:
        return connection.execute(statement, params).fetchall()


def _startup(qtbot, path):
    """As run_app: the last session read without SQLAlchemy, the window built (shown by the
    caller); the verification after the first paint allows actions, and the store opens after."""
    controller = SessionController(open_last_session(33, path))
    dialogs = ScriptedDialogs()
    window = MainWindow(controller, dialogs=dialogs)
    qtbot.addWidget(window)
    return controller, window, dialogs


def _arrival(controller):
    state = controller.state
    member = next(m.id for m in state.assembly.titulaires if m.id not in state.roll.attendance and m.id not in state.roll.excused)
    return member, (lambda c: c.arrive(member, Attendance.ON_SITE))


def test_a_sound_journal_becomes_actionable_once_verified(qtbot, db_path):
    controller, window, _dialogs = _startup(qtbot, db_path)
    try:
        member, arrive = _arrival(controller)
        messages = []
        controller.message.connect(lambda text, error: messages.append((text, error)))
        # Not shown yet, so not verified yet: every action is refused, and the status line says why.
        assert controller.verification_pending
        assert window._status.text() == VERIFYING
        assert not controller.act("Arrivée", arrive)
        assert messages[-1] == (VERIFYING, True)
        assert str(controller.refusal(arrive)) == VERIFYING
        assert not controller.undo()

        window.show()
        qtbot.waitUntil(lambda: controller.service.verified, timeout=10_000)
        qtbot.waitUntil(lambda: window._status.text() == VERIFIED, timeout=10_000)
        assert controller.refusal(arrive) is None
        assert controller.act("Arrivée", arrive)
        assert member in controller.state.roll.attendance
        assert window.isVisible()
        # The store (SQLAlchemy) opens after the chair may act, off the GUI thread, and takes over.
        service = controller.service
        qtbot.waitUntil(lambda: service._store is not None and service._quick_append is None, timeout=20_000)
        assert controller.act("Départ", lambda c: c.leave(member))
        assert not controller.state.roll.is_seated(member)
        assert _sql(db_path, "SELECT count(*) FROM events WHERE session_id = ?", service.session_id) == [(len(service.engine.events),)]
    finally:
        window.close()
        controller.service.close()


def test_a_tampered_journal_shows_the_french_error_and_no_action_can_be_performed(qtbot, db_path):
    session_id, = _sql(db_path, "SELECT id FROM sessions")[0]
    seq, payload = _sql(db_path, "SELECT seq, payload_json FROM events WHERE type = 'vote.cast' AND payload_json LIKE '%\"pour\"%'")[0]
    ballot = json.loads(payload)
    ballot["choice"] = "contre"  # still a legal ballot: the fold accepts it, only the chain can tell
    _sql(db_path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", json.dumps(ballot), session_id, seq)
    count = _sql(db_path, "SELECT count(*) FROM events WHERE session_id = ?", session_id)[0][0]

    controller, window, dialogs = _startup(qtbot, db_path)
    altered = controller.service
    try:
        _member, arrive = _arrival(controller)
        with qtbot.waitSignal(controller.integrity_failed, timeout=10_000):
            window.show()
        # The modal error names the first faulty event, in French.
        (kind, title, text), = [asked for asked in dialogs.asked if asked[0] == "error"]
        assert title == "Séance inutilisable"
        assert f"La séance n° {session_id}" in text and "a été altérée" in text
        assert f"événement n° {seq} (vote.cast) : son contenu a été modifié" in text
        # The window stays open, on a new demonstration (the database holds no other session).
        assert window.isVisible() and controller.service is not altered
        assert controller.service.session_id != session_id and controller.service.verified
        # Nothing can be done with the altered one, whatever the way in.
        with pytest.raises(StoreError, match=f"La séance n° {session_id}"):
            altered.do(altered.commands.raise_hand(_member))
        assert not altered.verified and altered.integrity_error is not None
        assert _sql(db_path, "SELECT count(*) FROM events WHERE session_id = ?", session_id)[0][0] == count
    finally:
        window.close()
        controller.service.close()
