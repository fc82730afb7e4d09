"""« Préparer une séance » from the assembly stored in the database: the roster in force on the
session's date instead of the file, and the written proxies covering it listed for the chair."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

from seance_desk.files.prepare.installation import installed_assembly
from seance_desk.models.assembly import Member
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.french import french_date
from seance_desk.models.enums import BodyKind
from seance_desk.models.mandate import AssemblyRegister, ChangeKind, RosterChange
from seance_desk.models.written_proxies import WrittenProxy
from seance_desk.ui.dialogs.prepare_dialog import PrepareDialog
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from tests.helpers import clock_for

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"


def _store_register(store) -> AssemblyRegister:
    assembly = installed_assembly(EXAMPLES / "membres.csv", kind=BodyKind.COMMUNE, name="Commune de Villeneuve", population=1200)
    register = AssemblyRegister(assembly, date(2026, 3, 22))
    register = register.with_change(RosterChange(ChangeKind.DECES, date(2026, 12, 1), "m6"))
    register = register.with_change(RosterChange(ChangeKind.REMPLACEMENT, date(2026, 12, 5), "m6", Member("n1", "GRIS", "Léa", "Mme")))
    register = register.with_written_proxy(WrittenProxy("P1", "m7", "m2", date(2026, 12, 1)))
    store.save_assembly_register(register, new=True)
    return register


def _dialog(qtbot, store) -> PrepareDialog:
    dialog = PrepareDialog(ScriptedDialogs(), today=date(2026, 11, 25), store=store)
    qtbot.addWidget(dialog)
    return dialog


def test_without_a_register_nothing_is_offered(qtbot, store):
    dialog = _dialog(qtbot, store)
    assert dialog.stored.check.isHidden() and not dialog.stored.active


def test_the_roster_in_force_on_the_date_and_the_written_proxies(qtbot, store):
    _store_register(store)
    dialog = _dialog(qtbot, store)
    assert not dialog.stored.check.isHidden()
    dialog.set_date(date(2026, 12, 10))
    dialog.use_stored_assembly(True)
    assert not dialog.roster_edit.isEnabled() and dialog.name_edit.text() == "Commune de Villeneuve"
    chairs = [dialog.chair_combo.itemData(i) for i in range(dialog.chair_combo.count())]
    assert "n1" in chairs and "m6" not in chairs and dialog.chair_combo.currentData() == "m1"
    dialog.set_agenda(EXAMPLES / "ordre-du-jour.csv")
    dialog.set_time(time(18, 30))
    dialog.places_edit.setText("Salle du conseil")
    assert dialog.check(), dialog.report.toPlainText()
    prepared = dialog.prepared
    assert prepared.assembly.id == "commune-de-villeneuve" and prepared.assembly.member("n1").rank_in_tableau == 7
    assert prepared.assembly.member("m6") is None
    assert "Pouvoir écrit en cours" in dialog.report.toPlainText() and "séance 1 sur 3" in dialog.report.toPlainText()
    # The roster follows the date: before the death, m6 is in office and Léa GRIS is not.
    dialog.set_date(date(2026, 11, 30))
    chairs = [dialog.chair_combo.itemData(i) for i in range(dialog.chair_combo.count())]
    assert "m6" in chairs and "n1" not in chairs


def test_a_date_before_the_installation_is_explained(qtbot, store):
    _store_register(store)
    dialog = _dialog(qtbot, store)
    dialog.set_date(date(2026, 1, 10))
    dialog.use_stored_assembly(True)
    assert "précède l'installation" in dialog.report.toPlainText()
    dialog.set_agenda(EXAMPLES / "ordre-du-jour.csv")
    dialog.places_edit.setText("Salle du conseil")
    assert not dialog.check() and dialog.prepared is None


def _store_failed_session(store, prepared, failed_on: date, *, drop_item: int | None = None) -> None:
    """The failed session of `failed_on`, with the prepared agenda (less item `drop_item`), and its
    constat de carence: one member present."""
    agenda = tuple(item for item in prepared.setup.agenda if item.number != drop_item)
    setup = replace(prepared.setup, id=f"echec-{failed_on.isoformat()}", date=failed_on, reconvocation=None, agenda=agenda,
                    convocation_sent_on=failed_on - timedelta(days=10))
    engine = SessionEngine(prepared.assembly, setup, clock=clock_for(failed_on))
    c = Commands(engine)
    engine.execute(c.arrive(prepared.assembly.members[0].id))
    engine.execute(c.record_carence())
    store.import_session(prepared.assembly, setup, list(engine.events))


def test_a_reconvocation_confronts_its_carried_items_with_the_failed_session_stored(qtbot, store):
    _store_register(store)
    failed_on, reconvened_on = date(2026, 12, 4), date(2026, 12, 10)
    dialog = _dialog(qtbot, store)
    dialog.set_date(reconvened_on)
    dialog.use_stored_assembly(True)
    dialog.set_agenda(EXAMPLES / "ordre-du-jour.csv")
    dialog.set_time(time(18, 30))
    dialog.places_edit.setText("Salle du conseil")
    dialog.law.set_reconvocation(failed_on, "2-4")
    assert dialog.check(), dialog.report.toPlainText()
    assert f"Aucune séance du {french_date(failed_on)}" in dialog.report.toPlainText()
    # The failed session stored without item 3: the check warns about it, and only it.
    _store_failed_session(store, dialog.prepared, failed_on, drop_item=3)
    assert dialog.check(), dialog.report.toPlainText()
    (title,) = [item.title for item in dialog.prepared.setup.agenda if item.number == 3]
    warnings = [w for w in dialog.prepared.warnings if "point reporté" in w]
    assert len(warnings) == 1 and f"n° 3 « {title} » absent de l'ordre du jour" in warnings[0]
    assert "art. L2121-17 CGCT" in warnings[0] and warnings[0] in dialog.report.toPlainText()
