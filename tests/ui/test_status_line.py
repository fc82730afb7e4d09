"""The status line: red and bold for a refusal, back to the normal colour for the next success."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from seance_desk.ui.shell.colors import error_color
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow


def _shown_color(window: MainWindow):
    label = window._status
    label.ensurePolished()  # the style sheet reaches the palette when the label is polished
    return label.palette().color(QPalette.ColorRole.WindowText)


def test_a_success_after_a_refusal_is_shown_in_the_normal_colour(qtbot, controller):
    window = MainWindow(controller, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    window.show()
    normal = window.palette().color(QPalette.ColorRole.WindowText)
    seated = next(iter(controller.state.roll.attendance))
    assert not controller.act("Arrivée", lambda c: c.arrive(seated))
    assert _shown_color(window) == error_color(window.palette())
    absent = next(m.id for m in controller.state.assembly.members
                  if not controller.state.roll.is_seated(m.id) and controller.state.roll.active_proxy_from(m.id) is None)
    assert controller.act("Arrivée d'un membre", lambda c: c.arrive(absent))
    assert window._status.text() == "Arrivée d'un membre"
    assert _shown_color(window) == normal
    assert "bold" not in window._status.styleSheet()
    assert not controller.act("Arrivée", lambda c: c.arrive(seated))  # and red again for the next refusal
    assert _shown_color(window) == error_color(window.palette())
