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


# ---------------------------------------------------------------------- the docks' layout gates
def test_a_dock_panel_s_new_text_stops_at_its_gate_and_a_new_minimum_reaches_the_window(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QSizePolicy, QVBoxLayout, QWidget

    from seance_desk.ui.shell.steady_layout import LayoutGate

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("Vote"))
    panel = QWidget()
    label = QLabel("Orateur : M. Paul ROUX")
    # A text that takes the room it is given (as the panels' elided and wrapped labels do): its
    # minimum does not follow the text.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    QVBoxLayout(panel).addWidget(label)
    dock = QDockWidget("Orateurs", window)
    gate = LayoutGate(panel)
    dock.setWidget(gate)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    settle()
    requests = LayoutRequests(window, dock)
    settle()
    requests.reset()
    label.setText("Orateur : Mme Anne DURAND")  # the panel lays itself out; its needs are the same
    settle()
    assert requests.total() == 0
    assert label.text() == "Orateur : Mme Anne DURAND" and panel.geometry() == gate.rect() and gate.isVisible()
    # A panel that now needs more room: the window hears of it, and the dock gives it.
    needed = dock.width() + 120
    label.setMinimumWidth(needed)
    for _level in range(4):  # the request climbs one layout per pass: panel, gate, dock, window
        settle()
    assert requests.counts[window] > 0
    assert gate.minimumSizeHint().width() >= needed and dock.width() >= needed
    assert label.width() >= needed and panel.geometry() == gate.rect()


def test_the_chair_s_docks_hold_their_panels_behind_a_gate(qtbot, controller):
    from seance_desk.ui.shell.steady_layout import LayoutGate

    window = make_window(qtbot, controller)
    for name, panel in (("quorum", window.quorum_gauge), ("agenda", window.agenda_panel), ("roll", window.roll_call_panel), ("speakers", window.speaker_panel)):
        gate = window.docks[name].widget()
        assert isinstance(gate, LayoutGate) and gate.panel is panel and gate.focusProxy() is panel
    window.docks["agenda"].raise_()
    settle()
    assert window.agenda_panel.geometry() == window.docks["agenda"].widget().rect()


# ---------------------------------------------------------------------- the agenda's status column
def test_the_status_column_keeps_its_width_through_an_item_s_life_and_shows_each_status_whole(qtbot, controller):
    from PySide6.QtGui import QFont, QFontMetrics

    from seance_desk.models.enums import ItemStatus, VoteMethod
    from seance_desk.ui.itemmodels.agenda_model import STATUS

    window = make_window(qtbot, controller)
    panel = window.agenda_panel
    view = panel.view
    if controller.state.speakers.current:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    item = controller.state.current_item
    width = view.columnWidth(STATUS)
    bold = QFont(view.font())
    bold.setBold(True)
    widest = max(QFontMetrics(bold).horizontalAdvance(status.label) for status in ItemStatus)
    assert width > widest  # every status, in bold, fits whole
    shown = []
    for label, build in (
        ("Ouverture du vote", lambda c: c.open_vote(item.id, VoteMethod.SHOW_OF_HANDS)),
        ("Unanimité", lambda c: c.unanimity(item.id)),
        ("Clôture du vote", lambda c: c.close_vote(item.id)),
    ):
        assert controller.act(label, build)
        settle()
        row = panel.model.row_of(item.id)
        shown.append(panel.model.index(row, STATUS).data())
        assert view.columnWidth(STATUS) == width
    assert shown == [ItemStatus.VOTING.label, ItemStatus.VOTING.label, ItemStatus.VOTED.label]
    assert controller.undo()
    settle()
    assert panel.model.index(panel.model.row_of(item.id), STATUS).data() == ItemStatus.VOTING.label
    assert view.columnWidth(STATUS) == width


# ---------------------------------------------------------------------- « Point sélectionné »
def test_the_selected_item_s_details_are_plain_text_and_follow_the_selection(qtbot, store):
    """The details show the user's own texts as typed (« <b> » is no markup) and, moving from item
    to item, each item's own title and projet."""
    import dataclasses
    from datetime import date

    from seance_desk.service.session import SessionService
    from seance_desk.tools.demo import build_demo
    from seance_desk.ui.dialogs.projet_text_dialog import projet_summary
    from seance_desk.ui.shell.controller import SessionController

    demo = build_demo(33, 12, session_date=date(2026, 11, 20), play=False)  # before the roll call: a setup of our own
    marked = "Subvention <b>exceptionnelle</b> < 5 000 € à l'association « A & B »"
    agenda = tuple(dataclasses.replace(item, title=marked) if item.number == 6 else item for item in demo.setup.agenda)
    setup = dataclasses.replace(demo.setup, agenda=agenda)
    controller = SessionController(SessionService(store, store.import_session(demo.assembly, setup, demo.events)))
    window = make_window(qtbot, controller)
    panel = window.agenda_panel
    labels = panel.detail_labels
    from PySide6.QtCore import Qt

    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels.values())
    for item in controller.state.setup.agenda[3:8]:
        assert panel.select(item.id)
        settle()
        act = controller.state.act(item.id)
        assert labels["title"].text() == f"N° {item.number} — {item.title}"
        assert labels["projet"].text() == projet_summary(act.projet)
    six = next(item for item in controller.state.setup.agenda if item.number == 6)
    assert panel.select(six.id)
    settle()
    assert labels["title"].text() == f"N° 6 — {marked}"
