"""Issue 9 in the agenda: the selected item's projet (visas, considérants, articles) and its register
number in « Point sélectionné »; « Texte du projet… » revises it from typed, imported or pasted text,
and is refused once the item's vote has opened, with the engine's reason."""

from __future__ import annotations

import pytest

from seance_desk.models.enums import VoteMethod
from seance_desk.ui.dialogs.projet_text_dialog import ProjetTextDialog, projet_summary
from seance_desk.ui.panels.agenda_panel import AgendaPanel
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

from tests.ui.conftest import live_service

PROJET = """Rapport : la commune acquiert une parcelle pour le futur parking.

Vu le code général des collectivités territoriales

Considérant l'intérêt communal de cette acquisition

Après en avoir délibéré, le conseil municipal DÉCIDE :

Article 1er : La parcelle AB 12 est acquise pour 15 000 euros.

Article 2 : Le maire est autorisé à signer l'acte.
"""


@pytest.fixture
def dialogs():
    return ScriptedDialogs(confirm=True)


def make_panel(qtbot, controller, dialogs) -> AgendaPanel:
    panel = AgendaPanel(controller, ShortcutRegistry(), dialogs)
    qtbot.addWidget(panel)
    return panel


def test_details_show_the_projet_and_no_register_number_before_the_levee(qtbot, controller, dialogs):
    panel = make_panel(qtbot, controller, dialogs)
    assert panel.select("pt2")
    projet = panel.detail_labels["projet"].text()
    assert projet.startswith("Vu le code général des collectivités territoriales")
    assert "Considérant que ces ajustements respectent l'équilibre réel du budget" in projet
    assert "DÉCIDE :\nArticle 1er : Le conseil adopte la décision modificative n° 2" in projet
    assert panel.detail_labels["register"].isHidden()


def test_details_show_the_register_number_once_given(qtbot, store, dialogs):
    controller = SessionController(live_service(store, until_item=None, speaking=False))
    panel = make_panel(qtbot, controller, dialogs)
    number = controller.state.act("pt2").number
    assert number and number.startswith("2026-")
    panel.select("pt2")
    assert panel.detail_labels["register"].text() == number
    assert not panel.detail_labels["register"].isHidden()


def test_a_projet_imported_from_a_file_is_recorded(qtbot, controller, dialogs, tmp_path):
    panel = make_panel(qtbot, controller, dialogs)
    panel.select("pt5")
    assert panel.text_button.isEnabled()
    source = tmp_path / "5 - parcelle.txt"
    source.write_text(PROJET, encoding="utf-8")
    dialogs.files.append(source)
    dialog = panel.ask_text()
    assert isinstance(dialog, ProjetTextDialog)
    assert not dialog.accept_button.isEnabled()  # nothing changed yet
    assert dialog.ask_file()
    assert dialogs.asked[-1][0] == "open_file" and "*.docx *.odt *.txt" in dialogs.asked[-1][2]
    text = dialog.text()
    assert text.articles == ("La parcelle AB 12 est acquise pour 15 000 euros.", "Le maire est autorisé à signer l'acte.")
    dialog.accept_button.click()
    projet = controller.state.act("pt5").projet
    assert projet == text
    assert controller.state.events[-1].type == "item.text_revised"
    assert "Article 2 : Le maire est autorisé à signer l'acte." in panel.detail_labels["projet"].text()


def test_an_unreadable_file_or_text_changes_nothing(qtbot, controller, dialogs, tmp_path):
    panel = make_panel(qtbot, controller, dialogs)
    panel.select("pt5")
    dialog = panel.ask_text()
    before = dialog.text()
    broken = tmp_path / "projet.docx"
    broken.write_bytes(b"PK\x03\x04 not really a document")
    assert not dialog.import_file(broken)
    kind, title, message = dialogs.asked[-1]
    assert (kind, title) == ("error", "Projet illisible") and "projet.docx" in message
    assert not dialog.fill_from_plain_text("")
    assert dialogs.asked[-1][:2] == ("error", "Texte non reconnu")
    assert dialog.text() == before
    assert not dialog.accept_button.isEnabled()


def test_a_pasted_projet_and_typed_articles(qtbot, controller, dialogs):
    panel = make_panel(qtbot, controller, dialogs)
    panel.select("pt6")
    dialog = panel.ask_text()
    assert dialog.fill_from_plain_text(PROJET)
    dialog.edits["articles"].setPlainText("Premier article.\n\nSecond article,\navec un second alinéa.")
    assert dialog.text().articles == ("Premier article.", "Second article,\navec un second alinéa.")
    dialog.accept_button.click()
    assert controller.state.act("pt6").projet.articles == ("Premier article.", "Second article,\navec un second alinéa.")


def test_revision_refused_once_the_vote_opened_with_the_engines_reason(qtbot, controller, dialogs):
    panel = make_panel(qtbot, controller, dialogs)
    assert controller.act("Fin de parole", lambda c: c.end_floor())
    assert controller.act("Vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS))
    panel.select("pt4")
    assert not panel.text_button.isEnabled()
    assert panel.text_button.toolTip().startswith("Le projet de délibération du point n° 4 ne peut plus être révisé")
    dialog = panel.ask_text()  # through its shortcut or a stale click: the dialog says the same
    dialog.edits["articles"].setPlainText("Autre chose.")
    assert not dialog.accept_button.isEnabled()
    assert dialog.problem.text() == panel.text_button.toolTip()


def test_projet_summary_without_text():
    assert projet_summary(None) == "Aucun projet de délibération"
