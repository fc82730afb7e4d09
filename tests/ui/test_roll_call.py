"""The roll call: the model over the live state, the search, one key per status, the counter."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton

from seance_desk.tools.demo import build_demo
from seance_desk.models.assembly import Member
from seance_desk.models.enums import Attendance, BodyKind
from seance_desk.service.session import SessionService
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.panels.roll_call_panel import Mark, RollCallPanel
from seance_desk.ui.itemmodels.roll_model import (
    ARRIVAL,
    DEPARTURE,
    GROUP,
    HELD,
    MEMBER_ID_ROLE,
    NAME,
    STATUS,
    SORT_ROLE,
    STATUS_KIND_ROLE,
    RollFilterModel,
    RollModel,
)
from seance_desk.ui.itemmodels.roll_facts import StatusKind, fold, roll_counts
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service


# ---------------------------------------------------------------------- helpers
def make_panel(qtbot, controller, width: int = 1000) -> RollCallPanel:
    panel = RollCallPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    panel.resize(width, 700)
    return panel


def show_active(qtbot, panel: RollCallPanel) -> None:
    with qtbot.waitActive(panel):
        panel.show()


def absent_plain(controller) -> list[str]:
    """Titulaires not seated, neither excused nor represented: the plainly absent."""
    state = controller.state
    return [
        m.id
        for m in state.assembly.members
        if m.is_titulaire and not state.roll.is_seated(m.id) and m.id not in state.roll.excused and state.roll.active_proxy_from(m.id) is None
    ]


def seated_plain(controller) -> list[str]:
    """Seated members who neither hold a proxy nor have a pending floor request, nor chair."""
    state = controller.state
    return [
        m
        for m in state.roll.attendance
        if m != state.chair_id and state.roll.held_count(m) == 0 and state.speakers.pending_for(m) is None
        and not (state.speakers.current and state.speakers.requests[state.speakers.current].member_id == m)
    ]


def cell(model, member_id: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.index(model.row_of(member_id), column).data(role)


@pytest.fixture
def big_controller(qtbot, store):
    return SessionController(live_service(store, 240, 80, 40))


@pytest.fixture
def remote_controller(qtbot, store):
    return SessionController(live_service(store, 33, 12, 4, remote=True, kind=BodyKind.EPCI))


@pytest.fixture
def epci_controller(qtbot, store):
    """An EPCI whose seat m5 has a suppléant, s5 (L5211-6), opened with everyone but m5 and s5 seated."""
    demo = build_demo(33, 12, kind=BodyKind.EPCI, session_date=date(2026, 11, 20), play=False)
    titulaire = demo.assembly.member("m5")
    suppleant = Member(id="s5", last_name="Bénard", first_name="Yves", civility="M.", group=titulaire.group,
                       function="conseiller communautaire suppléant", suppleant_of="m5")
    assembly = replace(demo.assembly, members=(*demo.assembly.members, suppleant))
    controller = SessionController(SessionService(store, store.import_session(assembly, demo.setup, [])))
    for member in assembly.members:
        if member.is_titulaire and member.id != "m5":
            assert controller.act("Arrivée", lambda c, m=member.id: c.arrive(m))
    assert controller.act("Ouverture", lambda c: c.open_session())
    return controller


# ---------------------------------------------------------------------- the model
@pytest.mark.parametrize("members", [33, 240])
def test_roll_model_passes_the_model_tester(qtbot, qtmodeltester, store, members):
    controller = SessionController(live_service(store, members, 12 if members == 33 else 80, 4 if members == 33 else 40))
    model = RollModel(lambda: controller.state)
    qtmodeltester.check(model, force_py=True)
    proxy = RollFilterModel()
    proxy.setSourceModel(model)
    proxy.set_search("ma")
    qtmodeltester.check(proxy, force_py=True)
    assert model.rowCount() == sum(1 for m in controller.state.assembly.members if m.in_office)


def test_sorting_by_name_keeps_the_models_order_which_is_the_sorted_one(qtbot, controller):
    panel = make_panel(qtbot, controller)
    view, proxy = panel.view, panel.filter_model

    def shown(column: int) -> list[str]:
        return [proxy.index(row, column).data() for row in range(proxy.rowCount())]

    def by_name_key() -> list[str]:
        rows = sorted(range(panel.model.rowCount()), key=lambda row: panel.model.index(row, NAME).data(SORT_ROLE))
        return [panel.model.index(row, NAME).data() for row in rows]

    assert shown(NAME) == by_name_key()  # at start: sorted by name, A to Z
    view.sortByColumn(GROUP, Qt.SortOrder.AscendingOrder)
    groups = shown(GROUP)
    assert groups == sorted(groups) and shown(NAME) != by_name_key()
    view.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert shown(NAME) == by_name_key()[::-1]
    view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    assert shown(NAME) == by_name_key()
    panel.search.setText("ma")  # filtering keeps the order
    assert shown(NAME) == [name for name in by_name_key() if name in shown(NAME)] and 0 < len(shown(NAME)) < len(by_name_key())


def test_rows_are_sorted_by_last_name_and_statuses_follow_the_state(controller):
    model = RollModel(lambda: controller.state)
    state = controller.state
    # Accents do not count: « Émery » sorts with the E, not after « Zola ».
    keys = [(fold(m.last_name), fold(m.first_name)) for m in map(state.member, model.member_ids())]
    assert keys == sorted(keys)
    for member_id in model.member_ids():
        status = cell(model, member_id, STATUS)
        attendance = state.roll.attendance.get(member_id)
        proxy = state.roll.active_proxy_from(member_id)
        e = state.member(member_id).e  # agreed with the civility: « Mme … présente »
        if attendance is not None:
            assert status == attendance.label.replace("présent", f"présent{e}")
        elif proxy is not None and state.roll.is_seated(proxy.holder_id):
            assert status == f"représenté{e} par {state.name(proxy.holder_id)}"
        elif member_id in state.roll.excused:
            assert status.startswith(f"excusé{e}")
        else:
            assert status.startswith(f"absent{e}")


def test_represented_member_and_proxy_holder(controller):
    model = RollModel(lambda: controller.state)
    proxy = controller.state.roll.usable_proxies()[0]
    holder_name = controller.state.name(proxy.holder_id)
    grantor_name = controller.state.name(proxy.grantor_id)
    e = controller.state.member(proxy.grantor_id).e
    assert cell(model, proxy.grantor_id, STATUS) == f"représenté{e} par {holder_name}"
    assert cell(model, proxy.grantor_id, NAME, STATUS_KIND_ROLE) == StatusKind.REPRESENTED.value
    assert cell(model, proxy.holder_id, HELD) == f"pouvoir de {grantor_name}"
    assert f"Porte le pouvoir de {grantor_name}" in cell(model, proxy.holder_id, NAME, Qt.ItemDataRole.ToolTipRole)


def test_status_colours_come_from_the_palette(controller, qtbot):
    from seance_desk.ui.shell.colors import error_color, ok_color

    model = RollModel(lambda: controller.state)
    seated = next(iter(controller.state.roll.attendance))
    absent = absent_plain(controller)[0]
    from PySide6.QtGui import QGuiApplication

    palette = QGuiApplication.palette()
    assert cell(model, seated, STATUS, Qt.ItemDataRole.ForegroundRole) == ok_color(palette)
    assert cell(model, absent, STATUS, Qt.ItemDataRole.ForegroundRole) == error_color(palette)


def test_late_arrival_tooltip_names_the_item(controller):
    """The demo's late arrival happened during item 2: the tooltip says so."""
    model = RollModel(lambda: controller.state)
    late = next(m for m in controller.state.roll.movements if m.arrived and m.item_id == "pt2")
    member = controller.state.member(late.member_id)
    text = cell(model, member.id, NAME, Qt.ItemDataRole.ToolTipRole)
    verb = "Arrivée" if member.civility == "Mme" else "Arrivé"
    assert f"{verb} à {cell(model, member.id, ARRIVAL)} pendant le point n° 2" in text


def test_suppleant_sitting_in_place_of_his_titulaire(epci_controller):
    model = RollModel(lambda: epci_controller.state)
    assert cell(model, "s5", STATUS) == "suppléant, ne siège pas"
    e = epci_controller.state.member("m5").e
    assert cell(model, "m5", STATUS) == f"absent{e}"
    assert epci_controller.act("Arrivée du suppléant", lambda c: c.arrive("s5"))
    model.refresh()
    assert cell(model, "m5", STATUS) == f"suppléé{e} par M. Yves BÉNARD"
    assert cell(model, "s5", STATUS) == "présent sur place"
    assert "Suppléant de " in cell(model, "s5", NAME, Qt.ItemDataRole.ToolTipRole)
    counts = roll_counts(epci_controller.state)
    assert counts.present == counts.seats == 33 and counts.absent == 0


# ---------------------------------------------------------------------- search
def test_search_is_accent_and_case_insensitive(qtbot, controller):
    panel = make_panel(qtbot, controller)
    lefevre = next(m for m in controller.state.assembly.members if m.last_name == "Lefèvre")

    def shown() -> list[str]:
        return [panel.filter_model.index(r, NAME).data(MEMBER_ID_ROLE) for r in range(panel.filter_model.rowCount())]

    for typed in ("lefe", "LEFÈ", "Lefev", f"{fold(lefevre.first_name)} lef"):
        panel.set_search(typed)
        assert lefevre.id in shown(), typed
    panel.set_search("lefe")
    assert all("lefe" in fold(controller.state.member(m).last_name) for m in shown())
    # Typing finds the member: the first match is selected, ready for a status key.
    assert panel.selected_member_ids() == [shown()[0]]
    gerards = {m.id for m in controller.state.assembly.members if m.last_name == "Gérard"}
    panel.set_search("gerard")
    assert set(shown()) == gerards and len(gerards) == 2
    panel.set_search("")
    assert panel.filter_model.rowCount() == panel.model.rowCount()


def test_enter_in_the_search_field_moves_into_the_list(qtbot, controller):
    panel = make_panel(qtbot, controller)
    show_active(qtbot, panel)
    panel.search.setFocus()
    QTest.keyClicks(panel.search, "lefe")
    assert panel.search.text() == "lefe"  # letters typed in the search field are not status keys
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.view.hasFocus()
    (selected,) = panel.selected_member_ids()
    assert controller.state.member(selected).last_name == "Lefèvre"
    QTest.keyClick(panel.view, Qt.Key.Key_Escape)
    assert panel.search.hasFocus()


# ---------------------------------------------------------------------- one key per status
def test_status_keys_with_real_key_events(qtbot, controller):
    panel = make_panel(qtbot, controller)
    show_active(qtbot, panel)
    state = controller.state
    newcomer = absent_plain(controller)[0]
    leaver = seated_plain(controller)[0]
    item_number = state.current_item.item.number

    # S: présent sur place, and the selection moves to the next member of the list.
    panel.select_member(newcomer)
    panel.view.setFocus()
    next_row = panel.filter_model.mapFromSource(panel.model.index(panel.model.row_of(newcomer), NAME)).row() + 1
    expected_next = panel.filter_model.index(next_row, NAME).data(MEMBER_ID_ROLE)
    QTest.keyClick(panel.view, Qt.Key.Key_S)
    assert controller.state.roll.attendance[newcomer] is Attendance.ON_SITE
    assert panel.selected_member_ids() == [expected_next]
    assert cell(panel.model, newcomer, STATUS) == "présent sur place"
    tip = cell(panel.model, newcomer, NAME, Qt.ItemDataRole.ToolTipRole)
    assert f"à {cell(panel.model, newcomer, ARRIVAL)} pendant le point n° {item_number} (sur place)" in tip

    # A: absent; a seated member's departure is recorded against the current item.
    panel.select_member(leaver)
    QTest.keyClick(panel.view, Qt.Key.Key_A)
    assert not controller.state.roll.is_seated(leaver)
    last = controller.state.roll.movements[-1]
    assert (last.member_id, last.arrived, last.item_id) == (leaver, False, controller.state.current_item_id)
    departure = cell(panel.model, leaver, DEPARTURE)
    assert departure and f"à {departure} pendant le point n° {item_number}" in cell(panel.model, leaver, NAME, Qt.ItemDataRole.ToolTipRole)

    # E: excusé.
    panel.select_member(leaver)
    QTest.keyClick(panel.view, Qt.Key.Key_E)
    assert leaver in controller.state.roll.excused
    assert cell(panel.model, leaver, STATUS) == "excusé"

    # The counter follows the state after every key.
    assert panel.counter_text() == roll_counts(controller.state).text


def test_remote_key_is_refused_in_an_in_person_session_with_the_reason(qtbot, controller):
    panel = make_panel(qtbot, controller)
    show_active(qtbot, panel)
    member = absent_plain(controller)[0]
    panel.select_member(member)
    panel.view.setFocus()
    before = len(controller.state.events)
    with qtbot.waitSignal(controller.message) as blocker:
        QTest.keyClick(panel.view, Qt.Key.Key_D)
    text, is_error = blocker.args
    assert is_error
    assert "ne peut pas être compté présent à distance : la séance se tient en présentiel" in text
    assert "art. L2121-17 CGCT" in text
    assert len(controller.state.events) == before
    assert panel.selected_member_ids() == [member]  # a refusal does not move on


def test_remote_key_in_a_multi_site_session(qtbot, remote_controller):
    panel = make_panel(qtbot, remote_controller)
    member = absent_plain(remote_controller)[0]
    panel.select_member(member)
    assert panel.mark_remote()
    assert remote_controller.state.roll.attendance[member] is Attendance.REMOTE
    assert cell(panel.model, member, STATUS) == "présent à distance"
    counts = roll_counts(remote_controller.state)
    assert counts.remote >= 1
    assert f"{counts.present} présents ({counts.on_site} sur place, {counts.remote} à distance)" in panel.counter_text()
    # Back on site: one action, a departure and an arrival.
    panel.select_member(member)
    assert panel.mark_on_site()
    assert remote_controller.state.roll.attendance[member] is Attendance.ON_SITE
    assert remote_controller.undo_stack.count() == 2


def test_excusing_a_seated_member_is_refused_with_the_reason(qtbot, controller):
    panel = make_panel(qtbot, controller)
    member = seated_plain(controller)[0]
    panel.select_member(member)
    with qtbot.waitSignal(controller.message) as blocker:
        assert not panel.mark_excused()
    assert blocker.args[1] is True and "est présent : enregistrez d'abord son départ" in blocker.args[0]
    assert member not in controller.state.roll.excused


def test_marking_an_absent_member_absent_says_so_and_journals_nothing(qtbot, controller):
    panel = make_panel(qtbot, controller)
    member = absent_plain(controller)[0]
    panel.select_member(member)
    before = len(controller.state.events)
    with qtbot.waitSignal(controller.message) as blocker:
        assert panel.mark_absent()
    assert blocker.args == [f"{controller.state.name(member)} : déjà absent", False]
    assert len(controller.state.events) == before


def test_several_selected_members_in_one_action(qtbot, controller):
    panel = make_panel(qtbot, controller)
    members = absent_plain(controller)
    if len(members) < 2:
        members = members + [m for m in controller.state.roll.excused if controller.state.roll.active_proxy_from(m) is None][:1]
    assert len(members) >= 2
    for member in members[:2]:
        index = panel.filter_model.mapFromSource(panel.model.index(panel.model.row_of(member), NAME))
        panel.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert sorted(panel.selected_member_ids()) == sorted(members[:2])
    assert panel.mark_on_site()
    assert all(controller.state.roll.attendance.get(m) is Attendance.ON_SITE for m in members[:2])
    assert controller.undo_stack.count() == 1  # one action, undone at once
    assert controller.undo()
    assert not any(controller.state.roll.is_seated(m) for m in members[:2])


def test_buttons_and_context_menu_trigger_the_same_actions(qtbot, controller):
    panel = make_panel(qtbot, controller)
    member = absent_plain(controller)[0]
    panel.select_member(member)
    button = panel.button_for[panel.on_site_action]
    assert button in panel.findChildren(QToolButton) and button.text() == "Sur place (S)"
    button.click()
    assert controller.state.roll.is_seated(member)
    assert panel.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert {panel.on_site_action, panel.remote_action, panel.absent_action, panel.excused_action, panel.proxy_action} <= set(panel.view.actions())
    panel.select_member(member)
    panel.absent_action.trigger()
    assert not controller.state.roll.is_seated(member)


def test_actions_are_disabled_without_a_selection(qtbot, controller):
    panel = make_panel(qtbot, controller)
    panel.view.clearSelection()
    assert not panel.on_site_action.isEnabled()
    panel.select_member(absent_plain(controller)[0])
    assert panel.on_site_action.isEnabled() and panel.proxy_action.isEnabled()


def test_keys_are_registered_and_documented(qtbot, controller):
    registry = ShortcutRegistry()
    RollCallPanel(controller, registry, ScriptedDialogs())
    mine = {info.keys: info.description for info in registry.infos if info.where == "Appel nominal"}
    assert {"S", "D", "A", "E", "P", "Ctrl+F"} <= set(mine)
    assert mine["S"] == "Présent sur place" and mine["P"] == "Pouvoir…"
    assert "Entrée / ↓" in mine


# ---------------------------------------------------------------------- refresh
def test_one_arrival_updates_only_its_row(qtbot, controller):
    panel = make_panel(qtbot, controller)
    member = absent_plain(controller)[0]
    row = panel.model.row_of(member)
    changed: list[tuple[int, int, int, int]] = []
    resets: list[bool] = []
    panel.model.dataChanged.connect(lambda tl, br, roles=(): changed.append((tl.row(), br.row(), tl.column(), br.column())))
    panel.model.modelReset.connect(lambda: resets.append(True))
    panel.model.layoutChanged.connect(lambda *a: resets.append(True))
    assert controller.act("Arrivée", lambda c: c.arrive(member))
    assert changed == [(row, row, 0, panel.model.columnCount() - 1)]
    assert not resets
    assert cell(panel.model, member, STATUS) == "présent sur place"


def test_a_departure_with_proxy_updates_the_grantor_and_the_holder_rows(qtbot, controller):
    panel = make_panel(qtbot, controller)
    leaver, holder = seated_plain(controller)[:2]
    changed: set[int] = set()
    panel.model.dataChanged.connect(lambda tl, br, roles=(): changed.update(range(tl.row(), br.row() + 1)))
    assert controller.act("Départ avec pouvoir", lambda c: c.leave(leaver, proxy_to=holder))
    assert changed == {panel.model.row_of(leaver), panel.model.row_of(holder)}
    assert cell(panel.model, leaver, STATUS) == f"représenté par {controller.state.name(holder)}"
    assert cell(panel.model, holder, HELD) == f"pouvoir de {controller.state.name(leaver)}"


def test_refresh_of_240_members_is_far_below_a_frame(qtbot, big_controller):
    panel = make_panel(qtbot, big_controller)
    member = absent_plain(big_controller)[0]
    big_controller.service.do(big_controller.commands.arrive(member))  # behind the model's back
    started = time.perf_counter()
    changed = panel.model.refresh()
    elapsed = time.perf_counter() - started
    assert changed == [panel.model.row_of(member)]
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        panel.model.refresh()
        timings.append(time.perf_counter() - started)
    assert min(elapsed, *timings) < 0.008, timings


def test_undo_refolds_the_state_and_the_roll_follows(qtbot, controller):
    panel = make_panel(qtbot, controller)
    member = absent_plain(controller)[0]
    panel.select_member(member)
    assert panel.mark_on_site()
    assert cell(panel.model, member, STATUS) == "présent sur place"
    assert controller.undo()  # a correction: the state's roll is a new object
    assert cell(panel.model, member, STATUS) == "absent"
    assert cell(panel.model, member, ARRIVAL) == ""
    assert panel.counter_text() == roll_counts(controller.state).text


def test_reload_rebuilds_the_model(qtbot, controller):
    panel = make_panel(qtbot, controller)
    resets: list[bool] = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    controller.service.reload()
    controller.reloaded.emit()
    assert resets == [True]
    assert panel.model.rowCount() == 33


# ---------------------------------------------------------------------- counter and layout
def test_counter_matches_the_state_after_actions(qtbot, controller):
    panel = make_panel(qtbot, controller)
    absent, leaver = absent_plain(controller)[0], seated_plain(controller)[0]
    controller.act("Arrivée", lambda c: c.arrive(absent))
    controller.act("Départ", lambda c: c.leave(leaver))
    controller.act("Excuse", lambda c: c.excuse(leaver))
    state = controller.state
    counts = panel.counts()
    usable = {p.grantor_id for p in state.roll.usable_proxies()}
    titulaires = state.assembly.titulaires
    assert counts.present == len(state.roll.attendance)
    assert counts.represented == len(usable)
    assert counts.absent == sum(1 for m in titulaires if not state.roll.seat_occupied(m.id) and m.id not in usable)
    assert counts.excused == sum(1 for m in titulaires if not state.roll.seat_occupied(m.id) and m.id not in usable and m.id in state.roll.excused)
    assert counts.present + counts.represented + counts.absent == len(titulaires)
    expected = f"{counts.present} présents · {counts.represented} représenté{'s' if counts.represented > 1 else ''} · {counts.absent} absent"
    assert panel.counter_text().startswith(expected)
    assert f"dont {counts.excused} excusé" in panel.counter_text()


def test_counter_text_format():
    from seance_desk.ui.itemmodels.roll_facts import RollCounts

    assert RollCounts(28, 25, 3, 2, 3, 1, 33).text == "28 présents (25 sur place, 3 à distance) · 2 représentés · 3 absents dont 1 excusé"
    assert RollCounts(30, 30, 0, 0, 3, 0, 33).text == "30 présents · 0 représenté · 3 absents"
    assert RollCounts(31, 31, 0, 1, 1, 1, 33).text == "31 présents · 1 représenté · 1 absent dont 1 excusé"


def test_narrow_dock_keeps_name_and_status(qtbot, controller):
    panel = make_panel(qtbot, controller, width=360)
    panel.show()
    qtbot.waitUntil(lambda: panel.view.isColumnHidden(GROUP))
    assert not panel.view.isColumnHidden(NAME) and not panel.view.isColumnHidden(STATUS)
    assert all(panel.view.isColumnHidden(c) for c in (GROUP, ARRIVAL, DEPARTURE, HELD))
    panel.resize(1100, 700)
    qtbot.waitUntil(lambda: not panel.view.isColumnHidden(GROUP))
    assert not any(panel.view.isColumnHidden(c) for c in range(panel.model.columnCount()))


def test_mark_enum_keys_match_the_brief():
    assert [m.value for m in Mark] == ["S", "D", "A", "E"]


def test_colours_follow_a_dark_palette(qtbot, controller):
    from PySide6.QtGui import QColor, QPalette

    from seance_desk.ui.shell.colors import error_color, is_dark, ok_color

    panel = make_panel(qtbot, controller)
    dark = QPalette(panel.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#2b2c30"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    panel.setPalette(dark)
    assert is_dark(panel.view.palette())
    seated, absent = next(iter(controller.state.roll.attendance)), absent_plain(controller)[0]
    assert cell(panel.model, seated, STATUS, Qt.ItemDataRole.ForegroundRole) == ok_color(dark) == QColor("#5cc98a")
    assert cell(panel.model, absent, NAME, Qt.ItemDataRole.ForegroundRole) == error_color(dark)


def test_s_on_a_remote_member_records_one_change_of_place_not_a_departure(qtbot, store):
    from seance_desk.models.enums import Attendance, BodyKind
    from seance_desk.ui.shell.controller import SessionController
    from seance_desk.ui.shell.dialogs import ScriptedDialogs
    from seance_desk.ui.panels.roll_call_panel import RollCallPanel
    from seance_desk.ui.shell.shortcuts import ShortcutRegistry
    from tests.ui.conftest import live_service

    controller = SessionController(live_service(store, 40, 8, 3, kind=BodyKind.EPCI, remote=True))
    panel = RollCallPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    remote = next(m for m, where in controller.state.roll.attendance.items() if where is Attendance.REMOTE)
    before = len(controller.state.events)
    panel.select_member(remote)
    assert panel.mark_on_site()
    assert controller.state.roll.attendance[remote] is Attendance.ON_SITE
    assert [e.type for e in controller.state.events[before:]] == ["member.attendance_changed"]
