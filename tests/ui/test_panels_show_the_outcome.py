"""The panels and dialogs that show why an action was refused read the reason from the outcome
`controller.act` returns, not from the status line's signal: here the controller refuses without
saying anything on the status line, and each still shows the reason it was given."""

from __future__ import annotations

import pytest

from seance_desk.ui.dialogs.huis_clos_dialog import HuisClosDialog
from seance_desk.ui.dialogs.proxy_dialog import ProxyDialog
from seance_desk.ui.panels.speaker_panel import SpeakerPanel
from seance_desk.ui.panels.vote import VotePanel
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.outcome import ActionOutcome
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.test_roll_call import absent_plain, seated_plain

REASON = "Refus de l'essai : la loi ne le permet pas"


@pytest.fixture
def silent_refusal(controller, monkeypatch):
    """Every action refused with REASON, and nothing on the status line."""
    said: list[str] = []
    controller.message.connect(lambda text, _error: said.append(text))
    monkeypatch.setattr(controller, "act", lambda _label, _build: ActionOutcome.refused(REASON))
    yield
    assert said == []


def test_the_vote_panel_shows_the_refusal_it_got(qtbot, controller, silent_refusal):
    panel = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    assert not panel.open_vote()
    assert panel.feedback.text() == REASON


def test_the_speaker_panel_shows_the_refusal_it_got(qtbot, controller, silent_refusal):
    panel = SpeakerPanel(controller, ShortcutRegistry(), ScriptedDialogs(), beep=lambda: None)
    qtbot.addWidget(panel)
    assert not panel.end_floor()
    assert panel.hint_label.text() == REASON


def test_the_proxy_dialog_shows_the_refusal_it_got(qtbot, controller, silent_refusal):
    dialog = ProxyDialog(controller, absent_plain(controller)[0])
    qtbot.addWidget(dialog)
    holder = next(m for m in seated_plain(controller) if dialog.is_holder_enabled(m))
    assert dialog.select_holder(holder)
    dialog.accept()
    assert dialog.verdict.text() == REASON and dialog.last_error == REASON
    assert dialog.result() != dialog.DialogCode.Accepted


def test_the_huis_clos_dialog_shows_the_refusal_it_got(qtbot, controller, silent_refusal):
    dialog = HuisClosDialog(controller)
    qtbot.addWidget(dialog)
    assert not dialog.submit_request()
    assert dialog.receivability_label.text() == REASON
    assert not dialog.submit_vote()
    assert dialog.result_label.text() == REASON
