"""The chair's window as a whole: its layout is remembered, undo/redo go through its shortcuts,
refusals reach the status line, the public display opens, and a restart finds the session as it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from seance_desk.app import ensure_demo_or_last
from seance_desk.service.session import SessionService
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from seance_desk.ui.shell.settings import WindowState


def _window(qtbot, controller, window_state=None):
    window = MainWindow(controller, dialogs=ScriptedDialogs(), window_state=window_state)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_every_panel_is_a_named_dock_and_the_roll_call_shares_the_agendas_place(qtbot, controller):
    window = _window(qtbot, controller)
    assert {dock.objectName() for dock in window.docks.values()} == {"dockQuorum", "dockOrdreDuJour", "dockAppel", "dockOrateurs"}
    assert window.tabifiedDockWidgets(window.docks["agenda"]) == [window.docks["roll"]]
    assert window.centralWidget() is window.central_tabs
    assert [window.central_tabs.tabText(i) for i in range(window.central_tabs.count())] == ["Vote", "Procès-verbal"]


def test_f7_and_f8_switch_between_the_vote_and_the_minutes(qtbot, controller):
    window = _window(qtbot, controller)
    QTest.keyClick(window, Qt.Key.Key_F8)
    assert window.central_tabs.currentWidget() is window.minutes_panel
    QTest.keyClick(window, Qt.Key.Key_F7)
    assert window.central_tabs.currentWidget() is window.vote_panel


def test_the_minutes_tab_is_built_when_first_shown_and_its_keys_are_listed_from_the_start(qtbot, controller):
    window = _window(qtbot, controller)
    assert window._minutes_panel is None  # not needed for the chair's first paint
    described = {(info.keys, info.where) for info in window.shortcuts.infos}
    assert ("Ctrl+B", "Procès-verbal (éditeur)") in described  # the help (F1) lists them already
    window.central_tabs.setCurrentIndex(1)  # a click on the tab
    panel = window._minutes_panel
    assert panel is not None and window.central_tabs.currentWidget() is panel is window.minutes_panel
    assert window.central_tabs.count() == 2 and window.central_tabs.tabText(1) == "Procès-verbal"
    assert panel.isVisible() and panel.current_id == controller.state.current_item.id
    window.central_tabs.setCurrentIndex(0)
    window.central_tabs.setCurrentIndex(1)
    assert window.minutes_panel is panel  # built once


def test_the_layout_is_remembered_between_sessions(qtbot, controller, tmp_path):
    window = _window(qtbot, controller, WindowState(tmp_path))
    window.docks["speakers"].hide()
    window.close()
    again = _window(qtbot, controller, WindowState(tmp_path))
    assert not again.docks["speakers"].isVisible()
    assert again.docks["quorum"].isVisible()


def test_ctrl_z_and_ctrl_y_undo_and_redo_through_the_journal(qtbot, controller):
    window = _window(qtbot, controller)
    member = next(m.id for m in controller.state.assembly.members if not controller.state.roll.is_seated(m.id) and controller.state.roll.active_proxy_from(m.id) is None)
    assert controller.act("Arrivée", lambda c: c.arrive(member))
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not controller.state.roll.is_seated(member)
    QTest.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert controller.state.roll.is_seated(member)
    assert [e.type for e in controller.state.events[-2:]] == ["correction", "correction"]


def test_a_refusal_is_shown_in_the_status_line_in_red(qtbot, controller):
    window = _window(qtbot, controller)
    seated = next(iter(controller.state.roll.attendance))
    assert not controller.act("Arrivée", lambda c: c.arrive(seated))
    assert "déjà présent" in window._status.text()
    assert "bold" in window._status.styleSheet()


def test_f11_opens_and_closes_the_public_display(qtbot, controller):
    window = _window(qtbot, controller)
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert window.public_display is not None and window.public_display.isVisible()
    qtbot.addWidget(window.public_display)
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert not window.public_display.isVisible()


def test_quit_and_reopen_finds_the_session_exactly_as_it_was(qtbot, store):
    first_id = ensure_demo_or_last(store)
    store.set_last_session_id(first_id)
    service = SessionService(store, first_id)
    controller = SessionController(service)
    window = _window(qtbot, controller)
    member = next(m.id for m in service.state.assembly.members if not service.state.roll.is_seated(m.id) and service.state.roll.active_proxy_from(m.id) is None)
    assert controller.act("Arrivée", lambda c: c.arrive(member))
    head = service.engine.head_hash
    window.close()

    assert ensure_demo_or_last(store) == first_id  # the last session, not a new demo
    reopened = SessionService(store, first_id)
    assert reopened.engine.head_hash == head
    assert reopened.state.roll.is_seated(member)


def test_the_window_fits_a_1366_by_768_laptop(qtbot, controller):
    window = _window(qtbot, controller)
    # Every central tab: the PV's sign-off once made the window 1,417 pixels wide on its own tab.
    for index in range(window.central_tabs.count()):
        window.central_tabs.setCurrentIndex(index)
        minimum = window.minimumSizeHint()
        assert minimum.width() <= 1366 and minimum.height() <= 768, (window.central_tabs.tabText(index), minimum)
