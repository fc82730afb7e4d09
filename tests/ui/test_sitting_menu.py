"""Issue 9 in the « Séance » menu: secretaries, constat de carence (then the reconvocation prepared),
transmission and publication dates, and the year's registre written by the service the command line
uses — each entry greyed out with the engine's reason when it does not apply."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.service.session import SessionService
from seance_desk.tools.demo import build_demo
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow

from tests.ui.conftest import live_service


def make_window(qtbot, controller, dialogs) -> MainWindow:
    window = MainWindow(controller, dialogs=dialogs)
    qtbot.addWidget(window)
    return window


def entry(window, key):
    return window.sitting_menu.actions[key][0]


def test_entries_follow_the_sitting(qtbot, store):
    controller = SessionController(live_service(store, play=False))
    window = make_window(qtbot, controller, ScriptedDialogs())
    secretaries = entry(window, "secretaries")
    assert not secretaries.isEnabled() and "nommés à l'ouverture" in secretaries.toolTip()
    assert not entry(window, "dates").isEnabled()
    assert entry(window, "carence").isEnabled()  # nobody is seated: the quorum is not reached
    assert controller.act("Arrivée", lambda c: c.arrive("m1"))
    assert window.session_bar.open_sitting(["m1"])
    assert secretaries.isEnabled()
    secretaries.trigger()
    assert window.session_bar.pending_dialog.windowTitle() == "Secrétaires de séance"


def test_carence_from_the_menu_prepares_the_reconvocation(qtbot, store):
    controller = SessionController(live_service(store, play=False))
    dialogs = ScriptedDialogs(confirm=True)
    window = make_window(qtbot, controller, dialogs)
    entry(window, "carence").trigger()
    assert controller.state.carence is not None
    prepare = window.session_files.prepare_dialog
    assert prepare.isVisible() and prepare.law.reconvocation_check.isChecked()
    numbers = ", ".join(str(item.number) for item in controller.state.setup.agenda)
    assert prepare.law.carried_edit.text() == numbers
    assert prepare.law.reconvocation_edit.date().toPython() == controller.state.setup.date
    assert not entry(window, "carence").isEnabled() and "la séance est levée" in entry(window, "carence").toolTip()
    prepare.reject()


@pytest.fixture
def closed_year(qtbot, store):
    """Two closed sessions of the same commune in 2026, the second one open in the window."""
    first = build_demo(33, 4, session_date=date(2026, 3, 12))
    store.import_session(first.assembly, first.setup, first.events)
    second = build_demo(33, 5, session_date=date(2026, 11, 20))
    session_id = store.import_session(second.assembly, second.setup, second.events)
    return SessionController(SessionService(store, session_id))


def test_the_registre_of_the_year_is_written(qtbot, closed_year, tmp_path):
    from seance_desk.ui.shell.registre_export import year_states

    target = tmp_path / "registre-2026.pdf"
    dialogs = ScriptedDialogs(files=[target])
    window = make_window(qtbot, closed_year, dialogs)
    states = year_states(closed_year, 2026)
    assert [s.setup.date for s in states] == [date(2026, 3, 12), date(2026, 11, 20)]
    assert entry(window, "registre").isEnabled()
    entry(window, "registre").trigger()
    assert dialogs.asked[0][:3] == ("save_file", "Registre des délibérations 2026", "registre-deliberations-saint-aubin-sur-loire-2026.pdf")
    kind, title, text = dialogs.asked[-1]
    assert (kind, title) == ("inform", "Registre des délibérations") and str(target) in text
    assert target.read_bytes().startswith(b"%PDF")


def test_a_registre_that_cannot_be_written_says_why_and_writes_nothing(qtbot, closed_year, tmp_path):
    from seance_desk.ui.shell.registre_export import export_registre

    target = tmp_path / "missing folder" / "registre.pdf"
    dialogs = ScriptedDialogs(files=[target])
    assert not export_registre(closed_year, dialogs)
    kind, title, text = dialogs.asked[-1]
    assert kind == "error" and text.startswith("Le registre 2026 n'a pas été écrit.")
    assert not target.exists()
    dialogs = ScriptedDialogs()  # the file dialog cancelled
    assert not export_registre(closed_year, dialogs)
    assert [q[0] for q in dialogs.asked] == ["save_file"]
