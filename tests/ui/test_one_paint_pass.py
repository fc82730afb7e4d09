"""Issue 11, latency: a chair action is painted in one pass of the window, its layouts done first,
and what it changed still shows. Nothing here is timed: the window's paint passes and each watched
widget's paint events are counted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from seance_desk.models.enums import ItemStatus, VoteChoice, VoteMethod
from seance_desk.ui.shell import seal_clock
from seance_desk.ui.panels.vote import VOTING

from tests.ui.test_open_item_repaints import Paints
from tests.ui.test_refresh_scope import end_floor
from tests.ui.test_refresh_waste import next_pending
from tests.ui.test_steady_window_layout import make_window, settle


class PaintPasses(QObject):
    """The window's paint passes (its update requests) that painted something, and the layout
    requests delivered after the first of them. Meanwhile the window's own clocks are held (the
    speakers' waiting times, the session's duration, the chair's pause): on a slow machine one of
    their ticks fell inside the measure and was counted as the action's second pass."""

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.passes: list[int] = []  # paint events in each pass
        self.late_layouts = 0
        seal_clock.pause_now()  # the last action's pause work done now, not inside the measure
        self._held = [t for t in (window.speaker_panel.timer, window.session_bar.clock_timer) if t.isActive()]
        for timer in self._held:
            timer.stop()
        QApplication.instance().installEventFilter(self)

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)
        for timer in self._held:
            timer.start()

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


def _on_screen(window):
    """What the window shows: its backing store as last painted (offscreen: grabWindow reads it)."""
    return window.screen().grabWindow(window.winId()).toImage()


def test_each_chair_action_shows_what_a_whole_repaint_would(qtbot, controller):
    # The docks' titles skipped when only their panels are repainted (SteadyDock), the layouts done
    # before the paint, the views' rows laid out at their refresh: nothing the chair sees differs
    # from the window painted whole again — pixel for pixel, after each action and each undo.
    window = make_window(qtbot, controller)
    window.docks["agenda"].raise_()
    speakers, panel = window.speaker_panel, window.vote_panel
    end_floor(controller)
    member = next(m for m in controller.state.roll.seated_ids() if m != controller.state.setup.chair_id)
    steps = (
        ("Demande de parole", lambda: controller.act("Demande de parole", lambda c: c.raise_hand(member)).done),
        ("Parole donnée", speakers.give_floor),
        ("Fin d'intervention", speakers.end_floor),
        ("Ouverture du vote", lambda: panel.open_vote(VoteMethod.SHOW_OF_HANDS)),
        ("Unanimité", panel.unanimity),
        ("Clôture du vote", panel.close_vote),
        ("Annulation de la clôture", lambda: controller.undo().done),
        ("Rétablissement de la clôture", lambda: controller.redo().done),
    )
    for name, step in steps:
        assert step(), name
        settle()
        shown = _on_screen(window)
        window.repaint()
        assert _on_screen(window) == shown, name


def test_a_vote_closed_paints_its_chart_once(qtbot, controller):
    window = make_window(qtbot, controller)
    panel = window.vote_panel

    def vote_on_current() -> None:
        end_floor(controller)
        for step in (lambda: panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.unanimity):
            assert step(), panel.feedback.text()
            settle()

    # A first result charted (the chart library loaded, its plot drawn), then the next item's vote,
    # with other bars, in a window resized meanwhile (in the bench, the amendments box under the
    # pages leaves with the item): the chart is resized as it is shown.
    vote_on_current()
    assert panel.close_vote()
    settle()
    following = next_pending(controller.state)
    assert controller.act("Mise en discussion", lambda c: c.open_item(following, None))
    settle()
    end_floor(controller)
    assert panel.open_vote(VoteMethod.SHOW_OF_HANDS), panel.feedback.text()
    settle()
    assert panel.record(VoteChoice.AGAINST) and panel.unanimity()  # other bars than the first result's
    window.resize(1300, 700)
    settle()
    chart = panel.chart
    passes = PaintPasses(window)
    paints = Paints([chart.plot.viewport()])
    try:
        assert panel.close_vote()
        settle()
    finally:
        passes.stop()
    # Before: pyqtgraph placed its bars and labels as its view began to paint, and the scene had the
    # view — and the window with it — paint them again right after (a second pass, chart included).
    assert len(paints.rects[chart.plot.viewport()]) == 1 and len(passes.painting()) == 1
    tally = controller.state.items[following].vote.result.value.tally
    assert chart.values()["pour"] == tally.pour and chart.bar_heights()[0] == tally.pour
    shown = _on_screen(window)
    window.repaint()
    assert _on_screen(window) == shown


def test_a_dock_draws_its_title_only_when_its_band_is_repainted(qtbot, monkeypatch):
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

    from seance_desk.ui.shell.steady_layout import SteadyDock

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QWidget())
    dock = SteadyDock("Orateurs", window)
    label = QLabel("Aucune intervention")
    label.setFixedSize(220, 40)  # its new text lays nothing out again: only the label is repainted
    dock.setWidget(label)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    settle()
    drawn: list[QRect] = []
    real = QDockWidget.paintEvent
    monkeypatch.setattr(QDockWidget, "paintEvent", lambda self, event: (drawn.append(event.rect()), real(self, event))[1])
    # The panel's text repainted: not the title (the style's work, clipped away, at each action).
    label.setText("2 interventions — 3 min au total")
    settle()
    assert drawn == []
    shown = _on_screen(window)
    window.repaint()
    assert _on_screen(window) == shown and drawn  # the same picture as the whole window repainted
    # The title's band repainted, even a sliver of it: the title is drawn.
    drawn.clear()
    dock.update(QRect(0, label.geometry().top() - 2, dock.width(), 4))
    settle()
    assert len(drawn) == 1
    dock.setWindowTitle("Orateurs du point")
    settle()
    assert len(drawn) == 2
    shown = _on_screen(window)
    window.repaint()
    assert _on_screen(window) == shown


def test_the_agenda_details_measured_once_per_text_still_fit_their_texts(qtbot, controller):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    window = make_window(qtbot, controller)
    agenda = window.agenda_panel
    item_id = controller.state.current_item.id
    end_floor(controller)
    agenda.select(item_id)
    settle()
    status = agenda.detail_labels["status"]
    before = status.text()
    assert window.vote_panel.open_vote(VoteMethod.SHOW_OF_HANDS)
    settle()
    assert status.text() != before and any(key[1] == status.text() for key in status._hints)  # measured
    assert controller.undo()
    settle()
    # The text back is the one measured before (SteadyLabel keeps it): the same measures as a
    # plain label laid out afresh, and the details show the item as it was.
    assert status.text() == before
    plain = QLabel(before)
    plain.setWordWrap(True)
    plain.setTextFormat(Qt.TextFormat.PlainText)
    plain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    plain.setFont(status.font())
    assert status.sizeHint() == plain.sizeHint() and status.minimumSizeHint() == plain.minimumSizeHint()
    assert status.heightForWidth(status.width()) == plain.heightForWidth(status.width())
    shown = _on_screen(window)
    window.repaint()
    assert _on_screen(window) == shown


def test_the_quorum_line_looks_as_its_style_sheet_made_it(qtbot, controller):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from seance_desk.ui.shell.colors import error_color, ok_color, set_style_sheet

    window = make_window(qtbot, controller)
    agenda = window.agenda_panel
    agenda.select(controller.state.current_item.id)  # under discussion, its quorum met: in green
    settle()
    label = agenda.quorum_label
    assert label.styleSheet() == ""
    for ok, sheet in ((True, f"color: {ok_color(agenda.palette()).name()};"),
                      (False, f"color: {error_color(agenda.palette()).name()}; font-weight: bold;")):
        agenda._paint(label, ok)
        # The former look, a style sheet on a twin label in the same place: the same pixels.
        twin = QLabel(label.text(), label.parentWidget())
        twin.setWordWrap(True)
        twin.setTextFormat(Qt.TextFormat.PlainText)
        set_style_sheet(twin, sheet)
        twin.setGeometry(label.geometry())
        twin.show()
        settle()
        assert twin.grab().toImage() == label.grab().toImage(), ok
        twin.deleteLater()
    agenda._paint(label, None)
    assert not label.font().bold() and label.palette().color(label.foregroundRole()) == agenda.palette().color(agenda.foregroundRole())
