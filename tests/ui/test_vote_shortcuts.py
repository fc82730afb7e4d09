"""The vote's keys work wherever the cursor is while the vote is shown, F7 puts the cursor on the
entry, and the help (F1) says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from seance_desk.models.enums import VoteChoice, VoteMethod
from seance_desk.ui.dialogs.help_dialog import shortcuts_model
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _window_with_a_vote(qtbot, controller) -> MainWindow:
    window = MainWindow(controller, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    assert controller.act("Fin de l'intervention", lambda c: c.end_floor())
    assert controller.act("Ouverture du vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS))
    return window


def _ballots(controller) -> dict:
    return controller.state.current_item.vote.ballots


def test_ctrl_shift_u_gives_the_unanimity_with_the_cursor_in_the_roll_call(qtbot, controller):
    window = _window_with_a_vote(qtbot, controller)
    window.docks["roll"].raise_()
    search = window.roll_call_panel.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    QTest.keyClick(search, Qt.Key.Key_U, CTRL_SHIFT)
    assert len(_ballots(controller)) == len(controller.state.eligible_voters(controller.state.current_item))
    assert {b.choice for b in _ballots(controller).values()} == {VoteChoice.FOR}


def test_the_vote_keys_rest_while_the_minutes_are_shown(qtbot, controller):
    window = _window_with_a_vote(qtbot, controller)
    QTest.keyClick(window, Qt.Key.Key_F8)
    QTest.keyClick(window.minutes_panel, Qt.Key.Key_U, CTRL_SHIFT)
    assert _ballots(controller) == {}


def test_f7_puts_the_cursor_on_the_votes_so_that_p_records_one(qtbot, controller):
    window = _window_with_a_vote(qtbot, controller)
    window.speaker_panel.search.setFocus()
    qtbot.waitUntil(window.speaker_panel.search.hasFocus)
    QTest.keyClick(window, Qt.Key.Key_F7)
    table = window.vote_panel.table
    assert table.hasFocus()
    QTest.keyClick(table, Qt.Key.Key_P)
    assert [b.choice for b in _ballots(controller).values()] == [VoteChoice.FOR]


def test_the_help_says_where_each_vote_key_works(qtbot, controller):
    window = _window_with_a_vote(qtbot, controller)
    model = shortcuts_model(window.shortcuts.infos)
    where_of: dict[str, str] = {}
    for row in range(model.rowCount()):
        group = model.item(row)
        for child in range(group.rowCount()):
            where_of.setdefault(group.child(child, 0).text(), group.text())
    assert where_of["Ctrl+Shift+U"] == "Vote (onglet Vote affiché, où que soit le curseur)"
    assert "F7" in where_of["P / C / A / N"]
    assert window.vote_panel.actions["unanimity"].shortcutContext() is Qt.ShortcutContext.WindowShortcut
