"""A whole session chaired through the window's widgets, as a président would: roll call, proxies,
quorum, opening, three speakers, votes on several items including a tie decided by the casting
vote, a recusal, closing. Then the stored journal verifies and replays to the same results."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from seance_desk.models.enums import BodyKind, ItemKind, ItemStatus, SessionPhase, VoteChoice
from seance_desk.models.journal import verify_chain
from seance_desk.models.state.session_state import SessionState
from seance_desk.service.session import SessionService
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from tests.helpers import StepClock, make_agenda, make_assembly, make_setup

SESSION_DAY = date(2026, 11, 20)


@pytest.fixture
def window(qtbot, store):
    assembly = make_assembly(BodyKind.COMMUNE, 15, 1200, "m1")
    setup = make_setup(SESSION_DAY, agenda=make_agenda(ItemKind.ORDINARY, ItemKind.ORDINARY, ItemKind.ORDINARY))
    service = SessionService.create(store, assembly, setup, clock=StepClock(datetime(2026, 11, 20, 17, 0, tzinfo=UTC)))
    win = MainWindow(SessionController(service), dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
    return win


def test_a_whole_session_through_the_widgets(window, store, qtbot):
    controller = window.controller
    state = lambda: controller.state  # noqa: E731  (the state object is replaced after corrections)
    messages: list[tuple[str, bool]] = []
    controller.message.connect(lambda text, error: messages.append((text, error)))

    # Roll call: the first members with the S key, the others with the panel's action.
    roll = window.roll_call_panel
    window.docks["roll"].raise_()  # the roll call shares its place with the agenda, as a tab
    roll.view.setFocus()
    for member in ("m1", "m2", "m3"):
        assert roll.select_member(member)
        QTest.keyClick(roll.view, Qt.Key.Key_S)
    for member in ("m4", "m5", "m6", "m7", "m8", "m9"):
        roll.select_member(member)
        assert roll.mark_on_site()
    roll.select_member("m10")
    roll.view.setFocus()
    QTest.keyClick(roll.view, Qt.Key.Key_E)
    assert len(state().roll.attendance) == 9 and "m10" in state().roll.excused

    # Proxies through the dialog: one per holder in ordinary law, the illegal holder says why.
    dialog = roll.open_proxy_dialog("m10")
    assert dialog.select_holder("m2")
    dialog.accept()
    assert state().roll.active_proxy_from("m10").holder_id == "m2"
    dialog = roll.open_proxy_dialog("m11")
    assert not dialog.select_holder("m2")
    assert "seul pouvoir" in dialog.holder_reason("m2")
    assert dialog.select_holder("m3")
    dialog.accept()

    # Quorum: 9 present of 15 in office, 8 required; the proxies do not count.
    assert window.quorum_gauge.figures_label.text() == "9 / 8 requis"

    # Opening: the council names its secretary among the members present (L2121-15), then item 1
    # with three speakers and a unanimous vote.
    opening = window.session_bar.open_session()
    assert opening.set_secretaries(["m2"])
    opening.accept_button.click()
    assert state().secretary_ids == ("m2",)
    assert state().phase is SessionPhase.OPEN
    agenda = window.agenda_panel
    agenda.select("i1")
    assert agenda.open_selected() is True
    assert state().items["i1"].quorum.value.met
    speakers = window.speaker_panel
    for name in ("Nom3", "Nom4", "Nom5"):
        speakers.search.setText(state().assembly.member("m" + name[-1]).display_name)
        assert speakers.add_typed()
    for _ in range(3):
        assert speakers.give_floor()
        assert speakers.end_floor()
    assert [r.member_id for r in state().speakers.speakers_of("i1")] == ["m3", "m4", "m5"]

    votes = window.vote_panel
    assert votes.open_vote()
    assert votes.unanimity()
    assert votes.close_vote()
    assert state().items["i1"].vote.result.value.adopted
    assert "Adopté" in votes.verdict_label.text()

    # Item 2: a tie (5 pour including the chair, 5 contre, 1 abstention) decided by the casting vote.
    agenda.select("i2")
    assert agenda.open_selected() is True
    assert votes.open_vote()
    eligible = [whose for _, whose in state().eligible_voters(state().items["i2"])]
    assert len(eligible) == 11  # 9 present + 2 proxies
    others = [w for w in eligible if w != "m1"]
    assert votes.record_for("m1", VoteChoice.FOR)
    for position, whose in enumerate(others):
        # Ten others: 5 contre (even places), 4 pour (odd places), the last abstains.
        choice = VoteChoice.ABSTAIN if position == len(others) - 1 else (VoteChoice.AGAINST if position % 2 == 0 else VoteChoice.FOR)
        assert votes.record_for(whose, choice)
    assert votes.close_vote()
    result = state().items["i2"].vote.result
    assert result.value.casting_vote_used and result.value.adopted
    assert (result.value.tally.pour, result.value.tally.contre) == (5, 5)
    assert "prépondérante" in votes.verdict_label.text() or "prépondérante" in votes.explanation_label.text()

    # Item 3: m5 is interested in the matter; the agenda records the recusal, the vote refuses him.
    agenda.select("i3")
    recusal = agenda.ask_recusal()
    assert recusal.set_member("m5")
    recusal.accept_button.click()
    assert "m5" in state().items["i3"].recusals
    assert agenda.open_selected() is True
    assert state().items["i3"].quorum.value.present == 8  # m5 does not count for this item
    assert votes.open_vote()
    assert not votes.record_for("m5", VoteChoice.FOR)
    assert any("intéressé" in text and error for text, error in messages)
    assert votes.unanimity()
    assert votes.close_vote()
    tally = state().items["i3"].vote.result.value.tally
    assert tally.pour == 10  # 8 present members and 2 proxies; m5 took no part

    # Closing the session (the confirmation is answered yes).
    assert window.session_bar.close_session()
    assert state().phase is SessionPhase.CLOSED
    assert all(state().items[i].status is ItemStatus.VOTED for i in ("i1", "i2", "i3"))

    # What the chair saw is what the disk holds: the journal verifies and replays the same way.
    stored = store.load_session(controller.service.session_id)
    assert verify_chain(stored.genesis, stored.events).ok
    replayed = SessionState.fold(stored.assembly, stored.setup, stored.events)
    for item_id in ("i1", "i2", "i3"):
        assert replayed.items[item_id].vote.result.text == state().items[item_id].vote.result.text
