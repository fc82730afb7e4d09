"""The first start fills the screen with the window's frame, title bar included: never the inner
area with the title bar above the screen."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect
from PySide6.QtWidgets import QWidget

from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.first_placement import ESTIMATED_FRAME, frame_fits, inner_rect, place_within
from seance_desk.ui.shell.main_window import MainWindow

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px task bar
TITLE_BAR = QMargins(4, 30, 4, 4)


class Framed(QWidget):
    """A window as a window manager frames it: a title bar of 30 px and borders of 4."""

    def frameGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return self.geometry().marginsAdded(TITLE_BAR)


def test_the_inner_area_leaves_room_for_the_frame():
    assert inner_rect(LAPTOP, TITLE_BAR) == QRect(4, 30, 1358, 694)


def test_the_frame_fills_the_available_screen_title_bar_included(qtbot):
    window = Framed()
    qtbot.addWidget(window)
    place_within(window, LAPTOP)
    assert window.frameGeometry() == LAPTOP
    assert window.geometry().top() == 30  # the title bar is on the screen, above the inner area


def test_a_second_screen_to_the_right_is_filled_there(qtbot):
    window = Framed()
    qtbot.addWidget(window)
    right = QRect(1366, 0, 1920, 1040)
    place_within(window, right)
    assert window.frameGeometry() == right and frame_fits(window, right)


def test_the_first_start_places_the_frame_on_screen_and_corrects_it_once_measured(qtbot, controller):
    window = MainWindow(controller, dialogs=ScriptedDialogs())  # no WindowState: a first start
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window._first_placement == available
    assert window.geometry() == inner_rect(available, ESTIMATED_FRAME)  # before the window manager frames it
    # The window manager's frame turns out thicker than estimated: the title bar would be off.
    window.frameGeometry = lambda: window.geometry().marginsAdded(QMargins(8, 48, 8, 8))
    assert not frame_fits(window, available)
    window._keep_the_frame_on_screen()
    assert window.frameGeometry() == available
