"""« Classement @ctes… » in the agenda's « Point sélectionné » (issue 9): the act's nature (1 to 6,
French labels) and matière, recorded through the controller; a bad matière is refused in the dialog
with the engine's reason and changes nothing; the button is refused, with the engine's reason, for an
item that is no act once the sitting is levée."""

from __future__ import annotations

import pytest

from seance_desk.models.act_text import ActeNature
from seance_desk.models.enums import ItemStatus
from seance_desk.ui.dialogs.classification_dialog import ClassificationDialog
from seance_desk.ui.panels.agenda_panel import AgendaPanel
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service


@pytest.fixture
def dialogs():
    return ScriptedDialogs(confirm=True)


def make_panel(qtbot, controller, dialogs) -> AgendaPanel:
    panel = AgendaPanel(controller, ShortcutRegistry(), dialogs)
    qtbot.addWidget(panel)
    return panel


def test_nature_and_matiere_are_recorded_and_shown(qtbot, controller, dialogs):
    panel = make_panel(qtbot, controller, dialogs)
    panel.select("pt5")
    assert panel.classify_button.isEnabled()
    before = controller.state.act("pt5")
    dialog = panel.ask_classification()
    assert isinstance(dialog, ClassificationDialog)
    assert [dialog.nature_combo.itemText(i) for i in range(dialog.nature_combo.count())][:2] == [
        "1 — délibération (DE)", "2 — acte réglementaire (AR)"]
    assert dialog.nature() is before.nature
    assert not dialog.accept_button.isEnabled()  # nothing changed yet
    dialog.nature_combo.setCurrentIndex(dialog.nature_combo.findData(int(ActeNature.CONTRAT)))
    dialog.matiere_edit.setText("1.4")
    assert dialog.accept_button.isEnabled() and dialog.problem.isHidden()
    dialog.accept_button.click()
    act = controller.state.act("pt5")
    assert (act.nature, act.matiere) == (ActeNature.CONTRAT, "1.4")
    assert controller.state.events[-1].type == "item.classified"
    assert panel.detail_labels["classification"].text() == "4 — contrat, convention ou avenant (CC) — matière 1.4"


def test_a_bad_matiere_is_refused_with_the_engines_reason_and_changes_nothing(qtbot, controller, dialogs):
    panel = make_panel(qtbot, controller, dialogs)
    panel.select("pt6")
    events = len(controller.state.events)
    dialog = panel.ask_classification()
    dialog.matiere_edit.setText("52")
    assert not dialog.accept_button.isEnabled()
    assert not dialog.problem.isHidden()
    assert dialog.problem.text().startswith("Classement @ctes du point n° 6 impossible : matière @ctes « 52 » invalide")
    dialog.accept()  # a stale accept (Entrée) goes through the engine, which refuses the same
    assert len(controller.state.events) == events


def test_refused_after_the_levee_for_an_item_that_is_no_act(qtbot, store, dialogs):
    controller = SessionController(live_service(store, until_item=None, speaking=False))
    panel = make_panel(qtbot, controller, dialogs)
    voted = next(i for i in controller.state.items.values() if i.status is ItemStatus.VOTED)
    not_voted = next(i for i in controller.state.items.values() if i.status is not ItemStatus.VOTED)
    panel.select(voted.id)
    assert panel.classify_button.isEnabled()  # numbered at the levée, not yet transmitted
    panel.select(not_voted.id)
    assert not panel.classify_button.isEnabled()
    assert panel.classify_button.toolTip().startswith(f"Classement @ctes du point n° {not_voted.item.number} impossible")
    assert "seule une délibération votée est un acte" in panel.classify_button.toolTip()
