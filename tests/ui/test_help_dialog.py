"""« Raccourcis clavier » lists every registered shortcut, grouped by where it works."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from seance_desk.ui.panels.agenda_panel import AgendaPanel
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.dialogs.help_dialog import HelpDialog, shortcuts_model
from seance_desk.ui.panels.session_bar import SessionBar
from seance_desk.ui.shell.shortcuts import ShortcutRegistry


@pytest.fixture
def registry(qtbot, controller):
    shortcuts = ShortcutRegistry()
    dialogs = ScriptedDialogs()
    window = QWidget()
    qtbot.addWidget(window)
    SessionBar(controller, shortcuts, dialogs, window)
    AgendaPanel(controller, shortcuts, dialogs, window)
    shortcuts.add(window, "F1", "Raccourcis clavier", lambda: None)  # « Partout » by default
    return shortcuts


def test_lists_every_registered_shortcut_grouped_by_where(qtbot, registry):
    dialog = HelpDialog(registry)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert sorted(rows) == sorted((info.where, info.keys, info.description) for info in registry.infos)
    groups = [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())]
    assert groups == ["Partout", "Barre de séance", "Ordre du jour"]  # « Partout » first, then as registered
    assert ("Barre de séance", "Ctrl+Shift+O", "Ouvrir la séance") in rows
    assert ("Ordre du jour", "Entrée", "Mettre en discussion le point sélectionné") in rows
    assert ("Partout", "F1", "Raccourcis clavier") in rows
    assert dialog.windowTitle() == "Aide — déroulé d'une séance et raccourcis clavier"


def test_filter_by_action_key_or_group(qtbot, registry):
    dialog = HelpDialog(registry)
    qtbot.addWidget(dialog)
    dialog.filter_edit.setText("reporter")
    assert dialog.rows() == [("Ordre du jour", "Ctrl+Shift+R", "Reporter le point sélectionné (avec le motif)")]
    dialog.filter_edit.setText("Ctrl+Shift+L")
    assert dialog.rows() == [("Barre de séance", "Ctrl+Shift+L", "Lever la séance (après confirmation)")]
    dialog.filter_edit.setText("Ordre du jour")  # a group's name shows all its keys
    assert len(dialog.rows()) == 5  # open, postpone, withdraw, close without a vote, recusal
    dialog.filter_edit.clear()
    assert len(dialog.rows()) == len(registry.infos)


def test_model_passes_the_qt_model_tester(qtmodeltester, registry):
    qtmodeltester.check(shortcuts_model(registry.infos))


def test_an_empty_registry_says_so(qtbot):
    dialog = HelpDialog(ShortcutRegistry())
    qtbot.addWidget(dialog)
    assert dialog.rows() == []
    assert not dialog.empty_label.isHidden() and dialog.empty_label.text() == "Aucun raccourci n'est enregistré."


def test_the_empty_notice_is_hidden_when_there_are_shortcuts(qtbot, registry):
    dialog = HelpDialog(registry)
    qtbot.addWidget(dialog)
    assert dialog.empty_label.isHidden()


def test_enter_in_the_search_goes_to_the_keys_found_and_does_not_close_the_help(qtbot, registry):
    """Enter pressed « Fermer »: the help closed in the middle of a search."""
    from PySide6.QtCore import Qt

    dialog = HelpDialog(registry)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.filter_edit, "Huis clos")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.view.currentIndex().isValid() and "Huis clos" in dialog.proxy.index(0, 1, dialog.proxy.index(0, 0)).data()
