"""The election page for the président of a regional council (art. L4133-1 CGCT; issue 10's loose
ends, point 6): the candidacies are declared again before each round — the written declarations
handed through the doyen — and the raised hand is refused while the election runs."""

from __future__ import annotations

from datetime import UTC, datetime

from seance_desk.models.enums import BodyKind, ItemKind
from seance_desk.models.state import checks
from seance_desk.service.session import SessionService
from seance_desk.ui.panels.vote import VotePanel
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry
from tests.helpers import StepClock, make_setup
from tests.rules.election_sessions import ON, council, election_agenda


def regional_service(store) -> SessionService:
    assembly = council(15, BodyKind.REGION, population=5_000_000)
    setup = make_setup(ON, agenda=election_agenda(ItemKind.ELECTION_EXECUTIVE))
    service = SessionService.create(store, assembly, setup, clock=StepClock(datetime(2026, 3, 20, 17, 0, tzinfo=UTC)))
    for member in assembly.members:
        service.do(service.commands.arrive(member.id))
    service.do(service.commands.open_session())
    service.do(service.commands.open_item("i1"))
    return service


def test_the_candidacies_are_declared_again_before_the_second_round(qtbot, store):
    service = regional_service(store)
    controller = SessionController(service)
    panel = VotePanel(controller, ShortcutRegistry(), ScriptedDialogs(confirm=True))
    qtbot.addWidget(panel)
    panel.resize(700, 900)
    panel.show()
    page = panel.election_page
    assert "par l'intermédiaire du doyen d'âge, une déclaration écrite (art. L4133-1 CGCT)" in page.next_step_label.text()
    assert page.candidacies.add_member("m5") and page.candidacies.add_member("m6") and page.candidacies.declare()
    assert controller.act("1er tour", lambda c: c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    assert page.candidacies.isVisible() and not page.edit_candidacies_button.isVisible()
    assert page.candidacies.declare_button.isEnabled()  # the same candidates, declared again for this round
    assert "par l'intermédiaire du doyen d'âge avant ce tour" in page.candidacies.declare_button.toolTip()
    assert page.next_step_label.text().startswith("Avant le tour n° 2")
    assert page.candidacies.declare()
    assert page.next_step_label.text() == "Saisir le résultat du tour n° 2."
    assert checks.floor_request_refusal(controller.state, member_id="m3") is not None
    service.close()
