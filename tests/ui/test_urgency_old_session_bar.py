"""The session bar of an urgent session stored before the urgency rule says that the urgency was not
deliberated, on the badge and in its tooltip (issue 10's loose ends, point 1); a session of this
version shows nothing of the kind."""

from __future__ import annotations

from seance_desk.service.session import SessionService
from seance_desk.ui.panels.session_bar import SessionBar
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry
from tests.helpers import ORDINARY_DATE, clock_for
from tests.rules.test_urgency_old_journals import old_way_journal, urgent_setup


def test_the_badge_of_an_old_urgent_session_carries_the_warning(qtbot, store, monkeypatch):
    assembly, old = old_way_journal(monkeypatch)
    service = SessionService(store, store.import_session(assembly, urgent_setup(), old.events), clock=clock_for(ORDINARY_DATE))
    bar = SessionBar(SessionController(service), ShortcutRegistry(), ScriptedDialogs(confirm=True))
    qtbot.addWidget(bar)
    assert bar.phase_label.text() == "Séance ouverte ⚠"
    assert bar.phase_label.toolTip().startswith("⚠ Urgence non délibérée (séance antérieure à cette règle)")


def test_the_badge_of_a_session_of_this_version_has_no_warning(qtbot, controller):
    bar = SessionBar(controller, ShortcutRegistry(), ScriptedDialogs(confirm=True))
    qtbot.addWidget(bar)
    assert bar.phase_label.text() == "Séance ouverte"
    assert "Urgence non délibérée" not in bar.phase_label.toolTip()
