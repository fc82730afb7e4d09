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
