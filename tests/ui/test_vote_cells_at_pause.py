"""At the chair's pause (SessionController.paused), the vote table prepares what the next keys would
pay for: the cells of the item under discussion, waiting while the vote is not open, written into
the hidden table, and every item's wrapper fetched (VoteModel.prepare_at_pause, issue 11). Opening
the vote then shows exactly what a table built at the opening shows, and the views are told then."""

from __future__ import annotations

from PySide6.QtCore import Qt

from seance_desk.models.enums import RecusalReason, VoteChoice, VoteMethod
from seance_desk.ui.itemmodels.vote_model import VoteModel

from .test_vote_cells_after_start import _cells
from .test_vote_panel_repaints import make_window, settle


def _under_discussion(controller):
    if controller.state.speakers.current is not None:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    item = controller.state.current_item
    assert item is not None and item.vote is None
    return item


def _as_built_at_opening(controller, item_id) -> list:
    eager = VoteModel()
    eager.set_item(controller.state, controller.state.items[item_id])
    return _cells(eager)


def test_the_pause_writes_the_waiting_cells_and_the_opening_shows_them_right(qtbot, controller):
    window = make_window(qtbot, controller)
    panel, model = window.vote_panel, window.vote_panel.model
    item = _under_discussion(controller)
    controller.at_pause()
    assert not model._waiting and model.rowCount() > 0
    assert all(cell is not None for row in model._items for cell in row)  # every wrapper fetched
    told = []
    model.dataChanged.connect(lambda top, bottom, _roles: told.append((top.row(), bottom.row())))
    writes = []
    real_write = model._write
    model._write = lambda *args, **kwargs: (writes.append(args), real_write(*args, **kwargs))[1]
    settle()
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    settle()
    assert not writes  # nothing left to write: the pause did
    assert told == [(0, model.rowCount() - 1)]  # the views told of every row, once
    assert panel.page() == "saisie" and panel.table.isVisible()
    assert _cells(model) == _as_built_at_opening(controller, item.id)
    # A ballot then rewrites its row in the items the pause built.
    assert panel.record(VoteChoice.AGAINST)
    assert _cells(model) == _as_built_at_opening(controller, item.id)


def test_a_change_after_the_pause_is_written_at_the_opening(qtbot, controller):
    window = make_window(qtbot, controller)
    panel, model = window.vote_panel, window.vote_panel.model
    item = _under_discussion(controller)
    controller.at_pause()
    recused = next(m for m in controller.state.roll.seated_ids() if m != controller.state.setup.chair_id)
    assert controller.act("Intérêt", lambda c: c.recuse(recused, item.id, RecusalReason.INTEREST))  # no pause after it
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    settle()
    assert _cells(model) == _as_built_at_opening(controller, item.id)
    row = model.row_of(recused)
    assert row is not None and model.index(row, 0).data(Qt.ItemDataRole.UserRole + 4) is False  # greyed


def test_without_a_pause_the_opening_writes_the_cells_itself(qtbot, controller):
    window = make_window(qtbot, controller)
    panel, model = window.vote_panel, window.vote_panel.model
    item = _under_discussion(controller)
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    settle()
    assert _cells(model) == _as_built_at_opening(controller, item.id)
    controller.at_pause()  # the wrappers fetched after the opening: a unanimity reads its cells into them
    assert all(cell is not None for row in model._items for cell in row)
    assert panel.unanimity()
    assert _cells(model) == _as_built_at_opening(controller, item.id)


def test_an_item_put_in_discussion_encodes_its_hidden_cells_only_at_the_pause(qtbot, controller):
    from .test_refresh_waste import next_pending

    window = make_window(qtbot, controller)
    panel, model = window.vote_panel, window.vote_panel.model
    item = _under_discussion(controller)
    assert controller.act("Report", lambda c: c.postpone(item.id, "complément d'information"))
    following = next_pending(controller.state)
    assert controller.act("Mise en discussion", lambda c: c.open_item(following, None))
    # The rows are the new item's (their number, rows(), the counts), their cells not even encoded:
    # the table is hidden until the vote opens (≈ 0.4 ms of « mise en discussion » at 240 members).
    assert model.item_id == following and model.rowCount() == len(model.rows()) > 0
    assert not any(id(row) in model._cells._rows for row in model.rows())
    controller.at_pause()  # encoded and written while nobody waits
    assert not model._waiting and all(id(row) in model._cells._rows for row in model.rows())
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    settle()
    assert _cells(model) == _as_built_at_opening(controller, following)
