"""At the window's start, the vote table of the item under discussion is hidden (the vote not open)
and its cells wait: they are not even encoded before the chain is verified, but right after, once
the chair may act (VoteModel.encode_ahead) — and opening the vote then shows exactly the cells a
window built without waiting shows."""

from __future__ import annotations


from PySide6.QtCore import Qt

from seance_desk.models.enums import VoteMethod
from seance_desk.ui.itemmodels.vote_model import VoteModel
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from tests.ui.conftest import controller_at_start

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
         Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 3, Qt.ItemDataRole.UserRole + 4, Qt.ItemDataRole.UserRole + 5)


def _cells(model: VoteModel) -> list:
    return [[model.index(r, c).data(role) for c in range(model.columnCount()) for role in ROLES] for r in range(model.rowCount())]


def test_the_hidden_tables_cells_are_encoded_once_the_chair_may_act_and_shown_right(qtbot, tmp_path):
    controller = controller_at_start(tmp_path / "startup.sqlite3")
    window = MainWindow(controller, dialogs=ScriptedDialogs(confirm=True))
    qtbot.addWidget(window)
    model = window.vote_panel.model
    item = controller.state.current_item
    assert item is not None and model.item_id == item.id and model.rowCount() > 0
    encoded = model._cells._rows  # the encoder's cells, by row
    assert not encoded  # not before the chair may act
    at_verified = []
    controller.verified.connect(lambda: at_verified.append(len(encoded)))
    window.show()
    qtbot.waitUntil(lambda: len(encoded) >= model.rowCount(), timeout=10_000)
    assert at_verified == [0]  # encoded right after, not before
    assert controller.act("Ouverture du vote", lambda c: c.open_vote(item.id, VoteMethod.SHOW_OF_HANDS))
    eager = VoteModel()
    eager.set_item(controller.state, controller.state.items[item.id])
    assert model.rowCount() == eager.rowCount() and _cells(model) == _cells(eager)
    controller.service.close()
