"""Issue 9 after the sitting: « Transmission et publication… » records, per délibération, the day it
was transmitted to the préfecture and published (hence exécutoire), and the liste's publication;
a refused date shows the engine's reason and records nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.helpers import StepClock
from seance_desk.service.session import SessionService
from seance_desk.tools.demo import build_demo
from seance_desk.ui.dialogs.publication_dialog import PublicationDialog
from seance_desk.ui.shell.controller import SessionController

SESSION_DAY = date(2026, 11, 20)


@pytest.fixture
def closed(qtbot, store):
    demo = build_demo(33, 6, session_date=SESSION_DAY, play=True)
    session_id = store.import_session(demo.assembly, demo.setup, demo.events)
    # Entered a few days after the sitting, not on the real today.
    return SessionController(SessionService(store, session_id, clock=StepClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))))


@pytest.fixture
def dialog(qtbot, closed):
    opened = PublicationDialog(closed)
    qtbot.addWidget(opened)
    return opened


def test_dates_of_a_deliberation_make_it_executoire(qtbot, closed, dialog):
    voted = [act for act in closed.state.act_records() if act.voted]
    assert dialog.table.rowCount() == len(voted) and dialog.item_combo.count() == len(voted)
    first = voted[0]
    assert dialog.table.item(0, 0).text() == first.number and dialog.table.item(0, 4).text() == "—"
    assert dialog.set_item(first.item.id)
    dialog.set_date(date(2026, 11, 23))
    assert dialog.transmit_button.isEnabled()
    dialog.transmit_button.click()
    dialog.set_date(date(2026, 11, 24))
    dialog.publish_button.click()
    dates = closed.state.publication.act(first.item.id)
    assert (dates.transmitted_on, dates.published_on, dates.executoire_on) == (date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 24))
    assert dialog.table.item(0, 4).text() == "mardi 24 novembre 2026"
    assert dialog.problem.text() == "Publication de la délibération enregistrée"


def test_a_date_before_the_sitting_or_to_come_is_refused_with_the_engines_reason(qtbot, closed, dialog):
    before = len(closed.state.events)
    dialog.set_date(date(2026, 11, 19))
    assert not dialog.transmit_button.isEnabled()
    assert "précède la séance du vendredi 20 novembre 2026" in dialog.transmit_button.toolTip()
    assert dialog.problem.text() == dialog.transmit_button.toolTip()
    assert not dialog.record_transmission()  # through a stale click: the same reason, nothing recorded
    dialog.set_date(date(2026, 11, 30))
    assert "est dans le futur" in dialog.publish_button.toolTip()
    assert not dialog.record_publication()
    assert "est dans le futur" in dialog.problem.text()
    assert len(closed.state.events) == before


def test_the_list_publication(qtbot, closed, dialog):
    assert dialog.list_state.text() == "Non encore publiée"
    dialog.set_list_date(date(2026, 11, 24))
    dialog.list_where_edit.setText("site internet de la commune")
    dialog.list_button.click()
    assert closed.state.publication.list_published_on == date(2026, 11, 24)
    assert closed.state.publication.list_published_where == "site internet de la commune"
    assert dialog.list_state.text() == "Publiée le mardi 24 novembre 2026 (site internet de la commune)"


def test_before_the_levee_every_date_is_refused(qtbot, controller):
    dialog = PublicationDialog(controller)
    qtbot.addWidget(dialog)
    assert dialog.item_combo.count() == len([a for a in controller.state.act_records() if a.voted])
    assert not dialog.list_button.isEnabled() and "la séance n'est pas levée" in dialog.list_button.toolTip()


def test_the_pv_tab_opens_it_once_the_sitting_is_closed(qtbot, closed):
    from seance_desk.ui.panels.minutes_panel import MinutesPanel
    from seance_desk.ui.shell.dialogs import ScriptedDialogs
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry

    panel = MinutesPanel(closed, ShortcutRegistry(), ScriptedDialogs(), today=lambda: date(2026, 11, 25),
                         now=lambda: datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    qtbot.addWidget(panel)
    signoff = panel.signoff
    assert signoff.dates_button.isEnabled()
    signoff.dates_button.click()
    assert isinstance(signoff.pending_dialog, PublicationDialog) and signoff.pending_dialog.isVisible()
