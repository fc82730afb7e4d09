"""Issue 11, latency: the central tab widget lays the main window out again only when what the window
reads of it changed (steady_layout.SteadyTabs). Nothing here is timed: layout requests are counted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QVBoxLayout, QWidget

from seance_desk.ui.shell.steady_layout import SteadyTabs

from tests.ui.test_steady_window_layout import LayoutRequests, make_window, settle


def _settle_all() -> None:
    for _level in range(4):  # a request climbs one layout per pass: label's panel, stack, tabs, window
        settle()


def test_a_page_s_new_text_does_not_lay_the_window_out_again_and_a_new_minimum_does(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    tabs = SteadyTabs()
    page = QWidget()
    label = QLabel("Vote à main levée")
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # its text does not set its minimum
    QVBoxLayout(page).addWidget(label)
    tabs.addTab(page, "Vote")
    tabs.addTab(QWidget(), "Procès-verbal")
    window.setCentralWidget(tabs)
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    _settle_all()
    requests = LayoutRequests(window)
    requests.reset()
    label.setText("Scrutin public : 25 pour, 3 contre")
    _settle_all()
    assert requests.total() == 0
    assert label.text() == "Scrutin public : 25 pour, 3 contre" and page.geometry() == tabs.currentWidget().geometry()
    # A page that now needs more room: the window hears of it, and gives it.
    needed = window.height() + 150
    label.setMinimumHeight(needed)
    _settle_all()
    assert requests.counts[window] > 0
    assert tabs.minimumSizeHint().height() >= needed and label.height() >= needed
    # A tab's new name still places the bar again.
    tabs.setTabText(1, "Procès-verbal (dans sa fenêtre)")
    _settle_all()
    assert tabs.tabBar().width() == tabs.tabBar().sizeHint().width()


def test_a_floor_given_does_not_lay_the_main_window_out_again(qtbot, controller):
    window = make_window(qtbot, controller)
    assert isinstance(window.central_tabs, SteadyTabs)
    if controller.state.speakers.current:
        assert controller.act("Fin d'intervention", lambda c: c.end_floor())
    _settle_all()
    requests = LayoutRequests(window, window.central_tabs)
    requests.reset()
    queue = controller.state.speakers.queue
    assert queue
    assert controller.act("Parole donnée", lambda c: c.give_floor(queue[0]))
    _settle_all()
    assert requests.counts[window] == 0
    assert window.speaker_panel.isVisible() and window.vote_panel.geometry() == window.central_tabs.currentWidget().geometry()


# ---------------------------------------------------------------------- a group box's title
def test_a_steady_title_box_looks_like_a_group_box_and_a_new_title_repaints_only_its_band(qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QGroupBox, QPushButton

    from seance_desk.ui.shell.steady_layout import SteadyTitleBox

    def make(box):
        QVBoxLayout(box).addWidget(QPushButton("Donner la parole"))
        box.resize(262, 120)
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        return box

    steady = make(SteadyTitleBox("Demandes de parole (2)", room="Demandes de parole (000)"))
    plain = make(QGroupBox("Demandes de parole (2)"))
    assert steady.grab().toImage() == plain.grab().toImage()

    class Paints(QObject):
        def __init__(self, widget):
            super().__init__()
            self.rects = []
            widget.installEventFilter(self)

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.rects.append(event.rect())
            return False

    button = steady.findChild(QPushButton)
    box_paints, button_paints = Paints(steady), Paints(button)
    settle()
    box_paints.rects.clear()
    button_paints.rects.clear()
    steady.setTitle("Demandes de parole")
    plain.setTitle("Demandes de parole")
    settle()
    assert steady.title() == "Demandes de parole" and steady.accessibleName() == "Demandes de parole"
    assert box_paints.rects and all(rect.bottom() < button.geometry().top() for rect in box_paints.rects)
    assert button_paints.rects == []  # the children are not repainted
    assert steady.grab().toImage() == plain.grab().toImage()
