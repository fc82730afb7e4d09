"""The roll call behind the agenda's tab is built when first shown, not at start-up
(ui/shell/panel_when_shown.py): built then, it is the panel it always was — its members, its
counter, its keys in the help at their place, its buttons gated by the role of the person signed in
— and the window is laid out as when it was built at once. Before the opening, in front, it is
built with the window; at a start, right after the chain is verified and the chair may act."""

from __future__ import annotations

from datetime import date

from seance_desk.tools.demo import build_demo
from seance_desk.ui.itemmodels.roll_facts import roll_counts
from seance_desk.ui.panels.roll_call_panel import RollCallPanel
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from tests.ui.conftest import controller_at_start, live_service


def _window(qtbot, controller) -> MainWindow:
    window = MainWindow(controller, dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    return window


def _visible_layout(window: MainWindow) -> dict:
    return {
        "central": window.centralWidget().geometry(),
        **{name: window.docks[name].geometry() for name in ("quorum", "agenda", "speakers")},
    }


def test_behind_the_agenda_it_is_built_when_its_tab_is_raised_and_shows_the_roll(qtbot, store):
    window = _window(qtbot, SessionController(live_service(store)))
    assert window.findChild(RollCallPanel) is None  # the séance is open: the agenda is in front
    window.show()
    assert window.findChild(RollCallPanel) is None
    window.docks["roll"].raise_()  # the chair clicks on « Appel nominal »
    panel = window.findChild(RollCallPanel)
    assert panel is not None and panel is window.roll_call_panel
    qtbot.waitUntil(lambda: panel.isVisible() and not panel.visibleRegion().isEmpty())
    state = window.controller.state
    assert panel.counter_text() == roll_counts(state).text
    assert panel.model.rowCount() == len(state.assembly.members)


def test_the_window_is_laid_out_as_when_it_was_built_at_once(qtbot, store):
    lazy = _window(qtbot, SessionController(live_service(store)))
    eager = _window(qtbot, SessionController(live_service(store)))
    eager.roll_call_panel  # noqa: B018 — built with the window, as before
    for window in (lazy, eager):
        window.show()
        qtbot.waitExposed(window)
    assert _visible_layout(lazy) == _visible_layout(eager)
    lazy.roll_call_panel  # noqa: B018
    for window in (lazy, eager):
        window.docks["roll"].raise_()
    qtbot.waitUntil(lambda: lazy.roll_call_panel.isVisible())
    qtbot.wait(10)
    assert _visible_layout(lazy) == _visible_layout(eager)
    assert lazy.docks["roll"].geometry() == eager.docks["roll"].geometry()


def test_its_keys_are_in_the_help_at_their_place_before_it_is_built(qtbot, store):
    lazy = _window(qtbot, SessionController(live_service(store)))
    eager = _window(qtbot, SessionController(live_service(store)))
    eager.roll_call_panel  # noqa: B018
    listed = lazy.shortcuts.infos  # reading them builds the panel, which registers them
    assert lazy.findChild(RollCallPanel) is not None
    assert listed == eager.shortcuts.infos
    assert {info.keys for info in listed if info.where == "Appel nominal"} >= {"S", "D", "A", "E", "P", "Ctrl+F"}


def test_built_later_its_buttons_are_greyed_for_a_secretary(qtbot, store):
    store.create_account("admin", "Service informatique", "administrateur", "correct horse battery")  # the first one
    secretary = store.create_account("jmoulin", "Jean Moulin", "secretaire", "correct horse battery")
    window = _window(qtbot, SessionController(live_service(store)))
    window.controller.change_person(secretary)
    panel = window.roll_call_panel  # built after the person signed in
    assert panel.buttons and all(not button.isEnabled() for button in panel.buttons)
    assert all("Réservé au président de séance" in button.toolTip() for button in panel.buttons)
    window.controller.change_person(None)  # a poste unique again: released like the others
    assert not any("Réservé au président de séance" in button.toolTip() for button in panel.buttons)


def test_before_the_opening_it_is_in_front_and_built_with_the_window(qtbot, store):
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), play=False)
    from seance_desk.service.session import SessionService

    service = SessionService(store, store.import_session(demo.assembly, demo.setup, demo.events))
    window = _window(qtbot, SessionController(service))
    assert window.findChild(RollCallPanel) is window.roll_call_panel
    window.show()
    qtbot.waitUntil(lambda: window.roll_call_panel.isVisible())


def test_at_a_start_it_is_built_once_the_chair_may_act(qtbot, tmp_path):
    controller = controller_at_start(tmp_path / "startup.sqlite3")
    window = _window(qtbot, controller)
    built_when_usable = []
    controller.verified.connect(lambda: built_when_usable.append(window.findChild(RollCallPanel) is not None))
    window.show()
    qtbot.waitUntil(lambda: window.findChild(RollCallPanel) is not None, timeout=10_000)
    assert built_when_usable == [False]  # not before the chair could act: right after
    assert controller.blocked_reason() is None
    assert window.roll_call_panel.counter_text() == roll_counts(controller.state).text
    controller.service.close()
