"""The « Séance » menu: import a clerk's session file, open another session, export; a bad file is
refused in French and changes nothing; after a switch every panel shows the other session."""

from __future__ import annotations

from datetime import date

from seance_desk.tools.demo import build_demo
from seance_desk.files.session_file import verify_session_file, write_session_file
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from tests.ui.conftest import live_service


def _window(qtbot, controller, dialogs):
    window = MainWindow(controller, dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    return window


def test_importing_a_session_file_opens_it_in_every_panel(qtbot, store, tmp_path):
    controller = SessionController(live_service(store))
    prepared = build_demo(members=15, items=5, session_date=date(2026, 12, 3), play=False)
    path = tmp_path / "seance-du-3-decembre.json"
    write_session_file(path, prepared.assembly, prepared.setup, prepared.events)
    dialogs = ScriptedDialogs(files=[path])
    window = _window(qtbot, controller, dialogs)

    assert window.session_files.import_file()
    assert controller.state.setup.date == date(2026, 12, 3)
    assert window.roll_call_panel.model.rowCount() == 15
    assert window.agenda_panel.model.rowCount() == 5
    assert "3 décembre 2026" in window._status.text()
    # The new session is live: the chair can act on it at once.
    assert controller.act("Arrivée", lambda c: c.arrive("m1"))
    assert controller.undo_stack.count() == 1


def test_a_bad_file_is_refused_and_nothing_changes(qtbot, store, tmp_path):
    controller = SessionController(live_service(store))
    before = (controller.service.session_id, len(store.list_sessions()))
    bad = tmp_path / "abime.json"
    bad.write_text('{"format": "seance-desk/session", "version": 1, "events": [', encoding="utf-8")
    dialogs = ScriptedDialogs(files=[bad])
    window = _window(qtbot, controller, dialogs)

    assert not window.session_files.import_file()
    kind, title, text = dialogs.asked[-1]
    assert kind == "error" and title == "Import refusé" and "rien n'a été modifié" in text
    assert (controller.service.session_id, len(store.list_sessions())) == before


def test_export_writes_a_file_that_verifies(qtbot, store, tmp_path):
    controller = SessionController(live_service(store))
    out = tmp_path / "export.json"
    window = _window(qtbot, controller, ScriptedDialogs(files=[out]))
    assert window.session_files.export_file()
    report = verify_session_file(out)
    assert report.ok and report.events == len(controller.state.events)


def test_opening_another_stored_session(qtbot, store):
    first = live_service(store)
    second = live_service(store, members=20, items=6, until_item=2)
    controller = SessionController(first)
    rows = store.list_sessions()
    index = next(i for i, row in enumerate(rows) if row.id == second.session_id)
    window = _window(qtbot, controller, ScriptedDialogs(choices=[index]))
    assert window.session_files.open_other()
    assert controller.service.session_id == second.session_id
    assert window.roll_call_panel.model.rowCount() == 20
    assert store.last_session_id() == second.session_id
