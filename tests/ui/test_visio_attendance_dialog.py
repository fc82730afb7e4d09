"""« Présences de la visioconférence… »: a Zoom report read from the « Séance » menu, its proposals
shown with check boxes; Cancel records nothing, OK records the checked movements as one ordinary
action of the roll call (à distance), which Ctrl+Z undoes."""

from __future__ import annotations

from seance_desk.models.enums import Attendance, BodyKind
from seance_desk.models.state import checks
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow

from tests.ui.conftest import live_service
from tests.visio.samples import zoom_with_meeting


def _window(qtbot, store, files):
    # A multi-site séance: an EPCI may hold one by videoconference (loi 3DS), a commune may not.
    controller = SessionController(live_service(store, 33, 12, 4, remote=True, kind=BodyKind.EPCI))
    dialogs = ScriptedDialogs(files=files)
    window = MainWindow(controller, dialogs=dialogs)
    qtbot.addWidget(window)
    return controller, dialogs, window


def _report(tmp_path, state) -> tuple:
    """Two members not seated, connected to the end; one member seated at a distance, gone at 19 h 30; a stranger."""
    absent = [m for m in state.assembly.members
              if not state.roll.is_seated(m.id) and checks.arrival_refusal(state, member_id=m.id, attendance=Attendance.REMOTE) is None][:2]
    remote = [m for m, where in state.roll.attendance.items() if where is Attendance.REMOTE][:1]
    rows = [(f"{m.last_name} {m.first_name}", "", "20/11/2026 18:25", "20/11/2026 21:55") for m in absent]
    rows += [(state.assembly.member(m).full_name, "", "20/11/2026 18:25", "20/11/2026 19:30") for m in remote]
    rows.append(("Tablette salle 2", "", "20/11/2026 18:00", "20/11/2026 21:55"))
    path = tmp_path / "participants.csv"
    path.write_bytes(zoom_with_meeting(rows, "20/11/2026 18:00", "20/11/2026 21:56"))
    return path, [m.id for m in absent], remote


def test_cancel_records_nothing(qtbot, store, tmp_path):
    path = tmp_path / "participants.csv"
    controller, dialogs, window = _window(qtbot, store, [path])
    path, absent, remote = _report(tmp_path, controller.state)
    seated, events = dict(controller.state.roll.attendance), len(controller.state.events)
    window.sitting_menu.actions["visio"][0].trigger()
    dialog = window.sitting_menu.visio_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.proposals.rowCount() == len(absent) + len(remote)
    assert "Tablette salle 2" in dialog.unmatched_label.text()
    dialog.reject()
    assert controller.state.roll.attendance == seated and len(controller.state.events) == events
    assert not controller.undo_stack.canUndo()


def test_ok_applies_the_checked_movements_and_undo_reverts_them(qtbot, store, tmp_path):
    path = tmp_path / "participants.csv"
    controller, dialogs, window = _window(qtbot, store, [path])
    path, absent, remote = _report(tmp_path, controller.state)
    assert len(absent) == 2 and remote
    window.sitting_menu.actions["visio"][0].trigger()
    dialog = window.sitting_menu.visio_dialog
    names = [dialog.proposals.item(row, 1).text() for row in range(dialog.proposals.rowCount())]
    unchecked = names.index(controller.state.name(absent[1]))
    dialog.set_checked(unchecked, False)  # the chair keeps this one out
    assert dialog.apply()
    roll = controller.state.roll
    assert roll.attendance.get(absent[0]) is Attendance.REMOTE
    assert not roll.is_seated(absent[1])
    assert all(not roll.is_seated(m) for m in remote)
    assert "Présences d'après le rapport Zoom « participants.csv »" in controller.undo_label()
    assert controller.undo()
    assert not controller.state.roll.is_seated(absent[0])
    assert all(controller.state.roll.attendance.get(m) is Attendance.REMOTE for m in remote)


def test_a_refused_report_is_said_and_nothing_opens(qtbot, store, tmp_path):
    path = tmp_path / "classeur.csv"
    path.write_bytes(b"PK\x03\x04 pas un rapport")
    controller, dialogs, window = _window(qtbot, store, [path])
    seated = dict(controller.state.roll.attendance)
    window.sitting_menu.actions["visio"][0].trigger()
    assert window.sitting_menu.visio_dialog is None
    assert any(kind == "error" and "Rapport de visioconférence refusé" in text for kind, _title, text in dialogs.asked)
    assert controller.state.roll.attendance == seated
