"""The election page for a commission by lists at the proportional representation (art. L2121-22
CGCT), driven through its widgets: the mode chosen by its box, two lists typed as the adjoints' lists
are, the votes keyed per list with the quotient shown, the designation list by list, the warning for
a tendency left without a seat, the public display; the council's agreement to lists that fill the
seats; the box greyed out with the article in a commune under 1,000 inhabitants."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt

from seance_desk.models.enums import ItemKind, ItemStatus
from seance_desk.service.session import SessionService
from seance_desk.ui.panels.public_display import PublicDisplay
from seance_desk.ui.panels.vote.pages import ELECTION
from seance_desk.ui.shell.controller import SessionController
from tests.helpers import StepClock, make_setup
from tests.rules.election_sessions import ON, council, election_agenda
from tests.ui.test_election_panel import make_panel

GROUPS = ["Ensemble"] * 10 + ["Agir"] * 3 + ["Écologie"] * 2


def commission_service(store, population: int = 3200, seats: int = 3) -> SessionService:
    base = council(15, population=population)
    assembly = replace(base, members=tuple(replace(m, group=g) for m, g in zip(base.members, GROUPS, strict=True)))
    setup = make_setup(ON, agenda=election_agenda(ItemKind.NOMINATION, seats={1: seats}))
    service = SessionService.create(store, assembly, setup, clock=StepClock(datetime(2026, 3, 20, 17, 0, tzinfo=UTC)))
    for member in assembly.members:
        service.do(service.commands.arrive(member.id))
    service.do(service.commands.open_session())
    service.do(service.commands.open_item("i1"))
    return service


def type_list(page, name: str, *members: str) -> None:
    page.candidacies.list_name.setText(name)
    page.candidacies.new_list()
    for member in members:
        page.candidacies.name_field.setText(member)
        assert page.candidacies.add_typed(), page.candidacies.problem_label.text()


def test_a_commission_is_designated_by_lists_at_the_plus_fort_reste_through_the_page(qtbot, store):
    controller = SessionController(commission_service(store))
    panel = make_panel(qtbot, controller)
    assert panel.page() == ELECTION
    page = panel.election_page
    assert page.proportional_check.isVisible() and page.proportional_check.isEnabled()
    page.proportional_check.click()
    assert controller.state.election("i1").by_lists
    assert "représentation proportionnelle au plus fort reste" in page.header_label.text()
    # The lists box as for the adjoints: lists only, no parity required of a commission.
    assert page.candidacies.lists_check.isChecked() and not page.candidacies.lists_check.isEnabled()
    type_list(page, "Ensemble", "Prénom1 Nom1", "Prénom2 Nom2", "Prénom3 Nom3")
    type_list(page, "Agir", "Prénom11 Nom11")
    type_list(page, "Écologie", "Prénom14 Nom14")
    assert page.candidacies.declare_button.isEnabled(), page.candidacies.problem_label.text()
    qtbot.mouseClick(page.candidacies.declare_button, Qt.MouseButton.LeftButton)
    form = page.round_form
    assert form.isVisible() and set(form.vote_spins) == {"Ensemble", "Agir", "Écologie"}
    form.set_figures(15, 0, 0, {"Ensemble": 12, "Agir": 2, "Écologie": 1})
    assert "quotient électoral 15 ÷ 3 = 5" in form.exprimes_label.text()
    assert form.submit_button.isEnabled(), form.refusal_label.text()
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    # 12 / 2 / 1 for 3 seats, quotient 5: Ensemble 2 + the last seat (remainder 2 like Agir, but more votes).
    assert "Liste « Ensemble » : 3 sièges (M. Prénom1 NOM1, Mme Prénom2 NOM2, M. Prénom3 NOM3)" in page.outcome_label.text()
    assert "Liste « Agir » : aucun siège" in page.outcome_label.text()
    assert page.tendency_label.isVisible() and "chaque tendance doit disposer d'au moins un siège" in page.tendency_label.text()
    assert "L2121-22" in page.tendency_label.text()
    assert page.proclaim_button.text() == "Proclamer désignés les 3 membres de la commission (1 liste)"
    display = PublicDisplay(controller)
    qtbot.addWidget(display)
    assert "quotient 15 ÷ 3 = 5" in display.result_label.text() and "Liste « Ensemble » : 3 sièges" in display.result_label.text()
    qtbot.mouseClick(page.proclaim_button, Qt.MouseButton.LeftButton)
    assert controller.state.items["i1"].status is ItemStatus.VOTED
    assert "1. M. Prénom1 NOM1 (liste « Ensemble »), désigné au premier tour" in page.proclaimed_label.text()
    assert not page.proportional_check.isEnabled()  # the mode is fixed once the round is counted


def test_lists_filling_the_seats_are_designated_with_the_councils_agreement(qtbot, store):
    controller = SessionController(commission_service(store))
    panel = make_panel(qtbot, controller)
    page = panel.election_page
    page.proportional_check.click()
    type_list(page, "Ensemble", "Prénom1 Nom1", "Prénom2 Nom2")
    type_list(page, "Agir", "Prénom11 Nom11")
    qtbot.mouseClick(page.candidacies.declare_button, Qt.MouseButton.LeftButton)
    assert page.agree_lists_button.isVisible() and page.agree_lists_button.isEnabled()
    assert not page.without_ballot_button.isVisible()
    assert "avec l'accord du conseil" in page.next_step_label.text()
    qtbot.mouseClick(page.agree_lists_button, Qt.MouseButton.LeftButton)
    view = controller.state.election("i1")
    assert view.finished and [p.member_id for p in view.proclaimed] == ["m1", "m2", "m11"]


def test_the_mode_is_greyed_out_with_its_article_under_1000_inhabitants(qtbot, store):
    controller = SessionController(commission_service(store, population=700))
    panel = make_panel(qtbot, controller)
    page = panel.election_page
    assert page.proportional_check.isVisible() and not page.proportional_check.isEnabled()
    assert "1\u202f000 habitants" in page.proportional_check.toolTip() and "L2121-22" in page.proportional_check.toolTip()
