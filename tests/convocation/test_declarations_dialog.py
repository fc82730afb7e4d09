"""« Absences et pouvoirs annoncés… »: a declaration recorded with its reception and checked
against the règlement's Wednesday, nothing applied at the opening, then confirmed at the roll call
(excuse or proxy) through the engine's checks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTime

from seance_desk.models.assembly import REGLEMENT_PRESETS
from seance_desk.service.session import SessionService
from seance_desk.store.repository import Store
from seance_desk.ui.dialogs.date_fields import qdate
from seance_desk.ui.dialogs.declarations_dialog import DeclarationsDialog
from seance_desk.ui.shell.controller import SessionController
from tests.helpers import make_assembly, make_setup


@pytest.fixture
def controller(qtbot, tmp_path):
    assembly = make_assembly(n=5, reglement=REGLEMENT_PRESETS["pole_metropolitain_2020"])
    store = Store.open(tmp_path / "ui.sqlite3")
    number = store.create_session(assembly, make_setup(on=date(2030, 6, 14)))
    yield SessionController(SessionService(store, number))
    store.close()


def _declare(dialog, member_id, holder_id, day, hour):
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(member_id))
    dialog.holder_combo.setCurrentIndex(dialog.holder_combo.findData(holder_id))
    dialog.date_edit.setDate(qdate(day))
    dialog.time_edit.setTime(QTime(hour, 0))
    return dialog.record()


def test_declare_then_confirm_at_the_roll_call(qtbot, controller):
    dialog = DeclarationsDialog(controller)
    qtbot.addWidget(dialog)
    assert _declare(dialog, "m4", "m2", date(2030, 6, 11), 10)
    assert _declare(dialog, "m5", None, date(2030, 6, 13), 9)
    assert dialog.table.rowCount() == 2
    assert "dans le délai" in dialog.table.item(0, 4).text() and "hors délai" in dialog.table.item(1, 4).text()
    assert dialog.table.item(0, 3).text() == "M. Prénom2 NOM2" and dialog.table.item(0, 5).text() == "à confirmer"
    assert not _declare(dialog, "m4", None, date(2030, 6, 12), 9)
    assert "déjà déclarée" in dialog.problem.text()
    controller.act("arrivée", lambda c: c.arrive("m1"))
    controller.act("ouverture", lambda c: c.open_session())
    assert controller.state.roll.active_proxy_from("m4") is None  # the opening applied nothing
    first, second = (d.id for d in dialog.declarations())
    assert dialog.select(first) and dialog.confirm_button.isEnabled()
    assert dialog.confirm()
    assert controller.state.roll.active_proxy_from("m4").holder_id == "m2"
    assert dialog.table.item(0, 5).text() == "pouvoir enregistré"
    assert dialog.select(second) and dialog.confirm()
    assert "m5" in controller.state.roll.excused and dialog.table.item(1, 5).text() == "excusé(e)"


def test_a_declaration_is_withdrawn(qtbot, controller):
    dialog = DeclarationsDialog(controller)
    qtbot.addWidget(dialog)
    _declare(dialog, "m3", None, date(2030, 6, 10), 8)
    assert dialog.select(dialog.declarations()[0].id) and dialog.withdraw()
    assert dialog.table.rowCount() == 0 and controller.state.before.declarations == {}


def test_the_roll_calls_tooltip_shows_the_announced_absence_until_confirmed(qtbot, controller):
    from seance_desk.ui.itemmodels.roll_facts import tooltip

    dialog = DeclarationsDialog(controller)
    qtbot.addWidget(dialog)
    _declare(dialog, "m4", "m2", date(2030, 6, 13), 10)
    member = controller.state.assembly.member("m4")
    assert "Absence annoncée avant la séance, pouvoir annoncé à M. Prénom2 NOM2 (hors délai) — à confirmer à l'appel" in tooltip(controller.state, member, [])
    controller.act("arrivée", lambda c: c.arrive("m2"))
    assert dialog.select(dialog.declarations()[0].id) and dialog.confirm()
    assert "Absence annoncée" not in tooltip(controller.state, member, [])


# ------------------------------------------------------------------ with the register's written proxies
def _written_proxy(controller, grantor="m4", holder="m2", **fields):
    from seance_desk.models.mandate import AssemblyRegister
    from seance_desk.models.written_proxies import WrittenProxy

    proxy = WrittenProxy("P1", grantor, holder, fields.pop("signed_on", date(2030, 6, 1)), **fields)
    register = AssemblyRegister(controller.state.assembly, date(2026, 3, 22)).with_written_proxy(proxy)
    controller.service.store.save_assembly_register(register, new=True)
    return proxy


def test_the_registers_written_proxies_are_in_the_same_list_with_their_source(qtbot, controller):
    _written_proxy(controller)
    dialog = DeclarationsDialog(controller)
    qtbot.addWidget(dialog)
    assert _declare(dialog, "m5", None, date(2030, 6, 11), 9)
    assert dialog.table.rowCount() == 2
    declared, written = (dialog.table.item(0, 6).text(), dialog.table.item(1, 6).text())
    assert declared == "déclaration reçue avant la séance"
    assert written == "pouvoir écrit P1 (registre de l'assemblée, signé le samedi 1er juin 2030)"
    assert dialog.table.item(1, 0).text() == "P1" and dialog.table.item(1, 3).text() == "M. Prénom2 NOM2"
    assert dialog.table.item(1, 2).text() == "signé le samedi 1er juin 2030"
    assert dialog.table.item(1, 4).text() == "séance 1 sur 3 qu'il couvre (jusqu'à nouvel ordre, soit les 3 séances suivantes au plus)"
    assert dialog.select("P1") and not dialog.withdraw_button.isEnabled()  # revoked in the register, not here


def test_a_declaration_repeating_a_written_proxy_is_refused_with_its_number(qtbot, controller):
    _written_proxy(controller)
    dialog = DeclarationsDialog(controller)
    qtbot.addWidget(dialog)
    assert not _declare(dialog, "m4", "m2", date(2030, 6, 11), 10)
    assert "pouvoir écrit P1 du registre" in dialog.problem.text() and "inutile de le déclarer" in dialog.problem.text()
    assert controller.state.before.declarations == {}
    # Another holder is the member's own news: recorded, shown next to the written proxy.
    assert _declare(dialog, "m4", "m3", date(2030, 6, 11), 10)
    assert dialog.table.rowCount() == 2


def test_confirming_a_written_proxy_records_its_terms(qtbot, controller):
    _written_proxy(controller)
    dialog = DeclarationsDialog(controller)
    qtbot.addWidget(dialog)
    controller.act("arrivée", lambda c: c.arrive("m2"))
    controller.act("ouverture", lambda c: c.open_session())
    assert dialog.select("P1") and dialog.confirm_button.isEnabled() and dialog.confirm()
    proxy = controller.state.roll.active_proxy_from("m4")
    assert (proxy.holder_id, proxy.written_proxy_id, proxy.session_rank) == ("m2", "P1", 1)
    assert dialog.table.item(0, 5).text() == "pouvoir enregistré"


def test_a_written_proxy_entered_again_before_this_version_shows_once(qtbot, controller):
    """A declaration recorded before the register held the written proxy is joined to its line."""
    dialog = DeclarationsDialog(controller)
    qtbot.addWidget(dialog)
    assert _declare(dialog, "m4", "m2", date(2030, 6, 11), 10)
    _written_proxy(controller)
    dialog._reload()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 6).text().startswith("déclaration reçue avant la séance et pouvoir écrit P1")
    assert "dans le délai" in dialog.table.item(0, 4).text() and "qu'il couvre" in dialog.table.item(0, 4).text()
