"""The words the chair reads: a session merely loaded is « chargée » (« ouvrir la séance » is a
legal act), and the roll call agrees with each member's civility (« Mme … : excusée »)."""

from __future__ import annotations

from seance_desk.ui.itemmodels.roll_facts import status_word
from seance_desk.ui.panels.roll_call_panel import RollCallPanel
from seance_desk.ui.panels.roll_marks import Mark
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from seance_desk.ui.shell.shortcuts import ShortcutRegistry
from seance_desk.models.enums import Attendance

from tests.ui.conftest import live_service
from tests.ui.test_roll_call import STATUS, absent_plain, cell


def test_another_session_is_said_loaded_not_opened(qtbot, store, controller):
    other = live_service(store, members=40)
    dialogs = ScriptedDialogs(choices=[[row.id for row in store.list_sessions()].index(other.session_id)])
    window = MainWindow(controller, dialogs=dialogs)
    qtbot.addWidget(window)
    other.close()
    assert window.session_files.open_other()
    text = window._status.text()
    assert text.startswith("Séance chargée : ") and "ouverte" not in text


def _absent_by_civility(controller, woman: bool) -> str:
    """A plainly absent member of that civility; one seated is made to leave if none is."""
    state = controller.state
    found = next((m for m in absent_plain(controller) if state.member(m).is_woman is woman), None)
    if found is not None:
        return found
    speaking = state.speakers.requests[state.speakers.current].member_id if state.speakers.current else None
    seated = next(m for m in state.roll.attendance if state.member(m).is_woman is woman and m != speaking
                  and m != state.assembly.executive_id and not state.roll.active_proxies_of_holder.get(m))
    assert controller.act("Départ", lambda c: c.leave(seated))
    return seated


def test_the_roll_call_agrees_with_the_members_civility(qtbot, controller):
    panel = RollCallPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    woman, man = _absent_by_civility(controller, True), _absent_by_civility(controller, False)
    messages: list[str] = []
    controller.message.connect(lambda text, _error: messages.append(text))
    assert cell(panel.model, woman, STATUS) == "absente" and cell(panel.model, man, STATUS) == "absent"
    assert panel.mark([woman], Mark.EXCUSED) and panel.mark([man], Mark.EXCUSED)
    state = controller.state
    assert messages == [f"{state.name(woman)} : excusée", f"{state.name(man)} : excusé"]
    assert cell(panel.model, woman, STATUS) == "excusée" and cell(panel.model, man, STATUS) == "excusé"
    assert panel.mark([woman], Mark.ON_SITE)
    assert cell(panel.model, woman, STATUS) == "présente sur place"
    assert panel.mark([woman], Mark.ON_SITE)  # nothing to do: said, agreed too
    assert messages[-1] == f"{state.name(woman)} : déjà présente sur place"


def test_status_words_for_each_civility(controller):
    woman = next(m for m in controller.state.assembly.members if m.is_woman)
    man = next(m for m in controller.state.assembly.members if not m.is_woman)
    assert [status_word(woman, a, False) for a in (Attendance.ON_SITE, Attendance.REMOTE, None)] == ["présente sur place", "présente à distance", "absente"]
    assert status_word(man, Attendance.REMOTE, False) == "présent à distance" and status_word(man, None, True) == "excusé"
