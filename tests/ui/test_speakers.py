"""The speakers' panel: raised hands typed by name, the rappel au règlement on top, the floor given,
ended, reordered and withdrawn through the widgets, the speaking timer with its warnings and beeps,
the item's speakers."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette

from seance_desk.models.enums import FloorKind
from seance_desk.ui.shell.colors import error_color, warning_color
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry
from seance_desk.ui.itemmodels.speaker_model import ItemSpeakersModel, SeatedMembersModel, SpeakerQueueModel, fold
from seance_desk.ui.panels.speaker_panel import SpeakerPanel
from seance_desk.ui.panels.speaking_timer import IDLE, NORMAL, OVERRUN, WARNING

from tests.ui.conftest import live_service
from tests.ui.test_quorum_gauge import dark_palette, light_palette


class Beeps:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def shortcuts():
    return ShortcutRegistry()


@pytest.fixture
def beeps():
    return Beeps()


@pytest.fixture
def panel(controller, qtbot, shortcuts, beeps):
    widget = SpeakerPanel(controller, shortcuts, ScriptedDialogs(), beep=beeps)
    qtbot.addWidget(widget)
    widget.resize(340, 820)
    widget.show()
    return widget


def _queue_members(controller) -> list[str]:
    speakers = controller.state.speakers
    return [speakers.requests[rid].member_id for rid in speakers.queue]


def _idle_seated(controller) -> list[str]:
    """Seated members with no pending request and not speaking, sorted for determinism."""
    state = controller.state
    busy = set(_queue_members(controller))
    if state.speakers.current:
        busy.add(state.speakers.requests[state.speakers.current].member_id)
    return sorted(m for m in state.roll.attendance if m not in busy)


def _unique_name(controller) -> tuple[str, str]:
    """A seated, idle member and how the chair would type him: lower case, no accents, last name first."""
    state = controller.state
    names = [state.assembly.member(m) for m in _idle_seated(controller)]
    for member in names:
        if sum(1 for other in state.assembly.members if fold(other.last_name) == fold(member.last_name)) == 1:
            return member.id, fold(f"{member.last_name} {member.first_name}")
    raise AssertionError("no unique last name")


def test_models_pass_the_model_tester(controller, panel, qtmodeltester):
    qtmodeltester.check(panel.queue_model)
    qtmodeltester.check(panel.item_model)
    qtmodeltester.check(panel.members_model)
    # The testers stay attached: every row insertion, move and removal below is checked too.
    first, second = _idle_seated(controller)[:2]
    assert controller.act("Main levée", lambda c: c.raise_hand(first))
    assert controller.act("Rappel", lambda c: c.raise_hand(second, FloorKind.POINT_OF_ORDER))
    queue = controller.state.speakers.queue
    assert controller.act("Ordre", lambda c: c.move_speaker(queue[-1], 1))
    assert controller.act("Retrait", lambda c: c.lower_hand(controller.state.speakers.queue[2]))
    assert controller.act("Parole", lambda c: c.give_floor(controller.state.speakers.queue[0]))
    assert controller.act("Départ", lambda c: c.leave(_idle_seated(controller)[0]))
    assert controller.undo()  # a correction: Changes(all)
    assert [panel.queue_model.request_id(r) for r in range(panel.queue_model.rowCount())] == controller.state.speakers.queue


def test_fresh_models_over_a_state(controller, qtmodeltester):
    state = lambda: controller.state  # noqa: E731
    for model in (SpeakerQueueModel(state), ItemSpeakersModel(state), SeatedMembersModel(state)):
        qtmodeltester.check(model)
        assert model.rowCount() > 0


def test_the_queue_shows_order_name_and_waiting_time(controller, panel):
    queue = controller.state.speakers.queue
    first = controller.state.speakers.requests[queue[0]]
    panel.set_clock(lambda: first.requested_at + timedelta(minutes=2, seconds=5))
    model = panel.queue_model
    assert model.rowCount() == len(queue) == 2
    assert model.index(0, 0).data() == "1" and model.index(1, 0).data() == "2"
    assert model.index(0, 1).data() == controller.state.name(first.member_id)
    assert model.index(0, 2).data() == "2:05"
    assert panel.next_label.text() == f"Suivant : {controller.state.name(first.member_id)}"


def test_a_member_is_added_by_typing_his_name(controller, panel, qtbot):
    member_id, typed = _unique_name(controller)
    before = len(controller.state.speakers.queue)
    panel.search.setText(typed.upper())  # « DUPONT CLAIRE »: case, accents and word order do not matter
    panel.search.returnPressed.emit()  # what Enter does (the add waits for the completer to finish)
    qtbot.waitUntil(lambda: len(controller.state.speakers.queue) == before + 1)
    assert _queue_members(controller)[-1] == member_id
    assert panel.search.text() == ""
    assert not panel.hint_label.isVisibleTo(panel)
    assert panel.queue_model.rowCount() == before + 1


def test_the_completer_ignores_accents(controller, panel):
    state = controller.state
    accented = next(state.assembly.member(m) for m in state.roll.attendance if fold(state.name(m)) != state.name(m).casefold())
    panel.completer.setCompletionPrefix(fold(accented.first_name))
    names = [panel.completer.completionModel().index(r, 0).data() for r in range(panel.completer.completionCount())]
    assert accented.display_name in names
    panel.completer.setCurrentRow(names.index(accented.display_name))
    assert panel.completer.pathFromIndex(panel.completer.currentIndex()) == accented.display_name


def test_ambiguous_unknown_and_refused_names_say_why(controller, panel):
    state = controller.state
    before = list(state.speakers.queue)
    panel.search.setText("zzzz")
    assert not panel.add_typed()
    assert panel.hint_label.text() == "Aucun élu présent ne correspond à « zzzz »"

    panel.search.setText("m")  # in almost every name
    assert not panel.add_typed()
    assert panel.hint_label.text().startswith("Plusieurs élus correspondent à « m »")

    waiting = state.name(state.speakers.requests[before[0]].member_id)
    panel.search.setText(waiting)
    assert not panel.add_typed()  # the engine refuses: already in the queue
    assert panel.hint_label.isVisibleTo(panel)
    assert "a déjà demandé la parole" in panel.hint_label.text()
    assert controller.state.speakers.queue == before


def test_rappel_au_reglement_goes_on_top(controller, panel):
    member_id, typed = _unique_name(controller)
    panel.search.setText(typed)
    panel.point_of_order_button.click()
    speakers = controller.state.speakers
    top = speakers.requests[speakers.queue[0]]
    assert (top.member_id, top.kind) == (member_id, FloorKind.POINT_OF_ORDER)
    assert panel.queue_model.index(0, 1).data().endswith("— rappel au règlement")
    assert panel.queue_model.index(0, 1).data(Qt.ItemDataRole.FontRole).bold()


def test_give_floor_to_the_next_ends_the_current_speaker(controller, panel):
    speakers = controller.state.speakers
    previous, nxt = speakers.current, speakers.queue[0]
    panel.give_button.click()
    speakers = controller.state.speakers
    assert speakers.current == nxt
    assert speakers.requests[previous].ended_at is not None
    assert panel.queue_model.rowCount() == 1
    assert panel.current_name_label.text() == controller.state.name(speakers.requests[nxt].member_id)
    # The item's speakers: the one who finished, then the one speaking.
    model = panel.item_model
    assert [model.index(r, 1).data() for r in range(model.rowCount())][-2:] == [
        controller.state.name(speakers.requests[previous].member_id),
        controller.state.name(speakers.requests[nxt].member_id),
    ]
    assert re.fullmatch(r"\d+:\d\d(:\d\d)?", model.index(model.rowCount() - 2, 2).data())
    assert model.index(model.rowCount() - 1, 2).data() == "en cours"
    assert panel.item_group.title() == "Orateurs sur le point n° 4"


def test_give_floor_to_the_selected_request(controller, panel):
    chosen = controller.state.speakers.queue[1]
    panel.select_request(chosen)
    assert panel.next_label.text().startswith("Demande choisie : ")
    panel.give_button.click()
    assert controller.state.speakers.current == chosen
    assert panel.selected_request_id() is None


def test_end_of_speech(controller, panel):
    assert panel.end_button.isEnabled()
    panel.end_button.click()
    assert controller.state.speakers.current is None
    assert panel.timer_state == IDLE
    assert panel.current_name_label.text() == "Personne n'a la parole"
    assert not panel.end_button.isEnabled()


def test_reorder_with_the_buttons_and_the_selection_follows(controller, panel):
    first, second = controller.state.speakers.queue
    assert not panel.up_button.isEnabled() and not panel.lower_button.isEnabled()
    panel.select_request(second)
    assert panel.up_button.isEnabled() and not panel.down_button.isEnabled()
    panel.up_button.click()
    assert controller.state.speakers.queue == [second, first]
    assert panel.selected_request_id() == second  # the row moved, the selection with it
    assert panel.down_button.isEnabled() and not panel.up_button.isEnabled()
    panel.down_button.click()
    assert controller.state.speakers.queue == [first, second]
    assert panel.selected_request_id() == second


def test_lower_a_hand(controller, panel):
    first, second = controller.state.speakers.queue
    panel.select_request(first)
    panel.lower_button.click()
    assert controller.state.speakers.queue == [second]
    assert controller.state.speakers.requests[first].withdrawn
    assert panel.queue_model.rowCount() == 1 and panel.selected_request_id() is None


def test_shortcuts_are_registered_and_work(controller, panel, shortcuts):
    keys = {info.keys: info for info in shortcuts.infos}
    for key in ("F4", "F5", "F6", "Ctrl+R", "Entrée"):
        assert key in keys and keys[key].where == "Orateurs"
    actions = {action.shortcut().toString(): action for action in panel.actions()}
    nxt = controller.state.speakers.queue[0]
    actions["F5"].trigger()
    assert controller.state.speakers.current == nxt
    actions["F6"].trigger()
    assert controller.state.speakers.current is None
    member_id, typed = _unique_name(controller)
    panel.search.setText(typed)
    actions["Ctrl+R"].trigger()
    top = controller.state.speakers.requests[controller.state.speakers.queue[0]]
    assert (top.member_id, top.kind) == (member_id, FloorKind.POINT_OF_ORDER)
    view_keys = {a.shortcut().toString() for a in panel.queue_view.actions()}
    assert {QKeySequence("Ctrl+Up").toString(), QKeySequence("Ctrl+Down").toString(), QKeySequence("Del").toString()} <= view_keys


def _grant_fresh(controller, panel):
    """Gives the floor to the next request through the panel; returns the moment it was granted."""
    panel.give_button.click()
    speakers = controller.state.speakers
    return speakers.requests[speakers.current].granted_at


def test_speaking_timer_warns_then_overruns_with_one_beep_each(controller, panel, beeps):
    reglement = controller.state.assembly.reglement
    limit, warning = reglement.speaking_time_s, reglement.speaking_warning_s
    assert (limit, warning) == (300, 30)
    moment = [None]
    panel.set_clock(lambda: moment[0] or controller.state.events[-1].at)
    granted = _grant_fresh(controller, panel)

    def at(seconds: int) -> None:
        moment[0] = granted + timedelta(seconds=seconds)
        panel.tick()

    at(10)
    assert (panel.timer_state, beeps.count) == (NORMAL, 0)
    assert panel.timer_label.text() == "0:10 / 5:00"
    at(limit - warning - 1)
    assert (panel.timer_state, beeps.count) == (NORMAL, 0)
    at(limit - warning)
    assert panel.timer_state == WARNING and beeps.count == 1
    assert panel.timer_status_label.text() == "30 s restantes"
    assert panel.timer_label.palette().color(QPalette.ColorRole.WindowText) == warning_color(panel.palette())
    at(limit - 1)
    assert panel.timer_status_label.text() == "1 s restante" and beeps.count == 1
    at(limit + 15)
    assert panel.timer_state == OVERRUN and beeps.count == 2
    assert panel.timer_status_label.text() == "Temps dépassé de 0:15"
    assert panel.timer_status_label.palette().color(QPalette.ColorRole.WindowText) == error_color(panel.palette())
    assert "Temps dépassé de 0:15" in panel.current_frame.accessibleDescription()
    at(limit + 75)
    assert panel.timer_status_label.text() == "Temps dépassé de 1:15" and beeps.count == 2

    # The next speaker gets a fresh timer and his own warnings.
    granted = _grant_fresh(controller, panel)
    at(5)
    assert panel.timer_state == NORMAL
    at(limit + 1)  # both thresholds crossed in one tick: one beep, for the end
    assert panel.timer_state == OVERRUN and beeps.count == 3


def test_a_speaker_already_over_time_when_the_panel_opens_makes_no_sound(controller, panel, beeps):
    current = controller.state.speakers.requests[controller.state.speakers.current]
    panel.set_clock(lambda: current.granted_at + timedelta(minutes=20))
    panel.tick()
    assert panel.timer_state == OVERRUN and panel.timer_status == "Temps dépassé de 15:00"
    assert beeps.count == 0


def test_sound_can_be_turned_off_and_defaults_to_qapplication_beep(controller, qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication

    calls = Beeps()
    monkeypatch.setattr(QApplication, "beep", calls)
    panel = SpeakerPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    moment = [None]
    panel.set_clock(lambda: moment[0] or controller.state.events[-1].at)
    granted = _grant_fresh(controller, panel)
    for seconds in (1, 280, 301):
        moment[0] = granted + timedelta(seconds=seconds)
        panel.tick()
    assert calls.count == 2
    panel.sound_enabled = False
    granted = _grant_fresh(controller, panel)
    for seconds in (1, 280, 301):
        moment[0] = granted + timedelta(seconds=seconds)
        panel.tick()
    assert panel.timer_state == OVERRUN and calls.count == 2


def test_the_timer_runs_only_while_there_is_something_to_count(controller, panel):
    assert panel.timer.isActive()
    panel.end_button.click()
    for request_id in list(controller.state.speakers.queue):
        assert controller.act("Retrait", lambda c, r=request_id: c.lower_hand(r))
    assert not panel.timer.isActive()
    assert controller.act("Main levée", lambda c: c.raise_hand(_idle_seated(controller)[0]))
    assert panel.timer.isActive()


def test_reload_rebuilds(controller, panel):
    from seance_desk.service.session import SessionService

    other = SessionService(controller.service.store, controller.service.session_id)
    other.do(other.commands.raise_hand(_idle_seated(controller)[0]))
    controller.service.reload()
    controller.reloaded.emit()
    assert panel.queue_model.rowCount() == len(controller.state.speakers.queue) == 3


@pytest.mark.parametrize("palette_maker", [light_palette, dark_palette], ids=["clair", "sombre"])
def test_renders_under_light_and_dark_palettes(controller, panel, palette_maker):
    palette = palette_maker()
    panel.setPalette(palette)
    current = controller.state.speakers.requests[controller.state.speakers.current]
    panel.set_clock(lambda: current.granted_at + timedelta(seconds=285))
    assert panel.timer_state == WARNING
    assert panel.timer_label.palette().color(QPalette.ColorRole.WindowText) == warning_color(palette)
    pixmap = panel.grab()
    assert not pixmap.isNull() and pixmap.width() >= 300


def test_fits_a_narrow_dock(panel):
    assert panel.minimumSizeHint().width() <= 320
    panel.resize(320, 800)
    panel.grab()
    assert panel.queue_view.width() <= 320


def test_refresh_is_fast_with_240_members(store, qtbot):
    controller = SessionController(live_service(store, members=240, items=6, until_item=4))
    panel = SpeakerPanel(controller, ShortcutRegistry(), ScriptedDialogs(), beep=Beeps())
    qtbot.addWidget(panel)
    panel.show()
    runs = []
    for _ in range(20):
        start = time.perf_counter()
        panel.rebuild()
        runs.append(time.perf_counter() - start)
    assert sorted(runs)[len(runs) // 2] < 0.016
