"""Issue 11, latency, second pass: what a chair action changes in the window is repainted where it
is, without laying the window out again — and what is shown stays right. Nothing here is timed:
each test counts the layout requests a widget received and reads what it shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from seance_desk.ui.shell.dialogs import ScriptedDialogs


class LayoutRequests(QObject):
    """Counts the layout requests that reach each watched widget (a changed size hint below it)."""

    def __init__(self, *widgets):
        super().__init__()
        self.counts = {widget: 0 for widget in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LayoutRequest:
            self.counts[watched] += 1
        return False

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)

    def total(self) -> int:
        return sum(self.counts.values())


def settle() -> None:
    app = QApplication.instance()
    app.processEvents()
    app.sendPostedEvents()
    app.processEvents()


def an_absent_member(state) -> str:
    roll = state.roll
    return next(m.id for m in state.assembly.members if not m.suppleant_of and not roll.is_seated(m.id) and roll.active_proxy_from(m.id) is None)


def make_window(qtbot, controller):
    from seance_desk.ui.shell.main_window import MainWindow

    window = MainWindow(controller, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    settle()
    return window


# ---------------------------------------------------------------------- the status line
def test_the_status_line_s_messages_do_not_lay_the_window_out_again_and_read_in_full(qtbot, controller):
    window = make_window(qtbot, controller)
    bar = window.statusBar()
    requests = LayoutRequests(bar, window)
    settle()
    requests.reset()  # what the window's first show left to do
    height, width = window._status_line.height(), window.width()
    long_refusal = "Refusé : " + "le quorum n'est pas atteint pour ce point, " * 12 + "(CGCT, art. L2121-17)"
    for text, is_error in (("Arrivée de M. Paul ROUX", False), (long_refusal, True), ("Départ", False)):
        window.show_message(text, is_error)
        settle()
        # The whole text is the label's (read aloud, and shown as the tooltip); a refusal in bold red.
        assert window._status.text() == text and window._status.toolTip() == text
        assert ("font-weight: bold" in window._status.styleSheet()) is is_error
        # …on one line of a steady height, never wider than the status bar gives it.
        assert window._status_line.height() == height and window._status.width() <= bar.width()
        assert window._status.geometry() == window._status_line.rect()
    assert requests.total() == 0
    assert window.width() == width


def test_the_journal_count_follows_each_action_without_laying_the_window_out_again(qtbot, controller):
    window = make_window(qtbot, controller)
    label = window._journal_label
    width = label.width()
    requests = LayoutRequests(window.statusBar())
    member = an_absent_member(controller.state)
    assert controller.act("Arrivée", lambda c: c.arrive(member))
    settle()
    events = controller.state.events
    assert label.text() == f"{len(events)} événements · empreinte {events[-1].hash[:12]}"
    assert label.toolTip() == events[-1].hash
    assert label.width() == width and label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert controller.undo()
    settle()
    events = controller.state.events
    assert label.text() == f"{len(events)} événements · empreinte {events[-1].hash[:12]}"
    assert requests.counts[window.statusBar()] == 0
