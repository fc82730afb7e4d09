"""Issue 11, latency: a chair action is painted in one pass of the window, its layouts done first,
and what it changed still shows. Nothing here is timed: the window's paint passes and each watched
widget's paint events are counted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from seance_desk.models.enums import ItemStatus, VoteMethod
from seance_desk.ui.panels.vote import VOTING

from tests.ui.test_open_item_repaints import Paints
from tests.ui.test_refresh_scope import end_floor
from tests.ui.test_steady_window_layout import make_window, settle


class PaintPasses(QObject):
    """The window's paint passes (its update requests) that painted something, and the layout
    requests delivered after the first of them."""

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.passes: list[int] = []  # paint events in each pass
        self.late_layouts = 0
        QApplication.instance().installEventFilter(self)

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.UpdateRequest and watched is self.window:
            self.passes.append(0)
        elif kind == QEvent.Type.Paint and self.passes:
            self.passes[-1] += 1
        elif kind == QEvent.Type.LayoutRequest and any(self.passes):
            self.late_layouts += 1
        return False

    def painting(self) -> list[int]:
        return [count for count in self.passes if count]


def _vote_closed(window, controller) -> str:
    """The item under discussion voted (unanimity), its row selected in the agenda."""
    end_floor(controller)
    item_id = controller.state.current_item.id
    panel = window.vote_panel
    # Each step painted, as the chair sees it: the table laid out at its size before the closing.
    for step in (lambda: panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.unanimity, panel.close_vote):
        assert step(), panel.feedback.text()
        settle()
    window.agenda_panel.select(item_id)
    settle()
    assert controller.state.items[item_id].status is ItemStatus.VOTED
    return item_id


def test_a_vote_closing_undone_is_laid_out_then_painted_once(qtbot, controller):
    window = make_window(qtbot, controller)
    item_id = _vote_closed(window, controller)
    details = window.agenda_panel.detail_labels["result"].parentWidget()
    speakers = window.speaker_panel.item_view.viewport()
    paints = Paints([details, speakers])
    passes = PaintPasses(window)
    try:
        assert window.undo()  # the vote page back, the agenda's details and the item's speakers with it
        settle()
    finally:
        passes.stop()
    # Before: the window painted the old layout, laid out what the refresh had asked, then painted
    # again what moved (the agenda's details) and the speakers' table its view's timer relaid out.
    assert passes.painting() == passes.painting()[:1] and passes.late_layouts == 0
    assert len(paints.rects[details]) == 1 and len(paints.rects[speakers]) == 1
    # What the chair sees: the vote under way again, the details without a result.
    assert controller.state.items[item_id].status is ItemStatus.VOTING and window.vote_panel.page() == VOTING
    assert window.agenda_panel.detail_labels["result"].text() == "—"
    number = controller.state.items[item_id].item.number
    assert window.speaker_panel.item_group.title() == f"Orateurs sur le point n° {number}"
    spoke = list(controller.state.speakers.speakers_of(item_id))
    assert spoke and window.speaker_panel.item_model.rowCount() == len(spoke)
