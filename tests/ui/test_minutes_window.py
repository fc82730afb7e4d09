"""Issue 11 § 11: the procès-verbal in its own window with a large editor — the same panel moves out
and back (its unsaved text with it), the tab gives the editor more room, « Point sélectionné » shows
more than two lines at 1366×768."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from seance_desk.ui.panels.minutes_layout import EDITOR_MIN_HEIGHT, GENERATED_MIN_HEIGHT
from seance_desk.ui.panels.minutes_window import AWAY_TAB_TEXT, TAB_TEXT
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from seance_desk.ui.shell.settings import WindowState


def _window(qtbot, controller, window_state=None):
    window = MainWindow(controller, dialogs=ScriptedDialogs(), window_state=window_state)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_the_panel_moves_to_its_own_window_and_back_keeping_its_unsaved_text(qtbot, controller):
    window = _window(qtbot, controller)
    panel = window.minutes_panel
    editor = panel.editor
    panel.editor.setPlainText("Le maire rappelle le contexte.")
    assert panel.is_dirty()

    window.toggle_minutes_window()
    pv_window = window.minutes_window.window
    assert pv_window is not None and pv_window.isVisible()
    assert panel.window() is pv_window and panel.editor is editor  # the same widget, not a second editor
    assert window.central_tabs.indexOf(panel) == -1
    assert window.central_tabs.tabText(1) == AWAY_TAB_TEXT
    assert panel.window_button.text() == "Ramener dans l'onglet"
    assert editor.toPlainText() == "Le maire rappelle le contexte."
    # In its window the editor is larger than the generated part, itself tall enough for a vote table.
    generated, text, _signoff = panel.text_split.sizes()
    assert text > generated >= GENERATED_MIN_HEIGHT

    editor.setPlainText("Le maire rappelle le contexte. M. X demande une précision.")
    pv_window.close()
    assert window.minutes_window.window is None
    assert window.central_tabs.widget(1) is panel and window.central_tabs.tabText(1) == TAB_TEXT
    assert window.central_tabs.currentWidget() is panel
    assert panel.window_button.text() == "Fenêtre séparée"
    assert editor.toPlainText() == "Le maire rappelle le contexte. M. X demande une précision."
    assert not panel.is_dirty()  # closing the window saved the text
    saved = controller.service.minutes_texts()[panel.current_id]
    assert "M. X demande une précision." in saved


def test_shift_f8_and_the_tab_button_open_and_close_the_window_and_f8_shows_it(qtbot, controller):
    window = _window(qtbot, controller)
    QTest.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    host = window.minutes_window
    assert host.detached
    QTest.keyClick(window, Qt.Key.Key_F8)  # F8 shows the window, it does not pull the panel back
    assert host.detached
    QTest.keyClick(host.window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # Maj+F8 from the PV's window
    assert not host.detached and window.central_tabs.currentWidget() is window.minutes_panel
    window.minutes_panel.window_button.click()
    assert host.detached
    window.minutes_panel.window_button.click()
    assert not host.detached
    described = {info.description: info.keys for info in window.shortcuts.infos}
    assert described["Procès-verbal dans sa propre fenêtre (ou le ramener dans l'onglet)"].endswith("F8")  # the help (F1) lists it
    keys = [info.keys for info in window.shortcuts.infos if info.where == "Partout"]
    assert len(keys) == len(set(keys))  # no clash with another window-wide key


def test_closing_the_main_window_brings_the_pv_back_and_remembers_its_window(qtbot, controller, tmp_path):
    window = _window(qtbot, controller, WindowState(tmp_path))
    window.toggle_minutes_window()
    window.minutes_window.window.resize(700, 500)  # within the offscreen screen
    window.close()
    assert not window.minutes_window.detached
    assert WindowState(tmp_path).minutes_window_geometry() is not None
    again = _window(qtbot, controller, WindowState(tmp_path))
    again.toggle_minutes_window()
    assert again.minutes_window.window.width() == 700  # not the default 1,100 pixels
    again.minutes_window.close()


def test_at_1366_by_768_the_tab_gives_the_editor_room_and_still_fits(qtbot, controller):
    window = _window(qtbot, controller)
    window.central_tabs.setCurrentWidget(window.minutes_panel)
    panel = window.minutes_panel
    qtbot.waitUntil(lambda: panel.text_split.height() > 0)
    generated, text, signoff = panel.text_split.sizes()
    assert text >= max(generated, signoff)  # the editor's part is the largest
    assert panel.editor.height() >= EDITOR_MIN_HEIGHT  # it was ≈ 100 pixels
    assert panel.generated.height() >= GENERATED_MIN_HEIGHT - 20  # the vote table not cut
    assert window.minimumSizeHint().height() <= 768 and window.minimumSizeHint().width() <= 1366


def test_point_selectionne_shows_more_than_two_lines(qtbot, controller):
    window = _window(qtbot, controller)
    agenda = window.agenda_panel
    line = agenda.details_scroll.widget().fontMetrics().lineSpacing()
    # The group's title and margins take about two lines; four lines of details remain.
    assert agenda.details_scroll.minimumHeight() >= 6 * line
    assert agenda.details_scroll.height() >= 6 * line


def test_in_its_own_window_the_sign_off_shows_its_buttons_four_a_row(qtbot, controller):
    """Two a row in the secretary's window put the export buttons below the fold of the sign-off."""
    window = _window(qtbot, controller)
    signoff = window.minutes_panel.signoff

    def row_of(button) -> int:
        return signoff.buttons_grid.getItemPosition(signoff.buttons_grid.indexOf(button))[0]

    assert row_of(signoff.export_all_button) == 3
    window.toggle_minutes_window()
    assert row_of(signoff.export_all_button) == 1 and row_of(signoff.arrete_button) == 0
    window.toggle_minutes_window()
    assert row_of(signoff.export_all_button) == 3
