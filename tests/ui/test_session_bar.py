"""The session bar: the buttons follow the phase; opening, suspending, resuming and closing go through
the widgets to the journal; refusals reach the status line in French; the huis clos is asked, judged
and voted in its dialog; the clock ticks on an injected clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from seance_desk.tools.demo import build_demo
from seance_desk.models.enums import BodyKind, SessionPhase, VoteMethod
from seance_desk.service.session import SessionService
from seance_desk.ui.shell.colors import ok_color
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.panels.session_bar import SessionBar
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service


class FakeClock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def dialogs():
    return ScriptedDialogs(confirm=True)


@pytest.fixture
def shortcuts():
    return ShortcutRegistry()


@pytest.fixture
def not_opened(qtbot, store):
    """The same commune before anything happened: nobody seated, the séance not opened."""
    return SessionController(live_service(store, play=False))


def make_bar(qtbot, controller, shortcuts, dialogs, **options) -> SessionBar:
    bar = SessionBar(controller, shortcuts, dialogs, **options)
    qtbot.addWidget(bar)
    return bar


def open_with_a_secretary(controller, bar: SessionBar) -> None:
    """The opening names a secretary among the members present (L2121-15): one is seated first."""
    assert controller.act("Arrivée", lambda c: c.arrive("m1"))
    assert bar.open_sitting(["m1"])


def enabled(bar: SessionBar) -> dict[str, bool]:
    return {
        "ouvrir": bar.open_button.isEnabled(),
        "suspendre": bar.suspend_button.isEnabled(),
        "reprendre": bar.resume_button.isEnabled(),
        "lever": bar.close_button.isEnabled(),
        "huis clos": bar.huis_clos_button.isEnabled(),
        "publique": bar.public_button.isEnabled(),
    }


def test_header_shows_assembly_date_mode_and_regime(qtbot, controller, shortcuts, dialogs):
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    state = controller.state
    assert bar.assembly_label.text() == state.assembly.name
    assert bar.date_label.text() == "vendredi 20 novembre 2026"
    assert bar.mode_label.text() == "Présentiel"
    assert bar.regime_label.text() == "Droit commun"
    assert bar.regime_label.toolTip() == state.regime_decision.text
    assert "art. L2121-17 CGCT" in bar.regime_label.toolTip()
    assert bar.phase_label.text() == "Séance ouverte"
    assert bar.huis_clos_badge.isHidden()


def test_a_covid_era_remote_session_shows_the_derogatory_regime(qtbot, store, shortcuts, dialogs):
    demo = build_demo(20, 4, kind=BodyKind.EPCI, session_date=date(2021, 3, 4), remote=True, until_item=2)
    controller = SessionController(SessionService(store, store.import_session(demo.assembly, demo.setup, demo.events)))
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    assert bar.regime_label.text() == "Régime dérogatoire"
    assert "loi n° 2020-1379" in bar.regime_label.toolTip()
    assert bar.mode_label.text() == "Multisite"
    assert bar.mode_label.toolTip() == "Séance en plusieurs lieux par visioconférence"


def test_fits_a_1366_pixel_screen_with_room_to_spare(qtbot, controller, shortcuts, dialogs):
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    bar.show()
    assert bar.sizeHint().width() <= 1366 - 200
    assert bar.minimumSizeHint().width() <= 1366 - 200


def test_buttons_follow_the_phase_through_a_whole_evening(qtbot, not_opened, shortcuts, dialogs):
    controller = not_opened
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    assert enabled(bar) == {"ouvrir": True, "suspendre": False, "reprendre": False, "lever": False, "huis clos": False, "publique": False}
    assert bar.phase_label.text() == "Séance non ouverte"

    assert controller.act("Arrivée", lambda c: c.arrive("m1"))
    bar.open_button.click()
    bar.pending_dialog.set_secretaries(["m1"])
    bar.pending_dialog.accept_button.click()
    assert controller.state.phase is SessionPhase.OPEN
    assert enabled(bar) == {"ouvrir": False, "suspendre": True, "reprendre": False, "lever": True, "huis clos": True, "publique": False}
    assert bar.phase_label.text() == "Séance ouverte"

    bar.suspend_button.click()
    dialog = bar.suspension_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_reason("À la demande d'un groupe")
    dialog.accept_button.click()
    assert controller.state.phase is SessionPhase.SUSPENDED
    assert controller.state.suspensions[-1][2] == "À la demande d'un groupe"
    assert enabled(bar) == {"ouvrir": False, "suspendre": False, "reprendre": True, "lever": True, "huis clos": False, "publique": False}
    # « Reprendre » takes the place of « Suspendre ».
    assert bar.suspend_button.isHidden() and not bar.resume_button.isHidden()
    assert bar.phase_label.text() == "Séance suspendue"

    bar.resume_button.click()
    assert controller.state.phase is SessionPhase.OPEN
    assert not bar.suspend_button.isHidden() and bar.resume_button.isHidden()

    bar.close_button.click()  # the checklist: every item is still to postpone or withdraw
    bar.pending_dialog.accept_button.click()
    assert controller.state.phase is SessionPhase.CLOSED
    assert set(enabled(bar).values()) == {False}
    assert bar.phase_label.text() == "Séance levée"
    types = [e.type for e in controller.state.events]
    agenda = len(controller.state.setup.agenda)
    assert types == ["member.arrived", "session.opened", "secretaries.appointed", "session.suspended", "session.resumed"] + ["item.postponed"] * agenda + ["session.closed"]


def test_cancelling_the_suspension_dialog_suspends_nothing(qtbot, not_opened, shortcuts, dialogs):
    bar = make_bar(qtbot, not_opened, shortcuts, dialogs)
    open_with_a_secretary(not_opened, bar)
    dialog = bar.ask_suspension()
    dialog.cancel_button.click()
    assert not_opened.state.phase is SessionPhase.OPEN


def test_closing_refused_while_a_vote_is_open(qtbot, controller, shortcuts, dialogs):
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert controller.act("Vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS))
    # The button asks the engine: greyed out, with the engine's own reason as its tooltip.
    assert not bar.close_button.isEnabled()
    assert bar.close_button.toolTip().startswith("Levée de séance impossible")
    before = len(controller.state.events)
    with qtbot.waitSignal(controller.message) as blocker:
        bar.close_session()  # its shortcut still acts, and the status line gives the same reason
    text, is_error = blocker.args
    assert is_error
    assert text == bar.close_button.toolTip()
    assert controller.state.phase is SessionPhase.OPEN
    assert len(controller.state.events) == before


def test_closing_asks_first_and_a_no_changes_nothing(qtbot, not_opened, shortcuts):
    dialogs = ScriptedDialogs(confirm=False)
    bar = make_bar(qtbot, not_opened, shortcuts, dialogs)
    open_with_a_secretary(not_opened, bar)
    dialog = bar.close_session()  # items not examined: the checklist asks first
    dialog.cancel_button.click()
    assert not_opened.state.phase is SessionPhase.OPEN


def test_suspension_refused_while_someone_speaks_says_who(qtbot, controller, shortcuts, dialogs):
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    speaker = controller.state.name(controller.state.speakers.requests[controller.state.speakers.current].member_id)
    with qtbot.waitSignal(controller.message) as blocker:
        assert not bar.suspend_session("Pause")
    assert blocker.args == [f"Suspension impossible : {speaker} a la parole", True]
    assert controller.state.phase is SessionPhase.OPEN


def test_huis_clos_requested_by_too_few_members_is_refused_then_voted(qtbot, controller, shortcuts, dialogs):
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    bar.huis_clos_button.click()
    dialog = bar.huis_clos_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.vote_button.isEnabled()  # nothing to vote on yet

    seated = sorted(controller.state.roll.attendance)
    dialog.set_requesters(seated[:2])
    assert dialog.count_label.text() == "2 membres sélectionnés sur 3 requis"
    assert not dialog.submit_request()
    assert dialog.receivability_label.text().startswith("Demande de huis clos irrecevable : 2 membres la présentent, il en faut 3")
    assert controller.state.huis_clos.pending_request is None

    dialog.set_requesters(seated[:3])
    dialog.request_button.click()
    assert dialog.receivability_label.text() == "Demande de huis clos recevable : 3 membres la présentent (3 requis) — art. L2121-18 CGCT"
    assert dialog.vote_button.isEnabled()

    state = controller.state
    base = len(state.roll.attendance) + len(state.roll.usable_proxies())
    assert f"{base} membres présents ou représentés" in dialog.base_label.text()
    dialog.pour_spin.setValue(base // 2 + 1)
    dialog.contre_spin.setValue(base - (base // 2 + 1))
    dialog.vote_button.click()
    assert controller.state.huis_clos.active
    assert dialog.result_label.text().startswith(f"Huis clos décidé : {base // 2 + 1} voix pour, majorité absolue des {base}")

    # The bar shows it and offers the way back.
    assert not bar.huis_clos_badge.isHidden()
    assert bar.huis_clos_button.isHidden() and not bar.public_button.isHidden()
    assert bar.public_button.isEnabled()
    bar.public_button.click()
    assert not controller.state.huis_clos.active
    assert bar.huis_clos_badge.isHidden() and not bar.huis_clos_button.isHidden()


def test_huis_clos_asked_by_the_chair_and_refused_by_the_vote(qtbot, controller, shortcuts, dialogs):
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    dialog = bar.show_huis_clos_dialog()
    assert dialog.by_chair_radio.text() == "À la demande du maire"
    dialog.by_chair_radio.setChecked(True)
    assert dialog.submit_request()
    assert dialog.receivability_label.text().startswith("Demande de huis clos recevable : elle émane du maire")
    dialog.pour_spin.setValue(3)
    dialog.contre_spin.setValue(20)
    assert dialog.submit_vote()
    assert not controller.state.huis_clos.active
    assert dialog.result_label.text().startswith("Huis clos refusé : 3 voix pour")
    assert bar.huis_clos_badge.isHidden()


def test_huis_clos_vote_beyond_the_members_is_refused_with_the_reason(qtbot, controller, shortcuts, dialogs):
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    dialog = bar.show_huis_clos_dialog()
    dialog.submit_request()
    base = len(controller.state.roll.attendance) + len(controller.state.roll.usable_proxies())
    # The spin boxes stop at the number of members present or represented; the engine checks the sum.
    dialog.pour_spin.setValue(base)
    dialog.contre_spin.setValue(base)
    assert not dialog.submit_vote()
    assert dialog.result_label.text() == f"Décompte impossible : {2 * base} voix pour {base} membres présents ou représentés"
    assert controller.state.huis_clos.pending_request is not None


def test_badges_follow_light_and_dark_palettes(qtbot, controller, shortcuts, dialogs):
    bar = make_bar(qtbot, controller, shortcuts, dialogs)
    light = QPalette(QColor("#202020"), QColor("#f4f4f4"))
    dark = QPalette(QColor("#e0e0e0"), QColor("#202124"))
    bar.setPalette(light)
    assert ok_color(light).name() in bar.phase_label.styleSheet()
    bar.setPalette(dark)
    assert ok_color(dark).name() in bar.phase_label.styleSheet()
    assert ok_color(dark) != ok_color(light)


def test_clock_shows_paris_time_from_the_injected_clock(qtbot, controller, shortcuts, dialogs):
    clock = FakeClock(datetime(2026, 11, 20, 20, 5, 10, tzinfo=UTC))
    bar = make_bar(qtbot, controller, shortcuts, dialogs, clock=clock)
    assert bar.clock_label.text() == "21 h 05"  # UTC+1 in November
    assert bar.clock_timer.isActive() and bar.clock_timer.interval() == 1000
    clock.now += timedelta(minutes=2)
    qtbot.waitUntil(lambda: bar.clock_label.text() == "21 h 07", timeout=3000)


def test_shortcuts_are_registered_and_work_in_the_window(qtbot, not_opened, shortcuts, dialogs):
    bar = make_bar(qtbot, not_opened, shortcuts, dialogs)
    mine = {info.keys: info.description for info in shortcuts.infos if info.where == "Barre de séance"}
    assert mine == {
        "Ctrl+Shift+O": "Ouvrir la séance",
        "Ctrl+Shift+S": "Suspendre ou reprendre la séance",
        "Ctrl+Shift+L": "Lever la séance (après confirmation)",
        "Ctrl+Shift+H": "Huis clos : demande et vote",
        "Ctrl+Shift+P": "Revenir en séance publique (fin du huis clos)",
    }
    with qtbot.waitActive(bar):
        bar.show()
    assert not_opened.act("Arrivée", lambda c: c.arrive("m1"))
    qtbot.keyClick(bar, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    bar.pending_dialog.set_secretaries(["m1"])  # Ctrl+Shift+O asks the secretaries, then opens
    bar.pending_dialog.accept_button.click()
    assert not_opened.state.phase is SessionPhase.OPEN
    # Ctrl+Shift+S asks the reason, then suspends; pressed again, it resumes.
    qtbot.keyClick(bar, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    bar.suspension_dialog.accept_button.click()
    assert not_opened.state.phase is SessionPhase.SUSPENDED
    bar.actions_by_key["suspend"].trigger()
    assert not_opened.state.phase is SessionPhase.OPEN


def test_reload_rebuilds_from_the_store(qtbot, not_opened, store, shortcuts, dialogs):
    bar = make_bar(qtbot, not_opened, shortcuts, dialogs)
    # The secretary's laptop opens the séance in the same store; this window reloads.
    other = SessionService(store, not_opened.service.session_id)
    other.do(other.commands.open_session())
    assert bar.phase_label.text() == "Séance non ouverte"
    not_opened.service.reload()
    not_opened.reloaded.emit()
    assert bar.phase_label.text() == "Séance ouverte"
    assert not bar.open_button.isEnabled() and bar.close_button.isEnabled()
