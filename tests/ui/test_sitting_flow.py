"""Issue 9 in the session bar: the opening asks the council's secretaries among the members present
(art. L2121-15 CGCT), « Secrétaires… » changes them, the constat de carence is confirmed and offers
the reconvocation, and the levée shows its checklist with a choice for each item not examined."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import ItemStatus, SessionPhase
from seance_desk.models.state.levee import LeveeChoice
from seance_desk.ui.dialogs.levee_dialog import LeveeDialog
from seance_desk.ui.dialogs.secretaries_dialog import SecretariesDialog, split_names
from seance_desk.ui.panels.session_bar import SessionBar
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service


@pytest.fixture
def dialogs():
    return ScriptedDialogs(confirm=True)


@pytest.fixture
def not_opened(qtbot, store):
    return SessionController(live_service(store, play=False))


def make_bar(qtbot, controller, dialogs) -> SessionBar:
    bar = SessionBar(controller, ShortcutRegistry(), dialogs)
    qtbot.addWidget(bar)
    return bar


def seat(controller, *member_ids):
    for member_id in member_ids:
        assert controller.act("Arrivée", lambda c, m=member_id: c.arrive(m))


def seat_quorum(controller):
    members = [m.id for m in controller.state.assembly.members if m.in_office]
    seat(controller, *(m for m in members[: len(members) // 2 + 1] if not controller.state.roll.is_seated(m)))


# ------------------------------------------------------------------ opening and secretaries
def test_opening_asks_the_secretaries_among_the_members_present(qtbot, not_opened, dialogs):
    controller = not_opened
    bar = make_bar(qtbot, controller, dialogs)
    seat_quorum(controller)
    dialog = bar.open_session()
    assert isinstance(dialog, SecretariesDialog) and dialog.isVisible()
    present = [mid for mid, _ in bar.present_members()]
    assert present and all(controller.state.roll.is_seated(mid) for mid in present)
    # Nobody ticked: refused with the law's reason, nothing recorded.
    assert not dialog.accept_button.isEnabled()
    assert "L2121-15" in dialog.problem.text()
    assert not dialog.set_secretaries(["m_absent"])  # not offered: only members present are
    assert dialog.set_secretaries([present[0], present[1]])
    dialog.set_auxiliaries("Mme Durand, directrice générale des services ; M. Martin")  # a comma belongs to the name
    assert dialog.accept_button.isEnabled()
    dialog.accept_button.click()
    state = controller.state
    assert state.phase is SessionPhase.OPEN
    assert state.secretary_ids == (present[0], present[1])
    assert state.auxiliaries == ("Mme Durand, directrice générale des services", "M. Martin")
    types = [e.type for e in state.events][-3:]
    assert types == ["session.opened", "secretaries.appointed", "auxiliaries.appointed"]


def test_a_member_cannot_be_an_auxiliary_and_the_dialog_says_why(qtbot, not_opened, dialogs):
    controller = not_opened
    bar = make_bar(qtbot, controller, dialogs)
    seat_quorum(controller)
    dialog = bar.open_session()
    first = bar.present_members()[0][0]
    dialog.set_secretaries([first])
    member = controller.state.assembly.members[-1]
    dialog.set_auxiliaries(member.display_name)
    assert not dialog.accept_button.isEnabled()
    assert "est membre de l'assemblée" in dialog.problem.text()
    dialog.cancel_button.click()
    assert controller.state.phase is SessionPhase.NOT_OPENED


def test_secretaries_are_changed_later_in_one_action(qtbot, not_opened, dialogs):
    controller = not_opened
    bar = make_bar(qtbot, controller, dialogs)
    seat_quorum(controller)
    present = [mid for mid, _ in bar.present_members()]
    assert bar.open_sitting([present[0]])
    dialog = bar.ask_secretaries()
    assert dialog.secretary_ids() == [present[0]]  # the current ones are ticked
    dialog.set_secretaries([])
    assert not dialog.accept_button.isEnabled() and "au moins un" in dialog.problem.text()
    dialog.set_secretaries([present[2]])
    dialog.set_auxiliaries("Mme Durand")
    before = len(controller.state.events)
    dialog.accept_button.click()
    assert controller.state.secretary_ids == (present[2],)
    assert controller.state.auxiliaries == ("Mme Durand",)
    last = controller.undo_stack.command(controller.undo_stack.count() - 1)
    assert last.text() == "Désignation des secrétaires de séance" and len(last.seqs) == 2  # one action, one undo
    # Nothing changed: nothing recorded.
    assert bar.appoint_secretaries([present[2]], ["Mme Durand"])
    assert len(controller.state.events) == before + 2


def test_split_names_ignores_empty_parts_and_spaces():
    assert split_names("  A  B , x;; C; ") == ["A B , x", "C"]


# ------------------------------------------------------------------ carence
def test_carence_is_offered_only_while_the_quorum_is_not_reached(qtbot, not_opened, dialogs):
    controller = not_opened
    bar = make_bar(qtbot, controller, dialogs)
    bar.show()
    seat(controller, "m1", "m2")
    assert bar.carence_button.isVisible() and bar.carence_button.isEnabled()
    seat_quorum(controller)
    assert not bar.carence_button.isVisible()


def test_carence_confirmed_closes_the_sitting_and_prepares_the_reconvocation(qtbot, not_opened, dialogs):
    controller = not_opened
    bar = make_bar(qtbot, controller, dialogs)
    prepared = []
    bar.prepare_reconvocation = lambda failed_on, numbers: prepared.append((failed_on, numbers))
    seat(controller, "m1", "m2")
    bar.carence_button.click()
    confirm = dialogs.asked[0]
    assert confirm[:2] == ("confirm", "Constat de carence")
    assert "quorum n'est pas atteint" in confirm[2] and "L2121-17" in confirm[2]
    state = controller.state
    assert state.carence is not None and state.phase is SessionPhase.CLOSED
    offer = dialogs.asked[1]
    numbers = ", ".join(str(item.number) for item in state.setup.agenda)
    assert offer[:2] == ("confirm", "Reconvocation") and f"n° {numbers}" in offer[2]
    assert "Séance → Préparer" in offer[2]
    assert prepared == [(state.setup.date, numbers)]


def test_carence_cancelled_or_without_a_window_changes_nothing_but_says_where_to_prepare(qtbot, store):
    controller = SessionController(live_service(store, play=False))
    no = ScriptedDialogs(confirm=False)
    bar = make_bar(qtbot, controller, no)
    seat(controller, "m1")
    before = len(controller.state.events)
    assert not bar.record_carence()
    assert len(controller.state.events) == before and controller.state.carence is None
    bar.dialogs = yes = ScriptedDialogs(confirm=True)
    assert bar.record_carence()
    assert yes.asked[-1][:2] == ("inform", "Reconvocation")  # no window to prepare it: it says how


def test_carence_refused_once_the_quorum_is_met(qtbot, controller, dialogs):
    bar = make_bar(qtbot, controller, dialogs)
    assert not bar.carence_button.isEnabled()
    assert bar.carence_button.toolTip().startswith("Constat de carence impossible")
    assert not bar.record_carence()
    assert dialogs.asked == []  # refused: no question, the status line says why
    assert controller.state.carence is None


# ------------------------------------------------------------------ levée
def test_levee_shows_the_checklist_and_records_each_choice(qtbot, controller, dialogs):
    bar = make_bar(qtbot, controller, dialogs)
    state = controller.state
    assert state.items["pt4"].status is ItemStatus.OPEN and state.speakers.current is not None
    assert bar.close_button.isEnabled()  # the items left are settled in the dialog
    dialog = bar.close_session()
    assert isinstance(dialog, LeveeDialog)
    lines = dialog.lines_label.text()
    assert "9 points n'ont pas été examinés ou conclus" in lines
    assert "a la parole : son intervention sera close" in lines
    assert set(dialog.choice_combos) == {f"pt{n}" for n in range(4, 13)}
    assert dialog.set_choice("pt5", LeveeChoice.WITHDRAW)
    dialog.accept_button.click()
    state = controller.state
    assert state.phase is SessionPhase.CLOSED
    assert state.items["pt5"].status is ItemStatus.WITHDRAWN
    assert all(state.items[f"pt{n}"].status is ItemStatus.POSTPONED for n in (4, 6, 7, 12))
    assert state.speakers.current is None and not state.speakers.queue


def test_levee_with_nothing_pending_asks_a_confirmation(qtbot, not_opened):
    controller = not_opened
    no = ScriptedDialogs(confirm=False)
    bar = make_bar(qtbot, controller, no)
    seat_quorum(controller)
    present = [mid for mid, _ in bar.present_members()]
    assert bar.open_sitting([present[0]])
    for item in controller.state.setup.agenda:
        assert controller.act("Report", lambda c, i=item.id: c.postpone(i, "motif"))
    assert bar.close_session() is False
    assert no.asked[-1][:2] == ("confirm", "Lever la séance")
    assert controller.state.phase is SessionPhase.OPEN
    bar.dialogs = ScriptedDialogs(confirm=True)
    assert bar.close_session() is True
    assert controller.state.phase is SessionPhase.CLOSED
