"""Nothing of one session or item follows into the next unasked: another session starts with no
roll-call search and no vote message; at an item change, the hands raised before it are kept only
if the chair says so."""

from __future__ import annotations

import pytest

from seance_desk.models.state.session_state import SessionState
from seance_desk.ui.panels.agenda_panel import AgendaPanel
from seance_desk.ui.panels.roll_call_panel import RollCallPanel
from seance_desk.ui.panels.speaker_panel import SpeakerPanel
from seance_desk.ui.panels.vote import VotePanel
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service


def test_another_session_starts_without_the_previous_search_or_vote_message(qtbot, store, controller):
    roll = RollCallPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    vote = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs())
    speakers = SpeakerPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    for panel in (roll, vote, speakers):
        qtbot.addWidget(panel)
    roll.set_search("zzz")
    assert roll.filter_model.rowCount() == 0
    speakers.search.setText("Dub")
    assert not vote.open_vote()  # someone has the floor: refused, and said in the panel
    assert vote.feedback.text()
    controller.switch_to(live_service(store, members=40))
    assert roll.search.text() == "" and roll.filter_model.rowCount() == 40
    assert vote.feedback.text() == ""
    assert speakers.search.text() == ""


def _agenda(qtbot, controller, dialogs) -> AgendaPanel:
    panel = AgendaPanel(controller, ShortcutRegistry(), dialogs)
    qtbot.addWidget(panel)
    if controller.state.speakers.current:
        assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert controller.act("Clôture du point n° 4", lambda c: c.close_item("pt4"))  # its hands still raised
    return panel


def _waiting(state: SessionState) -> list[str]:
    return [state.name(state.speakers.requests[rid].member_id) for rid in state.speakers.queue]


@pytest.mark.parametrize("keep", [True, False])
def test_at_an_item_change_the_chair_is_asked_whether_the_queue_follows(qtbot, controller, keep):
    dialogs = ScriptedDialogs(confirm=keep)
    panel = _agenda(qtbot, controller, dialogs)
    waiting = _waiting(controller.state)
    assert len(waiting) >= 2
    dialogs.asked.clear()
    assert panel.open_item("pt5")
    (kind, title, text), = dialogs.asked
    assert (kind, title) == ("confirm", "Mise en discussion du point n° 5")
    assert f"{len(waiting)} demandes de parole faites avant ce point restent en attente" in text
    assert waiting[0] in text and "Les garder pour le point n° 5 ?" in text
    assert controller.state.current_item.id == "pt5"
    assert _waiting(controller.state) == (waiting if keep else [])
    if not keep:
        assert controller.undo()  # one action: the item and the withdrawn hands come back together
        assert controller.state.current_item is None and _waiting(controller.state) == waiting


def test_no_question_when_no_hand_waits_from_before(qtbot, controller):
    dialogs = ScriptedDialogs(confirm=False)
    panel = _agenda(qtbot, controller, dialogs)
    for rid in list(controller.state.speakers.queue):
        assert controller.act("Retrait", lambda c, rid=rid: c.lower_hand(rid))
    dialogs.asked.clear()
    assert panel.open_item("pt5")
    assert dialogs.asked == []
