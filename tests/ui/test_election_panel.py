"""The election page of the vote panel and the public display on an election (issue 10): what the
chair and the room see at each step, the désignation without a ballot, the choice between an
election and a vote pour / contre on a nomination, F7, and the confirmation before undoing a
proclamation."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt

from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import ItemKind, ItemStatus
from seance_desk.service.session import SessionService
from seance_desk.tools import demo_installation as demo
from seance_desk.ui.panels.public_display import PublicDisplay
from seance_desk.ui.panels.vote import VotePanel
from seance_desk.ui.panels.vote.pages import ELECTION, PREPARE
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from seance_desk.ui.shell.shortcuts import ShortcutRegistry
from tests.helpers import StepClock, make_setup
from tests.rules.election_sessions import ON, council, election_agenda


def installation_controller(store, until: str) -> SessionController:
    built = demo.build_installation(date(2026, 3, 27), until=until)
    return SessionController(SessionService(store, store.import_session(built.assembly, built.setup, built.events)))


def make_panel(qtbot, controller, dialogs=None) -> VotePanel:
    panel = VotePanel(controller, ShortcutRegistry(), dialogs or ScriptedDialogs(confirm=True))
    qtbot.addWidget(panel)
    panel.resize(700, 900)
    panel.show()
    return panel


def test_before_the_third_round_the_page_relates_two_rounds_and_the_room_sees_the_second(qtbot, store):
    controller = installation_controller(store, "tour_3")
    panel = make_panel(qtbot, controller)
    page = panel.election_page
    assert panel.page() == ELECTION
    assert page.next_step_label.text() == "Saisir le résultat du tour n° 3."
    assert page.outcome_label.text() == "Aucun candidat n'a obtenu la majorité absolue : troisième tour, à la majorité relative."
    assert page.round_form.submit_button.text() == "Enregistrer le troisième tour"
    assert "majorité relative" in page.round_form.exprimes_label.text()
    assert page.rounds_label.text().count("majorité absolue : 11 voix") == 2
    assert not panel.amendments.isVisible()  # an election is not amended
    display = PublicDisplay(controller)
    qtbot.addWidget(display)
    assert display.result_caption.text() == "Deuxième tour de scrutin"
    assert display.result_label.text().startswith("23 votants, 2 bulletins blancs, 0 bulletin nul, 21 suffrages exprimés — majorité absolue : 11 voix")
    assert "M. Jean-Pierre MARTIN : 10 voix" in display.result_label.text()
    assert "troisième tour" in display.item_status_label.text()


def test_the_room_sees_the_proclamation(qtbot, store):
    controller = installation_controller(store, "nombre_adjoints")
    display = PublicDisplay(controller)
    qtbot.addWidget(display)
    assert display.result_caption.text() == "Proclamation"
    assert display.result_label.text() == "1. M. Jean-Pierre MARTIN, proclamé maire au troisième tour"
    # What is shown never names a voter: only candidates appear.
    candidates = {controller.state.name(m) for m in demo.MAIRE_CANDIDATES}
    others = {m.display_name for m in controller.state.assembly.members} - candidates
    assert not any(name in " ".join(display.visible_texts()) for name in others)


def test_the_adjoints_election_shows_the_cap_and_the_list_to_proclaim(qtbot, store):
    controller = installation_controller(store, "proclamation_adjoints")
    panel = make_panel(qtbot, controller)
    page = panel.election_page
    assert "Au plus 6 adjoints" in page.header_label.text() and "L2122-2" in page.header_label.text()
    assert page.proclaim_button.text() == "Proclamer élus les 6 candidats de la liste « Saint-Aubin demain », adjoints"
    assert page.proclaim_button.isEnabled()
    assert not page.round_form.isVisible() and not page.candidacies.isVisible()


def nomination_service(store, *kinds, seats=None) -> SessionService:
    assembly = council(15)
    setup = make_setup(ON, agenda=election_agenda(*kinds, seats=seats))
    service = SessionService.create(store, assembly, setup, clock=StepClock(datetime(2026, 3, 20, 17, 0, tzinfo=UTC)))
    for member in assembly.members:
        service.do(service.commands.arrive(member.id))
    service.do(service.commands.open_session())
    service.do(service.commands.open_item("i1"))
    return service


def test_a_single_candidate_per_seat_is_designated_without_a_ballot(qtbot, store):
    service = nomination_service(store, ItemKind.NOMINATION, seats={1: 2})
    service.do(service.commands.declare_candidates("i1", [Candidacy(("m3",)), Candidacy(("m4",))]))
    controller = SessionController(service)
    panel = make_panel(qtbot, controller)
    page = panel.election_page
    assert page.without_ballot_button.isVisible() and page.without_ballot_button.isEnabled()
    assert page.without_ballot_button.text() == "Désigner sans scrutin M. Prénom3 NOM3, Mme Prénom4 NOM4"
    qtbot.mouseClick(page.without_ballot_button, Qt.MouseButton.LeftButton)
    view = controller.state.election("i1")
    assert view.finished and [p.member_id for p in view.proclaimed] == ["m3", "m4"]
    assert "sans scrutin (art. L2121-21 CGCT)" in page.proclaimed_label.text()
    assert controller.state.items["i1"].status is ItemStatus.VOTED


def test_a_nomination_without_candidacies_may_be_voted_or_held_as_an_election(qtbot, store):
    controller = SessionController(nomination_service(store, ItemKind.NOMINATION))
    panel = make_panel(qtbot, controller)
    assert panel.page() == PREPARE and panel.election_button.isVisible()
    qtbot.mouseClick(panel.election_button, Qt.MouseButton.LeftButton)
    assert panel.page() == ELECTION
    page = panel.election_page
    assert page.candidacies.isVisible() and page.candidacies.seats_spin.isVisible()
    assert not page.candidacies.declare_button.isEnabled()
    qtbot.mouseClick(page.ordinary_vote_button, Qt.MouseButton.LeftButton)
    assert panel.page() == PREPARE


def test_the_maire_is_an_election_at_once_and_f7_goes_to_the_count(qtbot, store):
    service = nomination_service(store, ItemKind.ELECTION_EXECUTIVE)
    controller = SessionController(service)
    panel = make_panel(qtbot, controller)
    assert panel.page() == ELECTION
    page = panel.election_page
    assert page.chair_label.text().startswith("Le doyen d'âge, M. Prénom1 NOM1, préside")  # m1 chairs and is the eldest
    panel.focus_entry()
    assert panel.focusWidget() is page.candidacies.name_field  # (the window need not be active)
    assert page.candidacies.add_member("m5") and page.candidacies.add_member("m6")
    assert page.candidacies.declare()
    panel.focus_entry()
    assert panel.focusWidget() is page.round_form.votants
    assert page.round_form.votants.value() == 15  # every member present may vote: a full urn is the usual case


def test_undoing_a_proclamation_made_in_the_window_asks_first(qtbot, store):
    controller = installation_controller(store, "proclamation_maire")
    dialogs = ScriptedDialogs(confirm=False)
    win = MainWindow(controller, dialogs=dialogs)
    qtbot.addWidget(win)
    page = win.vote_panel.election_page
    qtbot.mouseClick(page.proclaim_button, Qt.MouseButton.LeftButton)
    assert controller.state.election("i1").finished
    assert controller.undo_label() == "Proclamation : élu M. Jean-Pierre MARTIN, maire"
    outcome = win.undo()
    assert not outcome and "Annulation abandonnée" in outcome.refusal
    assert dialogs.asked[-1][0] == "confirm" and "rouvre l'élection" in dialogs.asked[-1][2]
    assert controller.state.election("i1").finished


def test_the_menu_opens_an_installation_demo_where_the_doyen_is_to_preside(qtbot, store):
    from seance_desk.models.enums import SessionPhase
    from tests.ui.conftest import live_service

    controller = SessionController(live_service(store))
    dialogs = ScriptedDialogs(confirm=True)
    window = MainWindow(controller, dialogs=dialogs)
    qtbot.addWidget(window)
    menu = window.menuBar().actions()[0].menu()
    next(a for a in menu.actions() if a.text() == "Nouvelle séance d'installation (démonstration)").trigger()
    assert dialogs.asked[-1][1] == "Nouvelle séance d'installation"
    state = controller.state
    assert state.assembly.name == demo.COMMUNE and state.phase is SessionPhase.OPEN
    assert state.events[-1].at <= datetime.now(UTC)  # the pause is now, not in the future
    window.agenda_panel.select("i1")
    assert window.agenda_panel.open_selected() is True
    page = window.vote_panel.election_page
    assert window.vote_panel.page() == ELECTION
    assert page.doyen_button.text() == "Faire présider M. Bernard ROUSSEAU" and page.doyen_button.isEnabled()
