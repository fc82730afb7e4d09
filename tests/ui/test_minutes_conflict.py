"""The procès-verbal panel on a post whose text another post saved meanwhile (two laptops on one
database): both versions end up in the editor, the secretary is told in French, nothing is lost;
and a database held busy by another program leaves the text on screen, marked unsaved."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.text_conflicts import YOURS_START
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.panels.minutes_panel import MinutesPanel
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service


def make_panel(qtbot, controller) -> MinutesPanel:
    panel = MinutesPanel(controller, ShortcutRegistry(), ScriptedDialogs(confirm=True), today=lambda: date(2026, 11, 22),
                         now=lambda: datetime(2026, 11, 20, 20, 4, tzinfo=UTC))
    qtbot.addWidget(panel)
    return panel


def test_another_posts_save_in_between_keeps_both_versions_on_screen(qtbot, store, tmp_path):
    controller = SessionController(live_service(store))
    panel = make_panel(qtbot, controller)
    item_id = panel.current_id
    seen: list[tuple[str, bool]] = []
    controller.message.connect(lambda text, error: seen.append((text, error)))

    with Store.open(tmp_path / "ui.sqlite3") as other_store:  # the other laptop
        other = SessionService(other_store, controller.service.session_id)
        other.minutes_text_revisions()
        other.save_minutes_text(item_id, "Texte de l'autre poste")

    panel.editor.set_markup("Texte de ce poste")
    assert panel.save_now()

    shown = panel.editor.markup()
    assert shown.index("Texte de l'autre poste") < shown.index(YOURS_START) < shown.index("Texte de ce poste")
    assert SessionService(store, controller.service.session_id).minutes_texts()[item_id] == shown
    assert panel.save_label.text() == "Conflit à 21 h 04 : les deux versions sont conservées"
    assert not panel.is_dirty()
    number = controller.state.setup.item(item_id).number
    assert seen[-1] == (
        f"Un autre poste a modifié la teneur des discussions du point n° {number} pendant que vous écriviez : "
        "rien n'est perdu, les deux versions sont conservées dans le texte, l'une après l'autre, entre des lignes "
        "en gras. Fusionnez-les, puis supprimez ces lignes.",
        True,
    )
    # The merged text, edited and saved again, is an ordinary save.
    panel.editor.set_markup("Fusion")
    assert panel.save_now() and panel.save_label.text() == "Enregistré à 21 h 04"


def test_a_busy_database_leaves_the_text_unsaved_on_screen(qtbot, store, tmp_path):
    controller = SessionController(live_service(store))
    panel = make_panel(qtbot, controller)
    seen: list[tuple[str, bool]] = []
    controller.message.connect(lambda text, error: seen.append((text, error)))
    panel.editor.set_markup("Texte en cours")
    with closing(sqlite3.connect(tmp_path / "ui.sqlite3", isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        assert not panel.save_now()
        other.execute("ROLLBACK")
    assert panel.is_dirty() and panel.save_label.text() == "Modifications non enregistrées"
    assert "occupée par un autre poste ou un autre programme" in seen[-1][0] and seen[-1][1]
    assert panel.save_now() and not panel.is_dirty()
