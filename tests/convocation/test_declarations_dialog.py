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
