"""A database whose journal went back in time (an older copy put back over it): the window does not
open on the past as if nothing happened. The chair is told what was lost, then chooses to quit (to
restore a backup) or to go on with the database as it is."""

from __future__ import annotations

import shutil
from pathlib import Path

from seance_desk.app import build_window_after_any_loss
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from tests.store.sessions import new_service


def rolled_back(tmp_path: Path) -> Path:
    db_path = tmp_path / "seance-desk.sqlite3"
    with Store.open(db_path) as store:
        service = new_service(store)
        service.do(service.commands.arrive("m1"))
        store.set_last_session_id(service.session_id)
    shutil.copy2(db_path, tmp_path / "hier.sqlite3")
    with Store.open(db_path) as store:
        service = SessionService(store, service.session_id)
        service.do(service.commands.arrive("m2"))
    shutil.copy2(tmp_path / "hier.sqlite3", db_path)  # yesterday's copy put back over today's
    return db_path


def test_the_chair_who_says_no_gets_no_window_and_the_loss_stays_reported(qtbot, tmp_path: Path):
    db_path = rolled_back(tmp_path)
    dialogs = ScriptedDialogs(confirm=False)
    assert build_window_after_any_loss(dialogs, path=db_path) is None
    [(kind, title, text)] = dialogs.asked
    assert kind == "confirm" and "actions perdues" in title and "ont disparu" in text and "sauvegarde" in text
    again = ScriptedDialogs(confirm=False)
    assert build_window_after_any_loss(again, path=db_path) is None  # still told at the next start
    assert again.asked


def test_going_on_opens_the_window_on_the_database_as_it_is(qtbot, tmp_path: Path):
    db_path = rolled_back(tmp_path)
    window = build_window_after_any_loss(ScriptedDialogs(confirm=True), path=db_path)
    assert window is not None
    qtbot.addWidget(window)
    state = window.controller.service.state
    assert state.roll.is_seated("m1") and not state.roll.is_seated("m2")
    window.controller.service.close()
    quiet = ScriptedDialogs(confirm=False)
    later = build_window_after_any_loss(quiet, path=db_path)  # the loss was taken as known
    assert later is not None and not [q for q in quiet.asked if q[0] == "confirm"]
    qtbot.addWidget(later)
    later.controller.service.close()
