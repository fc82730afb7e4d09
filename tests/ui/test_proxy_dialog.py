"""« Donner pouvoir »: only legal holders are enabled, each illegal one says why; giving, departing
with a proxy, revoking — all through the controller, all visible in the state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from seance_desk.tools.demo import build_demo
from seance_desk.models.assembly import Member
from seance_desk.models.enums import BodyKind
from seance_desk.service.session import SessionService
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.dialogs.proxy_dialog import ProxyDialog
from seance_desk.ui.itemmodels.holder_model import H_NAME, H_REASON, HolderModel
from seance_desk.ui.panels.roll_call_panel import RollCallPanel
from seance_desk.ui.itemmodels.roll_model import MEMBER_ID_ROLE, STATUS
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.test_roll_call import absent_plain, cell, seated_plain


def make_dialog(qtbot, controller, grantor: str) -> ProxyDialog:
    dialog = ProxyDialog(controller, grantor)
    qtbot.addWidget(dialog)
    return dialog


def reason_cell(dialog: ProxyDialog, member_id: str):
    return dialog.model.index(dialog.model.row_of(member_id), H_REASON).data()


def free_seated_holder(controller, exclude: set[str] = frozenset()) -> str:
    return next(m for m in seated_plain(controller) if m not in exclude)


@pytest.mark.parametrize("members", [33, 240])
def test_holder_model_passes_the_model_tester(qtbot, qtmodeltester, store, members):
    from tests.ui.conftest import live_service

    controller = SessionController(live_service(store, members, 12 if members == 33 else 80, 4 if members == 33 else 40))
    grantor = absent_plain(controller)[0]
    model = HolderModel(lambda: controller.state, grantor)
    qtmodeltester.check(model, force_py=True)
    assert grantor not in model.member_ids()  # nobody gives a proxy to himself
    assert model.rowCount() == sum(1 for m in controller.state.assembly.members if m.in_office) - 1


def test_a_holder_who_already_holds_a_proxy_is_disabled_with_the_reason(qtbot, controller):
    grantor = absent_plain(controller)[0]
    busy = next(m for m in controller.state.roll.attendance if controller.state.roll.held_count(m) == 1)
    dialog = make_dialog(qtbot, controller, grantor)
    assert not dialog.is_holder_enabled(busy)
    reason = dialog.holder_reason(busy)
    assert "Un même élu ne peut être porteur que d'un seul pouvoir : il en porte déjà 1" in reason
    assert reason.endswith("— art. L2121-20 CGCT")
    assert reason_cell(dialog, busy) == reason
    # Greyed out (not enabled, not selectable), the full reason in the tooltip.
    index = dialog.model.index(dialog.model.row_of(busy), H_NAME)
    assert not index.flags() & Qt.ItemFlag.ItemIsEnabled and not index.flags() & Qt.ItemFlag.ItemIsSelectable
    assert "ne peut pas recevoir ce pouvoir" in index.data(Qt.ItemDataRole.ToolTipRole)
    # The domain's own verdict, word for word.
    state = controller.state
    assert state.proxy_refusal(state.member(grantor), state.member(busy)).article == "art. L2121-20 CGCT"
    # He cannot be chosen; the dialog says why.
    assert not dialog.select_holder(busy)
    assert dialog.selected_holder() is None and not dialog.ok_button.isEnabled()
    assert "porteur que d'un seul pouvoir" in dialog.verdict.text()


def test_a_free_holder_is_enabled(qtbot, controller):
    grantor = absent_plain(controller)[0]
    holder = free_seated_holder(controller)
    dialog = make_dialog(qtbot, controller, grantor)
    assert dialog.is_holder_enabled(holder) and dialog.holder_reason(holder) is None
    assert reason_cell(dialog, holder) == ""
    assert dialog.select_holder(holder)
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Donner pouvoir"


def test_giving_a_legal_proxy(qtbot, controller):
    grantor = absent_plain(controller)[0]
    holder = free_seated_holder(controller)
    dialog = make_dialog(qtbot, controller, grantor)
    assert dialog.select_holder(holder)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    proxy = controller.state.roll.active_proxy_from(grantor)
    assert proxy is not None and proxy.holder_id == holder and proxy.consecutive_sessions == 1
    assert controller.undo_stack.text(controller.undo_stack.count() - 1) == (
        f"Pouvoir de {controller.state.name(grantor)} à {controller.state.name(holder)}"
    )


def test_beyond_three_sessions_the_dialog_explains_instead_of_capping(qtbot, controller):
    """One meaning of the count (« couvre N séances »); beyond three without illness, the dialog says
    why (L2121-20) and how to proceed; nothing is checked or capped behind the chair's back."""
    grantor = absent_plain(controller)[0]
    holder = free_seated_holder(controller)
    dialog = make_dialog(qtbot, controller, grantor)
    dialog.set_consecutive_sessions(5)
    assert dialog.sessions.value() == 5 and not dialog.illness.isChecked()
    assert "celui-ci en couvre 5" in dialog.verdict.text() and "L2121-20" in dialog.verdict.text()
    assert "Maladie dûment constatée" in dialog.verdict.text()
    assert dialog.is_holder_enabled(holder)  # the terms are the proxy's, not the holder's
    assert dialog.select_holder(holder)
    assert not dialog.ok_button.isEnabled()
    events = len(controller.state.events)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and len(controller.state.events) == events
    assert "celui-ci en couvre 5" in dialog.verdict.text()
    dialog.set_illness_certified(True)
    assert dialog.select_holder(holder) and dialog.ok_button.isEnabled()
    dialog.accept()
    proxy = controller.state.roll.active_proxy_from(grantor)
    assert (proxy.consecutive_sessions, proxy.illness_certified) == (5, True)


def test_illness_unchecked_keeps_the_number_and_explains(qtbot, controller):
    dialog = make_dialog(qtbot, controller, absent_plain(controller)[0])
    dialog.set_illness_certified(True)
    dialog.set_consecutive_sessions(6)
    assert "couvre" not in dialog.verdict.text()
    dialog.set_illness_certified(False)
    assert dialog.sessions.value() == 6 and dialog.model.consecutive_sessions == 6
    assert "trois séances consécutives" in dialog.verdict.text()
    dialog.set_consecutive_sessions(3)
    assert "trois séances consécutives" not in dialog.verdict.text()


def test_departure_with_proxy(qtbot, controller):
    grantor, holder = seated_plain(controller)[:2]
    dialog = make_dialog(qtbot, controller, grantor)
    assert dialog.departure_check.isChecked() and dialog.departure
    assert dialog.ok_button.text() == "Départ avec pouvoir"
    assert dialog.is_holder_enabled(holder)
    assert not dialog.sessions.isEnabled()  # a departure hands over a proxy for this session
    assert dialog.select_holder(holder)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    state = controller.state
    assert not state.roll.is_seated(grantor)
    assert state.roll.active_proxy_from(grantor).holder_id == holder
    assert state.roll.movements[-1].member_id == grantor and not state.roll.movements[-1].arrived
    assert controller.undo_stack.count() == 1  # the departure and the proxy are one action


def test_a_seated_grantor_without_departure_can_give_no_proxy(qtbot, controller):
    grantor, holder = seated_plain(controller)[:2]
    dialog = make_dialog(qtbot, controller, grantor)
    dialog.set_departure(False)
    assert not dialog.is_holder_enabled(holder)
    assert "est présent : il vote lui-même" in dialog.holder_reason(holder)
    assert dialog.verdict.text().startswith("Aucun mandataire possible : ")
    assert dialog.ok_button.text() == "Donner pouvoir"


def test_revoking_the_active_proxy(qtbot, controller):
    proxy = controller.state.roll.usable_proxies()[0]
    dialog = make_dialog(qtbot, controller, proxy.grantor_id)
    assert dialog._current_box.isVisibleTo(dialog)
    # While his proxy is active, he can give no other: every holder says so.
    other = free_seated_holder(controller, {proxy.holder_id})
    assert "a déjà donné pouvoir à" in dialog.holder_reason(other)
    assert dialog.revoke()
    ended = controller.state.roll.proxies[proxy.id]
    assert not ended.active and ended.end_reason == "révoqué"
    assert not dialog._current_box.isVisibleTo(dialog)
    assert dialog.is_holder_enabled(other)  # the list follows the state at once


def test_the_list_follows_the_state_while_open(qtbot, controller):
    grantor, other_grantor = absent_plain(controller)[0], [m for m in controller.state.roll.excused if controller.state.roll.active_proxy_from(m) is None][0]
    holder = free_seated_holder(controller)
    dialog = make_dialog(qtbot, controller, grantor)
    assert dialog.select_holder(holder)
    # Meanwhile, the secretariat records another proxy to the same holder.
    assert controller.act("Pouvoir", lambda c: c.give_proxy(other_grantor, holder))
    assert not dialog.is_holder_enabled(holder)
    assert dialog.selected_holder() is None and not dialog.ok_button.isEnabled()


def test_search_field_filters_holders(qtbot, controller):
    grantor = absent_plain(controller)[0]
    dialog = make_dialog(qtbot, controller, grantor)
    dialog.search.setText("lefe")
    shown = [dialog.filter_model.index(r, H_NAME).data(MEMBER_ID_ROLE) for r in range(dialog.filter_model.rowCount())]
    assert shown and all(controller.state.member(m).last_name == "Lefèvre" for m in shown)


def test_a_suppleant_can_neither_give_nor_receive(qtbot, store):
    demo = build_demo(33, 12, kind=BodyKind.EPCI, session_date=date(2026, 11, 20), play=False)
    suppleant = Member(id="s5", last_name="Bénard", first_name="Yves", suppleant_of="m5")
    assembly = replace(demo.assembly, members=(*demo.assembly.members, suppleant))
    controller = SessionController(SessionService(store, store.import_session(assembly, demo.setup, [])))
    dialog = ProxyDialog(controller, "m6")
    qtbot.addWidget(dialog)
    assert not dialog.is_holder_enabled("s5")
    assert dialog.holder_reason("s5") == "est suppléant : il ne peut recevoir de pouvoir — art. L5211-6 CGCT"
    as_grantor = ProxyDialog(controller, "s5")
    qtbot.addWidget(as_grantor)
    assert as_grantor.model.legal_holders() == []
    assert "est suppléant : il ne peut donner pouvoir" in as_grantor.verdict.text()


def test_p_key_opens_the_dialog_for_the_selected_member(qtbot, controller):
    panel = RollCallPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    with qtbot.waitActive(panel):
        panel.show()
    grantor = absent_plain(controller)[0]
    holder = free_seated_holder(controller)
    panel.select_member(grantor)
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_P)
    dialog = panel.proxy_dialog
    assert isinstance(dialog, ProxyDialog) and dialog.grantor_id == grantor and dialog.isVisible()
    assert dialog.select_holder(holder)
    dialog.accept()
    assert panel.proxy_dialog is None
    assert cell(panel.model, grantor, STATUS) == f"représenté par {controller.state.name(holder)}"


def test_a_reload_closes_the_dialog(qtbot, controller):
    dialog = make_dialog(qtbot, controller, absent_plain(controller)[0])
    dialog.open()
    assert dialog.isVisible()
    controller.reloaded.emit()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_p_moves_to_the_next_member_once_the_proxy_is_given_as_s_a_and_e_do(qtbot, controller):
    panel = RollCallPanel(controller, ShortcutRegistry(), ScriptedDialogs())
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    with qtbot.waitActive(panel):
        panel.show()
    grantor = absent_plain(controller)[0]
    following = panel._member_after([grantor])
    assert following is not None
    panel.select_member(grantor)
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_P)
    panel.proxy_dialog.reject()  # cancelled: the chair stays on the member
    assert panel.selected_member_ids() == [grantor]
    QTest.keyClick(panel.view, Qt.Key.Key_P)
    dialog = panel.proxy_dialog
    assert dialog.select_holder(free_seated_holder(controller))
    dialog.accept()
    assert controller.state.roll.active_proxy_from(grantor) is not None
    assert panel.selected_member_ids() == [following]
    assert panel.view.hasFocus()


# ------------------------------------------------------------------ written proxies of the register
def _register_with(controller, store, **proxy_fields):
    from seance_desk.models.mandate import AssemblyRegister
    from seance_desk.models.written_proxies import WrittenProxy

    state = controller.state
    grantor = absent_plain(controller)[0]
    holder = free_seated_holder(controller)
    proxy = WrittenProxy("P1", grantor, holder, proxy_fields.pop("signed_on", date(2026, 11, 1)), **proxy_fields)
    register = AssemblyRegister(state.assembly, date(2026, 3, 22)).with_written_proxy(proxy)
    store.save_assembly_register(register, new=True)
    return grantor, holder


def test_a_written_proxy_is_offered_filled_in_and_confirmed_by_the_chair(qtbot, controller, store):
    grantor, holder = _register_with(controller, store)
    events = len(controller.state.events)
    dialog = make_dialog(qtbot, controller, grantor)
    assert not dialog._written_box.isHidden()
    assert "Pouvoir écrit en cours" in dialog._written.text() and "séance 1 sur 3" in dialog._written.text()
    assert len(controller.state.events) == events  # offered, not applied
    assert dialog.take_written_proxy()
    assert dialog.selected_holder() == holder and dialog.sessions.value() == 3
    dialog.accept()
    proxy = controller.state.roll.active_proxy_from(grantor)
    assert (proxy.holder_id, proxy.written_proxy_id, proxy.session_rank, proxy.consecutive_sessions) == (holder, "P1", 1, 3)


def test_a_revoked_written_proxy_is_not_offered(qtbot, controller, store):
    grantor, _ = _register_with(controller, store, revoked_on=date(2026, 11, 19))
    dialog = make_dialog(qtbot, controller, grantor)
    assert dialog.written_offer is None and dialog._written_box.isHidden()
    assert not dialog.take_written_proxy()


def test_a_written_proxy_at_its_fourth_session_is_shown_but_not_offered(qtbot, controller, store):
    for day in (5, 10, 15):  # three sessions of the same assembly stored since the signing
        earlier = build_demo(33, 12, session_date=date(2026, 11, day), until_item=1)
        assert earlier.assembly.id == controller.state.assembly.id
        store.import_session(earlier.assembly, earlier.setup, earlier.events)
    grantor, _ = _register_with(controller, store)
    dialog = make_dialog(qtbot, controller, grantor)
    assert dialog.written_offer is not None and dialog.written_offer.rank == 4
    assert "ne vaut plus" in dialog._written.text() and "L2121-20" in dialog._written.text()
    assert not dialog.take_button.isEnabled() and not dialog.take_written_proxy()
