"""The « Séance » menu's export and import carry the secretary's texts of the procès-verbal."""

from __future__ import annotations

from seance_desk.files.session_file import read_session_file
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.main_window import MainWindow
from tests.ui.conftest import live_service

TEXTS = {"pt1": "Le maire rappelle <b>l'urgence</b> du dossier.", "pt2": "• première intervention\n• seconde intervention"}


def test_export_then_import_keeps_the_secretarys_texts(qtbot, store, tmp_path):
    service = live_service(store)
    for item_id, text in TEXTS.items():
        service.save_minutes_text(item_id, text)
    controller = SessionController(service)
    path = tmp_path / "export.json"
    window = MainWindow(controller, dialogs=ScriptedDialogs(files=[path, path]))
    qtbot.addWidget(window)

    assert window.session_files.export_file()
    assert read_session_file(path).minutes_texts == TEXTS

    assert window.session_files.import_file()
    assert controller.service.session_id != service.session_id
    assert controller.service.minutes_texts() == TEXTS
