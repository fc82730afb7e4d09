"""Where the public display opens: full screen on the projector (any screen but the chair's); on a
single screen, in a corner, the chair's window staying in front. F11 toggles it from either window."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest

from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from seance_desk.ui.shell.public_screen import corner_rect, projector_screen


class FakeScreen:
    def __init__(self, name: str, geometry: QRect):
        self._name, self._geometry = name, geometry

    def name(self) -> str:
        return self._name

    def geometry(self) -> QRect:
        return self._geometry


LAPTOP = FakeScreen("eDP-1", QRect(0, 0, 1366, 768))
PROJECTOR = FakeScreen("HDMI-1", QRect(1366, 0, 1920, 1080))


def test_the_projector_is_any_screen_but_the_chairs():
    assert projector_screen(LAPTOP, [LAPTOP, PROJECTOR]) is PROJECTOR
    assert projector_screen(LAPTOP, [PROJECTOR, LAPTOP]) is PROJECTOR
    assert projector_screen(LAPTOP, [LAPTOP]) is None


def test_on_a_single_screen_the_display_takes_the_bottom_right_corner():
    assert corner_rect(QRect(0, 0, 1366, 728)) == QRect(683, 364, 683, 364)
    assert corner_rect(QRect(0, 0, 800, 500)) == QRect(320, 230, 480, 270)  # never smaller than legible


def _window(qtbot, controller) -> MainWindow:
    window = MainWindow(controller, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_single_screen_a_corner_window_and_the_chairs_window_keeps_the_keyboard(qtbot, controller):
    window = _window(qtbot, controller)
    window.toggle_public_display(screens=[window.screen()])
    display = window.public_display
    qtbot.addWidget(display)
    assert display.isVisible() and not display.windowState() & Qt.WindowState.WindowFullScreen
    available = window.screen().availableGeometry()
    assert display.geometry().bottomRight() == corner_rect(available).bottomRight() == available.bottomRight()
    assert available.contains(display.geometry()) and display.width() < available.width()
    assert "Un seul écran" in window._status.text()
    qtbot.waitUntil(window.isActiveWindow)


def test_with_a_second_screen_it_opens_full_screen_there(qtbot, controller, monkeypatch):
    window = _window(qtbot, controller)
    window.toggle_public_display(screens=[window.screen()])  # built once…
    display = window.public_display
    qtbot.addWidget(display)
    window.toggle_public_display()  # …and closed
    shown_on: list[FakeScreen] = []
    monkeypatch.setattr(display, "set_fullscreen_on", shown_on.append)
    window.toggle_public_display(screens=[PROJECTOR, window.screen()])
    assert shown_on == [PROJECTOR]
    assert "plein écran sur l'écran « HDMI-1 »" in window._status.text()


def test_f11_in_the_display_closes_it_and_f11_in_the_chairs_window_reopens_it(qtbot, controller):
    window = _window(qtbot, controller)
    QTest.keyClick(window, Qt.Key.Key_F11)
    display = window.public_display
    qtbot.addWidget(display)
    assert display.isVisible()
    display.activateWindow()
    qtbot.waitUntil(display.isActiveWindow)
    QTest.keyClick(display, Qt.Key.Key_F11)
    assert not display.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert display.isVisible()
