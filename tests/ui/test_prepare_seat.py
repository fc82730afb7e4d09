"""« Préparer une séance » : the seat (« Siège ») beside the assembly's name — where an EPCI's acts
are « Fait à » — checked with the rest, and asking for a new check when changed."""

from __future__ import annotations

from datetime import date, time

from seance_desk.models.enums import BodyKind
from seance_desk.ui.dialogs.prepare_dialog import PrepareDialog
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from tests.ui.test_prepare_dialog import AGENDA, ROSTER


def _epci_dialog(qtbot) -> PrepareDialog:
    dialog = PrepareDialog(ScriptedDialogs(), today=date(2026, 11, 25))
    qtbot.addWidget(dialog)
    dialog.set_roster(ROSTER)
    dialog.set_agenda(AGENDA)
    dialog.set_kind(BodyKind.EPCI)
    dialog.name_edit.setText("Communauté de communes Touraine-Est")
    dialog.population_spin.setValue(42_000)
    dialog.set_date(date(2026, 12, 10))
    dialog.set_time(time(18, 30))
    dialog.places_edit.setText("Salle des fêtes d'Amboise")
    dialog.law.set_convocation_sent(date(2026, 12, 1))
    return dialog


def test_the_seat_typed_is_the_assemblys(qtbot):
    dialog = _epci_dialog(qtbot)
    assert dialog.seat_edit.accessibleName() == "Siège de l'assemblée"
    dialog.seat_edit.setText("Tours")
    assert dialog.check()
    assert dialog.prepared is not None and dialog.prepared.assembly.seat == "Tours"
    dialog.seat_edit.setText("Amboise")  # a change asks for a new check
    assert not dialog.accept_button.isEnabled()


def test_a_seat_that_is_not_a_town_is_refused_and_nothing_is_created(qtbot):
    dialog = _epci_dialog(qtbot)
    dialog.seat_edit.setText("T" * 150)
    assert not dialog.check()
    assert "siège de l'assemblée dépasse 100 caractères" in dialog.report.toPlainText()
    assert not dialog.accept_button.isEnabled()
