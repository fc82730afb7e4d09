"""Issue 11 § 13: « Séance → Nouvelle séance d'exercice » stores the demo's council with no event
(it starts before the roll call) and opens it; F1 tells the sequence with keys the window has."""

from __future__ import annotations

from datetime import UTC, date, datetime

from seance_desk.models.enums import SessionPhase
from seance_desk.service.session import SessionService
from seance_desk.tools.demo import PRACTICE_TITLE, build_practice
from seance_desk.tools.live_demo import store_practice_session
from seance_desk.ui.dialogs.help_dialog import SEQUENCE_TAB
from seance_desk.ui.dialogs.sitting_sequence import SITTING_SEQUENCE, sequence_keys, sequence_lines
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from tests.ui.conftest import live_service


def _window(qtbot, controller, dialogs=None):
    window = MainWindow(controller, dialogs=dialogs or ScriptedDialogs())
    qtbot.addWidget(window)
    window.show()
    return window


def _menu_action(window, text):
    menu = window.menuBar().actions()[0].menu()
    return next(action for action in menu.actions() if action.text() == text)


def test_the_practice_has_the_demo_council_no_event_and_starts_after_now():
    now = datetime(2026, 11, 20, 16, 42, 10, tzinfo=UTC)  # 17 h 42 in Paris
    practice = build_practice(now=now)
    assert practice.events == []
    assert practice.setup.title == PRACTICE_TITLE == "Séance d'exercice"
    assert practice.setup.date == date(2026, 11, 20)
    assert practice.setup.start_time.strftime("%H:%M") == "17:45"
    assert len(practice.assembly.members) == 33 and len(practice.setup.agenda) == 12
    assert practice.engine.state.phase is SessionPhase.NOT_OPENED
    later = build_practice(now=datetime(2026, 11, 20, 16, 42, 11, tzinfo=UTC))
    assert later.setup.id != practice.setup.id  # each rehearsal is a session of its own


def test_the_menu_entry_stores_and_opens_a_session_before_the_roll_call(qtbot, store):
    controller = SessionController(live_service(store))
    dialogs = ScriptedDialogs()
    window = _window(qtbot, controller, dialogs)
    before = len(store.list_sessions())

    _menu_action(window, "Nouvelle séance d'exercice").trigger()

    kind, title, text = dialogs.asked[-1]
    assert (kind, title) == ("confirm", "Nouvelle séance d'exercice") and "F1" in text
    assert len(store.list_sessions()) == before + 1
    state = controller.state
    assert state.setup.title == "Séance d'exercice" and state.events == [] and state.phase is SessionPhase.NOT_OPENED
    assert window.windowTitle().endswith("Séance d'exercice")
    assert window.roll_call_panel.model.rowCount() == 33
    assert not window.docks["roll"].visibleRegion().isEmpty()  # the chair starts with the roll call
    # The rehearsal is live: the first arrival is recorded.
    assert controller.act("Arrivée", lambda c: c.arrive("m1"))
    assert len(controller.state.events) == 1


def test_declining_creates_nothing(qtbot, store):
    controller = SessionController(live_service(store))
    window = _window(qtbot, controller, ScriptedDialogs(confirm=False))
    before = (controller.service.session_id, len(store.list_sessions()))
    assert not window.session_files.new_practice()
    assert (controller.service.session_id, len(store.list_sessions())) == before


def test_f1_shows_the_sequence_first_before_the_opening(qtbot, store):
    controller = SessionController(SessionService(store, store_practice_session(store)))
    window = _window(qtbot, controller)
    assert next(info for info in window.shortcuts.infos if info.keys == "F1").description.startswith("Aide : déroulé d'une séance")
    dialog = window._help_dialog(sequence_first=True)
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == SEQUENCE_TAB
    text = dialog.sequence_view.toPlainText()
    assert "Appel → ouverture → secrétaire → points → levée → procès-verbal" in text
    for step in SITTING_SEQUENCE:
        assert step.name in text
    assert "Ctrl+Shift+O" in text and "Ctrl+Shift+L" in text and "F8" in text
    assert dialog.sequence_view.accessibleDescription().startswith(sequence_lines()[0])


def test_an_open_session_shows_the_keys_first(qtbot, controller):
    window = _window(qtbot, controller)
    dialog = window._help_dialog(sequence_first=False)
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentIndex() == 0 and dialog.rows()


def test_every_key_the_sequence_names_is_registered_in_the_window(qtbot, controller):
    window = _window(qtbot, controller)
    registered = {info.keys for info in window.shortcuts.infos}
    assert sequence_keys() <= registered, sequence_keys() - registered
