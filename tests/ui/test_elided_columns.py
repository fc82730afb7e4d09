"""What a 1366-pixel screen elides can still be read: the whole group's name and the item's whole
title come as tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt

from seance_desk.models.enums import VoteMethod
from seance_desk.ui.itemmodels.agenda_model import TITLE, AgendaModel
from seance_desk.ui.itemmodels.roll_model import GROUP, RollModel
from seance_desk.ui.itemmodels.vote_model import GROUP as VOTE_GROUP
from seance_desk.ui.itemmodels.vote_model import VoteModel

TIP = Qt.ItemDataRole.ToolTipRole


def test_the_roll_calls_group_column_has_the_whole_name_as_tooltip(controller):
    model = RollModel(lambda: controller.state)
    group = controller.state.member(model.member_id(0)).group
    assert model.index(0, GROUP).data(TIP) == f"Groupe : {group}"


def test_the_votes_group_column_has_the_whole_name_as_tooltip(qtbot, controller):
    assert controller.act("Fin de l'intervention", lambda c: c.end_floor())
    assert controller.act("Ouverture du vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS))
    model = VoteModel()
    model.set_item(controller.state, controller.state.current_item)
    row = model.row(0)
    assert model.index(0, VOTE_GROUP).data(TIP) == f"Groupe : {row.group}"


def test_an_items_whole_title_is_its_tooltip(controller):
    model = AgendaModel(lambda: controller.state)
    item = controller.state.items["pt4"].item
    assert item.title in model.index(model.row_of("pt4"), TITLE).data(TIP)
