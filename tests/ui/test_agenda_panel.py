"""The agenda panel: a sound Qt model with status cues; putting an item to discussion shows the quorum
the engine froze (and says plainly when it is not met); the compte administratif needs the council's
own chair; postponing and withdrawing take a reason; closing without a vote asks first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QIcon, QPalette

from seance_desk.models.enums import ItemStatus, RecusalReason, SessionPhase, VoteMethod
from seance_desk.ui.itemmodels.agenda_model import RESULT, STATUS, TITLE, ItemIdRole
from seance_desk.ui.panels.agenda_panel import AgendaPanel
from seance_desk.ui.shell.colors import error_color, ok_color
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service


@pytest.fixture
def dialogs():
    return ScriptedDialogs(confirm=True)


@pytest.fixture
def shortcuts():
    return ShortcutRegistry()


def make_panel(qtbot, controller, shortcuts, dialogs) -> AgendaPanel:
    panel = AgendaPanel(controller, shortcuts, dialogs)
    qtbot.addWidget(panel)
    return panel


def status_of(panel: AgendaPanel, item_id: str) -> str:
    return panel.model.index(panel.model.row_of(item_id), STATUS).data()


def finish_current_item(panel: AgendaPanel) -> None:
    """Ends the speech under way, then closes the current item without a vote through the panel."""
    controller = panel.controller
    if controller.state.speakers.current:
        assert controller.act("Fin de parole", lambda c: c.end_floor())
    item_id = controller.state.current_item.id
    panel.select(item_id)
    panel.close_item_button.click()
    assert controller.state.items[item_id].status is ItemStatus.CLOSED


def test_model_passes_the_qt_model_tester_through_actions(qtmodeltester, qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    qtmodeltester.check(panel.model)
    finish_current_item(panel)
    panel.select("pt5")
    panel.open_selected()
    controller.undo()  # a correction: the whole model is read again
    qtmodeltester.check(panel.model)


def test_rows_show_number_title_rapporteur_status_and_result_with_cues(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    model, state = panel.model, controller.state
    assert model.rowCount() == 12
    assert [model.index(r, 0).data() for r in range(3)] == ["1", "2", "3"]
    assert model.index(3, TITLE).data() == state.items["pt4"].item.title
    assert model.index(3, 2).data() == state.name(state.items["pt4"].item.rapporteur_id)
    assert model.index(0, TITLE).data(ItemIdRole) == "pt1"
    assert status_of(panel, "pt4") == "en discussion"
    assert status_of(panel, "pt5") == "à venir"
    # The compte administratif is « arrêté », with its tally; the tooltip gives the article.
    account = model.index(model.row_of("pt3"), RESULT)
    assert account.data().startswith("Arrêté — ")
    assert account.data(Qt.ItemDataRole.ToolTipRole) == state.items["pt3"].vote.result.text
    # Cues: an icon and a colour for the status, bold for the item under discussion.
    current_status = model.index(model.row_of("pt4"), STATUS)
    assert isinstance(current_status.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert isinstance(current_status.data(Qt.ItemDataRole.FontRole), QFont) and current_status.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(model.row_of("pt5"), STATUS).data(Qt.ItemDataRole.DecorationRole) is None
    adopted = next(i.id for i in state.setup.agenda if (v := state.items[i.id].vote) and v.result and v.result.value.adopted)
    color = model.index(model.row_of(adopted), STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert color == ok_color(QGuiApplication.palette())
    assert current_status.data(Qt.ItemDataRole.AccessibleTextRole) == "Statut : en discussion"


def test_selects_the_item_under_discussion_and_shows_its_frozen_quorum(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    assert panel.selected_id() == "pt4"
    frozen = controller.state.items["pt4"].quorum
    assert panel.quorum_label.text() == f"À la mise en discussion : {frozen.text}"
    assert panel.detail_labels["kind"].text() == "Délibération"
    assert panel.detail_labels["status"].text().startswith("En discussion depuis ")
    assert not panel.details_form.isRowVisible(panel.detail_labels["chair"])
    # Buttons for the item under discussion.
    assert not panel.open_button.isEnabled()
    assert panel.postpone_button.isEnabled() and panel.withdraw_button.isEnabled() and panel.close_item_button.isEnabled()


def test_buttons_for_a_voted_item_and_for_one_waiting_behind_the_current(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    panel.select("pt1")
    assert not any(b.isEnabled() for b in (panel.open_button, panel.postpone_button, panel.withdraw_button, panel.close_item_button))
    assert panel.detail_labels["result"].text().endswith(controller.state.items["pt1"].vote.result.text)
    panel.select("pt5")
    assert not panel.open_button.isEnabled()
    # The engine's own sentence (the panel used to say « est en discussion », without « encore »).
    assert panel.open_button.toolTip() == "Le point n° 4 est encore en discussion : clôturez-le ou reportez-le d'abord"
    assert panel.postpone_button.isEnabled()


def test_opening_an_item_shows_the_quorum_frozen_at_that_moment(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    finish_current_item(panel)
    assert status_of(panel, "pt4") == "clos sans vote"
    assert dialogs.asked[-1][:2] == ("confirm", "Clore sans vote")

    panel.select("pt5")
    assert panel.quorum_label.text().startswith("Constaté à la mise en discussion — à cet instant : Quorum atteint")
    assert panel.open_button.isEnabled()
    panel.open_button.click()
    item = controller.state.items["pt5"]
    assert item.status is ItemStatus.OPEN and item.quorum is not None
    assert status_of(panel, "pt5") == "en discussion"
    assert panel.quorum_label.text() == f"À la mise en discussion : {item.quorum.text}"
    assert "Quorum atteint" in panel.quorum_label.text()
    assert not any(kind == "inform" for kind, *_ in dialogs.asked)


def test_opening_without_quorum_says_so_and_the_vote_is_refused(qtbot, store, shortcuts, dialogs):
    controller = SessionController(live_service(store, play=False))
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    assert panel.selected_id() == "pt1"
    assert not panel.open_button.isEnabled()  # the séance is not open yet
    assert panel.open_button.toolTip() == "Mise en discussion impossible : la séance n'est pas encore ouverte"
    assert controller.act("Ouverture", lambda c: c.open_session())  # nobody has arrived
    assert panel.open_button.isEnabled()

    panel.open_selected()
    item = controller.state.items["pt1"]
    assert item.status is ItemStatus.OPEN and not item.quorum.value.met
    kind, title, text = dialogs.asked[-1]
    assert (kind, title) == ("inform", "Quorum non atteint")
    assert item.quorum.text in text and "ne peut pas être voté" in text
    assert panel.quorum_label.text() == f"À la mise en discussion : {item.quorum.text} — le point ne pourra pas être voté"
    assert panel.quorum_label.text().startswith("À la mise en discussion : Quorum non atteint : 0 présent < 17 requis")
    # In bold red (its palette and font: no style sheet, whose every change re-polished the label).
    assert panel.quorum_label.font().bold() and panel.quorum_label.styleSheet() == ""
    assert panel.quorum_label.palette().color(QPalette.ColorRole.WindowText) == error_color(panel.palette())
    # The discussion may be taken up again once members arrive: the button says so.
    assert panel.open_button.isEnabled() and panel.open_button.text() == "Reprendre la discussion"
    with qtbot.waitSignal(controller.message) as blocker:
        assert not controller.act("Vote", lambda c: c.open_vote("pt1", VoteMethod.SHOW_OF_HANDS))
    assert "le quorum n'était pas atteint lors de sa mise en discussion" in blocker.args[0]


def test_compte_administratif_needs_the_councils_own_chair(qtbot, store, shortcuts, dialogs):
    controller = SessionController(live_service(store, until_item=2))
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    finish_current_item(panel)
    executive = controller.state.assembly.executive_id

    # Without a chair the engine refuses, with the law's reason, and nothing is recorded.
    before = len(controller.state.events)
    with qtbot.waitSignal(controller.message) as blocker:
        assert not panel.open_item("pt3")
    assert blocker.args[1] and "le conseil élit son président de séance" in blocker.args[0]
    assert len(controller.state.events) == before

    panel.select("pt3")
    assert panel.details_form.isRowVisible(panel.detail_labels["chair"])  # shown for the account
    assert "Le conseil élit son président pour ce point" in panel.detail_labels["chair"].text()
    panel.open_button.click()
    dialog = panel.pending_dialog
    assert dialog is not None and dialog.isVisible()
    candidates = [dialog.chair_combo.itemData(i) for i in range(dialog.chair_combo.count())]
    assert executive not in candidates and "m2" in candidates
    assert set(candidates) == set(controller.state.roll.attendance) - {executive}
    assert dialog.set_chair("m2")
    dialog.accept_button.click()

    item = controller.state.items["pt3"]
    assert item.status is ItemStatus.OPEN and item.chair_id == "m2"
    assert item.recusals[executive] is RecusalReason.COMPTE_ADMINISTRATIF
    assert panel.detail_labels["chair"].text().startswith(f"Présidé par {controller.state.name('m2')}")
    assert "se retire (art. L2121-14 CGCT)" in panel.detail_labels["chair"].text()
    assert panel.quorum_label.text() == f"À la mise en discussion : {item.quorum.text}"


def test_cancelling_the_chair_dialog_opens_nothing(qtbot, store, shortcuts, dialogs):
    controller = SessionController(live_service(store, until_item=2))
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    finish_current_item(panel)
    panel.select("pt3")
    dialog = panel.open_selected()
    dialog.cancel_button.click()
    assert controller.state.items["pt3"].status is ItemStatus.PENDING
    assert panel.pending_dialog is None


def test_postpone_with_a_reason(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    panel.select("pt6")
    panel.postpone_button.click()
    dialog = panel.pending_dialog
    assert dialog.windowTitle() == "Reporter le point n° 6"
    assert not dialog.accept_button.isEnabled()  # a reason is required
    dialog.set_reason("Dossier incomplet : report à une prochaine séance")
    assert dialog.accept_button.isEnabled()
    dialog.accept_button.click()
    item = controller.state.items["pt6"]
    assert item.status is ItemStatus.POSTPONED
    assert item.end_reason == "Dossier incomplet : report à une prochaine séance"
    assert status_of(panel, "pt6") == "reporté"
    assert panel.model.index(panel.model.row_of("pt6"), RESULT).data() == "Dossier incomplet : report à une prochaine séance"
    assert panel.details_form.isRowVisible(panel.detail_labels["reason"])
    assert panel.detail_labels["reason"].text() == item.end_reason
    assert not panel.postpone_button.isEnabled()


def test_withdraw_with_a_reason_through_its_shortcut(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    panel.select("pt7")
    panel.actions_by_key["withdraw"].trigger()
    dialog = panel.pending_dialog
    assert dialog.windowTitle() == "Retirer le point n° 7"
    dialog.set_reason("Retiré de l'ordre du jour à la demande du rapporteur")
    dialog.accept_button.click()
    assert controller.state.items["pt7"].status is ItemStatus.WITHDRAWN
    assert status_of(panel, "pt7") == "retiré"


def test_postponing_the_item_under_discussion_frees_the_floor_for_the_next(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    dialog = panel.ask_postpone()
    dialog.set_reason("À la demande du rapporteur")
    dialog.accept_button.click()
    assert controller.state.items["pt4"].status is ItemStatus.POSTPONED
    panel.select("pt5")
    assert panel.open_button.isEnabled()


def test_closing_without_a_vote_asks_and_a_no_keeps_the_item(qtbot, controller, shortcuts):
    dialogs = ScriptedDialogs(confirm=False)
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    assert not panel.close_selected()
    assert dialogs.asked[-1][0] == "confirm" and "point n° 4" in dialogs.asked[-1][2]
    assert controller.state.items["pt4"].status is ItemStatus.OPEN


def test_enter_opens_the_selected_item(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    finish_current_item(panel)
    with qtbot.waitActive(panel):
        panel.show()
    panel.select("pt5")
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert controller.state.items["pt5"].status is ItemStatus.OPEN


def test_shortcuts_are_registered_for_the_help(qtbot, controller, shortcuts, dialogs):
    make_panel(qtbot, controller, shortcuts, dialogs)
    mine = [(info.keys, info.description) for info in shortcuts.infos if info.where == "Ordre du jour"]
    assert mine == [
        ("Entrée", "Mettre en discussion le point sélectionné"),
        ("Ctrl+Shift+R", "Reporter le point sélectionné (avec le motif)"),
        ("Ctrl+Shift+X", "Retirer le point sélectionné (avec le motif)"),
        ("Ctrl+Shift+C", "Clore la discussion sans vote"),
        ("Ctrl+Shift+N", "Déport : un élu ne prend pas part au point"),
    ]


def test_closing_the_session_updates_the_buttons(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    finish_current_item(panel)
    assert controller.act("Levée", lambda c: c.close_session())
    assert controller.state.phase is SessionPhase.CLOSED
    panel.select("pt5")
    assert not panel.open_button.isEnabled() and not panel.postpone_button.isEnabled()


def test_a_narrow_dock_keeps_the_title_and_status(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    panel.resize(380, 500)
    panel.show()
    qtbot.waitUntil(lambda: panel.view.isColumnHidden(RESULT))
    assert panel.view.isColumnHidden(2) and not panel.view.isColumnHidden(TITLE) and not panel.view.isColumnHidden(STATUS)
    panel.resize(1100, 500)
    qtbot.waitUntil(lambda: not panel.view.isColumnHidden(RESULT))
    assert not panel.view.isColumnHidden(2)


def test_a_recusal_is_recorded_shown_and_no_longer_possible_once_voting(qtbot, controller, shortcuts, dialogs):
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    item_id = controller.state.current_item.id
    member = next(m for m in controller.state.roll.attendance if m != controller.state.setup.chair_id)
    panel.select(item_id)
    dialog = panel.ask_recusal()
    assert dialog.set_member(member) and dialog.set_reason("interet")
    dialog.accept_button.click()
    assert controller.state.items[item_id].recusals == {member: RecusalReason.INTEREST}
    assert controller.state.name(member) in panel.detail_labels["recusals"].text()
    assert "L2131-11" in panel.detail_labels["recusals"].text()

    if controller.state.speakers.current:
        assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert controller.act("Ouverture du vote", lambda c: c.open_vote(item_id, VoteMethod.SHOW_OF_HANDS))
    panel.select(item_id)
    assert not panel.recusal_button.isEnabled()


def test_a_rebuild_asks_the_selected_items_verdicts_once(qtbot, controller, shortcuts, dialogs, monkeypatch):
    """A full refresh (a reload, the chain verified at start-up) selects the item again, which
    refreshes its buttons and details: not a second time after (as at every start, twice)."""
    panel = make_panel(qtbot, controller, shortcuts, dialogs)
    shown = []
    original = panel._show_details
    monkeypatch.setattr(panel, "_show_details", lambda item: shown.append(item) or original(item))
    panel.rebuild()
    assert len(shown) == 1 and shown[0] is not None and shown[0].id == panel.selected_id()
    selected = panel.selected_id()
    controller.reloaded.emit()  # the same session read again: the selection kept, asked once
    assert len(shown) == 2 and panel.selected_id() == selected
