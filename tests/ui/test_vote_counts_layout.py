"""The « décompte global » at a laptop's size: its whole entry and « Enregistrer » show without
scrolling, Entrée records it, and afterwards the vote's buttons (« Unanimité », « Clore le vote »…)
are all in view, not in a small scroll area left scrolled down."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from seance_desk.models.rules.majority import Tally

from tests.ui.test_vote_panel import make_panel, open_vote


def _fully_in_view(widget: QWidget, panel: QWidget) -> bool:
    """Shown whole: not clipped by the side column's scroll area, and inside the panel."""
    if not widget.isVisible():
        return False
    whole = widget.visibleRegion().boundingRect() == QRect(0, 0, widget.width(), widget.height())
    top_left = widget.mapTo(panel, widget.rect().topLeft())
    return whole and panel.rect().contains(QRect(top_left, widget.size()))


def _narrow_panel(qtbot, controller):
    """The width the vote gets at 1366×768 between the docks: the side column goes under the table."""
    panel = make_panel(qtbot, controller)
    panel.resize(580, 560)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_after_a_global_count_the_vote_buttons_are_all_in_view(qtbot, controller):
    panel = _narrow_panel(qtbot, controller)
    open_vote(panel, controller)
    assert panel.flow.narrow
    panel.counts_button.click()
    entry = (*panel.count_spins.values(), panel.chair_combo, panel.save_counts_button)
    qtbot.waitUntil(lambda: all(_fully_in_view(w, panel) for w in entry))
    panel.flow.scroll.verticalScrollBar().setValue(panel.flow.scroll.verticalScrollBar().maximum())  # as a chair who scrolled
    panel.set_counts(20, 5, 3, 1)
    panel.save_counts_button.click()
    assert controller.state.current_item.vote.counts == Tally(20, 5, 3, 1, 0)
    buttons = (panel.unanimity_button, panel.unanimity_except_button, panel.roll_call_button,
               panel.import_button, panel.counts_button, panel.close_button)
    qtbot.waitUntil(lambda: all(_fully_in_view(b, panel) for b in buttons))
    assert panel.flow.scroll.verticalScrollBar().value() == 0


def test_the_side_column_is_as_tall_as_its_current_page_not_its_tallest(qtbot, controller):
    panel = _narrow_panel(qtbot, controller)
    open_vote(panel, controller)
    panel.show_counts()
    panel.show_actions()
    qtbot.wait(50)
    # Nothing left to scroll: the hidden « décompte » page no longer sets the column's height.
    assert panel.flow.scroll.verticalScrollBar().maximum() == 0


def test_enter_in_a_count_records_the_counts(qtbot, controller):
    panel = _narrow_panel(qtbot, controller)
    open_vote(panel, controller)
    panel.show_counts()
    panel.set_counts(20, 5)
    spin = panel.count_spins["abstention"]
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert controller.state.current_item.vote.counts == Tally(20, 5, 0, 0, 0)
    assert panel.side.currentWidget() is panel._side_actions


def test_the_wide_layout_keeps_one_field_a_row(qtbot, controller):
    panel = make_panel(qtbot, controller)
    panel.resize(900, 560)
    panel.show()
    qtbot.waitExposed(panel)
    open_vote(panel, controller)
    panel.show_counts()
    grid = panel._counts_grid
    rows = [grid.getItemPosition(grid.indexOf(spin))[0] for spin in panel.count_spins.values()]
    assert not panel.flow.narrow and rows == [0, 1, 2, 3, 4]
