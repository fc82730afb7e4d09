"""Ctrl+Z on an action that reopens what the assembly saw settled (a vote closed, the séance levée,
a unanimity) asks first; a light correction does not. The Édition menu names what it would undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from seance_desk.models.enums import ItemStatus, SessionPhase, VoteMethod
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow


def _window(qtbot, controller, confirm: bool) -> MainWindow:
    window = MainWindow(controller, dialogs=ScriptedDialogs(confirm=confirm))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def _ctrl_z(window: MainWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _vote_by_unanimity(controller) -> None:
    assert controller.act("Fin de l'intervention", lambda c: c.end_floor())
    assert controller.act("Ouverture du vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS))
    assert controller.act("Unanimité", lambda c: c.unanimity("pt4"))


def _absent(controller) -> str:
    roll = controller.state.roll
    return next(m.id for m in controller.state.assembly.members if not roll.is_seated(m.id) and roll.active_proxy_from(m.id) is None)


@pytest.mark.parametrize("confirm", [False, True])
def test_undoing_a_vote_closure_asks_first(qtbot, controller, confirm):
    window = _window(qtbot, controller, confirm)
    _vote_by_unanimity(controller)
    assert controller.act("Clôture du vote sur le point n° 4", lambda c: c.close_vote("pt4"))
    _ctrl_z(window)
    (kind, title, text), = window.dialogs.asked
    assert (kind, title) == ("confirm", "Annuler : Clôture du vote sur le point n° 4")
    assert "Annuler la clôture du vote du point n° 4 rouvre le vote" in text
    expected = ItemStatus.VOTING if confirm else ItemStatus.VOTED
    assert controller.state.items["pt4"].status is expected
    if not confirm:
        assert window._status.text() == "Annulation abandonnée : Clôture du vote sur le point n° 4"


def test_undoing_a_unanimity_asks_first(qtbot, controller):
    window = _window(qtbot, controller, confirm=False)
    _vote_by_unanimity(controller)
    ballots = len(controller.state.items["pt4"].vote.ballots)
    _ctrl_z(window)
    (_kind, title, text), = window.dialogs.asked
    assert title == "Annuler : Unanimité" and f"efface les {ballots} votes" in text
    assert len(controller.state.items["pt4"].vote.ballots) == ballots


def test_undoing_the_levee_asks_first(qtbot, controller):
    window = _window(qtbot, controller, confirm=False)
    assert controller.act("Fin de l'intervention", lambda c: c.end_floor())
    assert controller.act("Report du point n° 4", lambda c: c.postpone("pt4", "À la demande du rapporteur"))
    assert controller.act("Levée de la séance", lambda c: c.close_session())
    _ctrl_z(window)
    (_kind, title, text), = window.dialogs.asked
    assert title == "Annuler : Levée de la séance" and "rouvre" in text
    assert controller.state.phase is SessionPhase.CLOSED


def test_a_light_correction_is_undone_without_a_question(qtbot, controller):
    window = _window(qtbot, controller, confirm=False)
    member = _absent(controller)
    assert controller.act("Arrivée de l'élu", lambda c: c.arrive(member))
    _ctrl_z(window)
    assert window.dialogs.asked == []
    assert not controller.state.roll.is_seated(member)


def test_the_edition_menu_names_the_action_to_undo_and_to_redo(qtbot, controller):
    window = _window(qtbot, controller, confirm=True)
    assert window.undo_action.text() == "Annuler (rien à annuler)"
    member = _absent(controller)
    assert controller.act("Arrivée de l'élu", lambda c: c.arrive(member))
    assert window.undo_action.text() == "Annuler : Arrivée de l'élu"
    assert window.redo_action.text() == "Rétablir (rien à rétablir)"
    _ctrl_z(window)
    assert window.undo_action.text() == "Annuler (rien à annuler)"
    assert window.redo_action.text() == "Rétablir : Arrivée de l'élu"
