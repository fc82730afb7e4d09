"""The panels ask the engine's own rule checks (models/state/checks.py) to enable a button: refused,
the button is greyed out and its tooltip is the very sentence the engine gives when the same action
is executed (controller.act's refusal); allowed, it is enabled with its usual tooltip.

Demo commune, item 4 under discussion, someone speaking; pt1 voted, pt5 waiting."""

from __future__ import annotations

from seance_desk.models.enums import Attendance, BallotMode, ItemStatus, VoteChoice, VoteMethod
from seance_desk.models.state import checks
from seance_desk.ui.panels.agenda_panel import AgendaPanel
from seance_desk.ui.panels.roll_call_panel import RollCallPanel
from seance_desk.ui.panels.session_bar import SessionBar
from seance_desk.ui.panels.speaker_panel import SpeakerPanel
from seance_desk.ui.panels.vote import VotePanel
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service


def make(qtbot, cls, controller):
    widget = cls(controller, ShortcutRegistry(), ScriptedDialogs(confirm=True))
    qtbot.addWidget(widget)
    return widget


def refusal_of(controller, build) -> str:
    """What the engine says when the action is executed (and refused: nothing changes)."""
    before = len(controller.state.events)
    outcome = controller.act("Essai", build)
    assert not outcome and outcome.refusal
    assert len(controller.state.events) == before
    return outcome.refusal


def assert_refused(button, controller, build) -> None:
    assert not button.isEnabled()
    assert button.toolTip() == refusal_of(controller, build)


def end_floor(controller) -> None:
    assert controller.act("Fin de l'intervention", lambda c: c.end_floor())


def close_current_item(controller) -> None:
    end_floor(controller)
    item_id = controller.state.current_item.id
    assert controller.act("Clôture", lambda c: c.close_item(item_id))


# ------------------------------------------------------------------------------ the agenda
def test_agenda_opening_behind_the_current_item_says_the_engines_sentence(qtbot, controller):
    panel = make(qtbot, AgendaPanel, controller)
    panel.select("pt5")
    assert_refused(panel.open_button, controller, lambda c: c.open_item("pt5"))
    assert panel.open_button.toolTip() == "Le point n° 4 est encore en discussion : clôturez-le ou reportez-le d'abord"
    close_current_item(controller)
    assert panel.open_button.isEnabled()
    assert panel.open_button.toolTip().startswith("Mettre en discussion le point sélectionné (Entrée)")


def test_agenda_postpone_withdraw_and_recusal_on_a_voted_item(qtbot, controller):
    panel = make(qtbot, AgendaPanel, controller)
    panel.select("pt1")
    assert_refused(panel.postpone_button, controller, lambda c: c.postpone("pt1", "motif"))
    assert_refused(panel.withdraw_button, controller, lambda c: c.withdraw("pt1", "motif"))
    member = next(iter(controller.state.roll.attendance))
    assert_refused(panel.recusal_button, controller, lambda c: c.recuse(member, "pt1"))
    panel.select("pt5")
    for button in (panel.postpone_button, panel.withdraw_button, panel.recusal_button):
        assert button.isEnabled() and button.toolTip() == panel._tooltips[button]


def test_agenda_closing_without_a_vote_only_what_is_under_discussion(qtbot, controller):
    panel = make(qtbot, AgendaPanel, controller)
    panel.select("pt5")
    assert_refused(panel.close_item_button, controller, lambda c: c.close_item("pt5"))
    assert panel.close_item_button.toolTip() == "Le point n° 5 n'est pas en discussion"
    panel.select("pt4")
    assert panel.close_item_button.isEnabled()
    assert panel.close_item_button.toolTip() == "Clore la discussion du point sans vote (Ctrl+Shift+C)"


def test_agenda_the_compte_administratif_may_be_opened_the_chair_being_asked_first(qtbot, store):
    controller = SessionController(live_service(store, until_item=2))
    panel = make(qtbot, AgendaPanel, controller)
    close_current_item(controller)
    panel.select("pt3")
    assert controller.state.items["pt3"].chair_id is None
    assert panel.open_button.isEnabled()  # the click asks for the council's chair


# ------------------------------------------------------------------------------ the session bar
def test_session_bar_suspension_refused_while_someone_speaks(qtbot, controller):
    bar = make(qtbot, SessionBar, controller)
    assert controller.state.speakers.current is not None
    assert_refused(bar.suspend_button, controller, lambda c: c.suspend())
    end_floor(controller)
    assert bar.suspend_button.isEnabled() and bar.suspend_button.toolTip() == "Suspendre la séance (Ctrl+Shift+S)"


def test_session_bar_opening_resuming_huis_clos_and_closing(qtbot, controller):
    bar = make(qtbot, SessionBar, controller)
    assert_refused(bar.open_button, controller, lambda c: c.open_session())
    assert_refused(bar.resume_button, controller, lambda c: c.resume())
    assert_refused(bar.public_button, controller, lambda c: c.lift_huis_clos())
    assert bar.huis_clos_button.isEnabled() and bar.huis_clos_button.toolTip() == "Demander le huis clos (Ctrl+Shift+H)"
    close_current_item(controller)
    assert bar.close_button.isEnabled() and bar.close_button.toolTip() == "Lever la séance (Ctrl+Shift+L)"
    assert controller.act("Suspension", lambda c: c.suspend())
    assert bar.resume_button.isEnabled()
    assert_refused(bar.huis_clos_button, controller, lambda c: c.request_huis_clos(by_chair=True))


def test_session_bar_a_session_not_yet_opened(qtbot, store):
    controller = SessionController(live_service(store, play=False))
    bar = make(qtbot, SessionBar, controller)
    assert bar.open_button.isEnabled() and bar.open_button.toolTip() == "Ouvrir la séance (Ctrl+Shift+O)"
    assert_refused(bar.close_button, controller, lambda c: c.close_session())
    assert bar.close_button.toolTip() == "La séance n'a pas été ouverte"


# ------------------------------------------------------------------------------ the speakers
def test_speakers_giving_the_floor_during_a_suspension(qtbot, controller):
    panel = make(qtbot, SpeakerPanel, controller)
    end_floor(controller)
    queue = controller.state.speakers.queue
    assert queue
    assert panel.give_button.isEnabled()
    assert panel.give_button.toolTip() == "Donne la parole à la demande choisie, sinon au premier de la file (F5)"
    assert controller.act("Suspension", lambda c: c.suspend())
    assert_refused(panel.give_button, controller, lambda c: c.give_floor(queue[0]))
    assert panel.give_button.toolTip() == str(checks.floor_refusal(controller.state, request_id=queue[0]))


def test_speakers_ending_the_floor_when_nobody_speaks(qtbot, controller):
    panel = make(qtbot, SpeakerPanel, controller)
    assert panel.end_button.isEnabled() and panel.end_button.toolTip() == "Termine l'intervention en cours (F6)"
    end_floor(controller)
    assert_refused(panel.end_button, controller, lambda c: c.end_floor())
    assert panel.end_button.toolTip() == "Personne n'a la parole"


# ------------------------------------------------------------------------------ the vote
def test_vote_opening_refused_while_someone_speaks_and_by_a_wrong_method(qtbot, controller):
    panel = make(qtbot, VotePanel, controller)
    method = VoteMethod(panel.method_combo.currentData())
    assert_refused(panel.open_button, controller, lambda c: c.open_vote("pt4", method))
    end_floor(controller)
    assert panel.open_button.isEnabled()
    assert panel.open_button.toolTip().startswith("Ouvrir le vote sur le point en discussion")
    # Anonymous ballot papers at a scrutin public: the engine refuses, the button follows the combo.
    assert panel.request_ballot(BallotMode.PUBLIC, list(controller.state.roll.attendance)[:10])
    panel._select_method(VoteMethod.BALLOT_PAPER)
    assert_refused(panel.open_button, controller, lambda c: c.open_vote("pt4", VoteMethod.BALLOT_PAPER))


def test_vote_closing_refused_before_any_ballot(qtbot, controller):
    panel = make(qtbot, VotePanel, controller)
    end_floor(controller)
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS)
    assert_refused(panel.close_button, controller, lambda c: c.close_vote("pt4"))
    assert panel.record_for("m1", VoteChoice.FOR)
    assert panel.close_button.isEnabled() and panel.close_button.toolTip().startswith("Clore le vote")
    for button in (panel.unanimity_button, panel.roll_call_button, panel.import_button):
        assert button.isEnabled() and button.toolTip() == button.property("default_tooltip")


def test_vote_nominative_entry_refused_at_a_secret_ballot(qtbot, controller):
    panel = make(qtbot, VotePanel, controller)
    assert panel.request_ballot(BallotMode.SECRET, list(controller.state.roll.attendance)[:10])
    end_floor(controller)
    assert panel.open_vote(VoteMethod.BALLOT_PAPER)
    voter, whose = controller.state.eligible_voters(controller.state.current_item)[0]
    for button in (panel.unanimity_button, panel.unanimity_except_button, panel.roll_call_button, panel.import_button):
        assert_refused(button, controller, lambda c: c.cast("pt4", voter, VoteChoice.FOR, on_behalf_of=whose))
    assert panel.import_button.toolTip().startswith("Scrutin secret : les votes ne sont pas nominatifs")


# ------------------------------------------------------------------------------ the roll call
def test_roll_call_remote_in_an_in_person_session(qtbot, controller):
    panel = make(qtbot, RollCallPanel, controller)
    state = controller.state
    member = next(m.id for m in state.assembly.members if checks.arrival_refusal(state, member_id=m.id) is None)
    assert panel.select_member(member)
    remote, on_site = panel.button_for[panel.remote_action], panel.button_for[panel.on_site_action]
    assert_refused(remote, controller, lambda c: c.arrive(member, Attendance.REMOTE))
    assert "la séance se tient en présentiel" in remote.toolTip()
    assert on_site.isEnabled() and on_site.toolTip() == "Présent sur place"
    assert panel.remote_action.isEnabled()  # the key still acts, and the status line says why


def test_roll_call_the_speaker_cannot_be_marked_absent(qtbot, controller):
    panel = make(qtbot, RollCallPanel, controller)
    state = controller.state
    speaker = state.speakers.requests[state.speakers.current].member_id
    absent = panel.button_for[panel.absent_action]
    assert panel.select_member(speaker)
    assert_refused(absent, controller, lambda c: c.leave(speaker))
    assert_refused(panel.button_for[panel.excused_action], controller, lambda c: c.excuse(speaker))
    other = next(m for m in state.roll.attendance if m != speaker)
    assert panel.select_member(other)
    assert absent.isEnabled() and absent.toolTip() == "Absent (départ s'il siège)"
    end_floor(controller)
    assert panel.select_member(speaker) and absent.isEnabled()
    assert controller.state.items["pt4"].status is ItemStatus.OPEN
