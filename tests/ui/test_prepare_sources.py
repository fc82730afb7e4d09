"""« Préparer une séance » : the folder of projets de délibération and the PV to approve, chosen in
the window as the command line's `--textes` and `--approuver-pv-seance N` give them."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from seance_desk.models.enums import BodyKind, ItemKind
from seance_desk.models.pv_approval import PvReference
from seance_desk.ui.dialogs.prepare_dialog import PrepareDialog
from seance_desk.ui.dialogs.prepare_sources import NO_PV
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from tests.helpers import make_setup
from tests.prepare.test_prepare import ROSTER, _write
from tests.prepare.test_prepare_pv_approval import FIRST_DAY, NAME, NEXT_DAY, PLAIN, first_session

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"


def _dialog(qtbot, store=None, dialogs=None) -> PrepareDialog:
    dialog = PrepareDialog(dialogs or ScriptedDialogs(), today=date(2026, 12, 1), store=store)
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog: PrepareDialog, tmp_path: Path, agenda: str = PLAIN, name: str = NAME) -> None:
    dialog.set_roster(_write(tmp_path / "membres.csv", ROSTER))
    dialog.set_agenda(_write(tmp_path / "odj.csv", agenda))
    dialog.set_kind(BodyKind.COMMUNE)
    dialog.name_edit.setText(name)
    dialog.population_spin.setValue(1200)
    dialog.set_date(NEXT_DAY)
    dialog.set_time(time(18, 30))
    dialog.places_edit.setText("Mairie")


def test_the_texts_folder_is_chosen_and_its_warnings_shown_like_the_others(qtbot, tmp_path):
    folder = tmp_path / "textes"
    folder.mkdir()
    (folder / "2.txt").write_text("Le conseil municipal,\n\nDÉLIBÈRE :\n\nArticle 1 : les tarifs sont fixés.\n", encoding="utf-8")
    (folder / "9 - Inconnu.txt").write_text("Article 1 : rien.\n", encoding="utf-8")
    dialogs = ScriptedDialogs(directories=[folder])
    dialog = _dialog(qtbot, dialogs=dialogs)
    _fill(dialog, tmp_path)
    assert dialog.check()
    assert dialog.sources.choose_texts_folder()
    assert dialogs.asked[-1][:2] == ("choose_directory", "Dossier des projets de délibération")
    assert dialog.sources.texts_edit.text() == str(folder)
    assert not dialog.accept_button.isEnabled()  # a new source asks for a new check
    assert dialog.check()
    report = dialog.report.toPlainText()
    assert "textes/9 - Inconnu.txt : ignoré, l'ordre du jour n'a pas de point n° 9" in report
    item = next(i for i in dialog.prepared.setup.agenda if i.number == 2)
    assert item.text is not None and any("les tarifs sont fixés" in a for a in item.text.articles)
    dialog.sources.set_texts_folder(None)  # « Retirer »
    assert dialog.check() and next(i for i in dialog.prepared.setup.agenda if i.number == 2).text is None


def test_a_missing_texts_folder_is_a_problem_and_nothing_is_prepared(qtbot, tmp_path):
    dialog = _dialog(qtbot)
    _fill(dialog, tmp_path)
    dialog.sources.set_texts_folder(tmp_path / "absent")
    assert not dialog.check()
    assert "dossier des textes introuvable" in dialog.report.toPlainText()
    assert dialog.prepared is None and not dialog.accept_button.isEnabled()


def test_the_most_recent_pending_pv_of_the_assembly_is_preselected_and_linked(qtbot, store, tmp_path):
    older = first_session(store)
    dialog = _dialog(qtbot, store)
    combo = dialog.sources.pv_combo
    assert combo.count() == 1 and combo.currentText() == NO_PV and not combo.isEnabled()  # no name typed yet
    _fill(dialog, tmp_path)
    assert combo.count() == 2 and combo.currentData() == older
    assert "vendredi 20 novembre 2026" in combo.currentText()
    assert dialog.check()
    agenda = dialog.prepared.setup.agenda
    assert agenda[0].kind is ItemKind.APPROBATION_PV
    assert agenda[0].approves == PvReference(FIRST_DAY, make_setup(FIRST_DAY).id)
    assert dialog.prepared.assembly.id == "a"  # S+1's vote finds S by its assembly
    assert "Point n° 1 ajouté en tête de l'ordre du jour" in dialog.report.toPlainText()

    # « aucun » is allowed, and stays chosen when the list is filled again.
    assert dialog.sources.set_approved(None)
    assert dialog.check() and all(i.kind is not ItemKind.APPROBATION_PV for i in dialog.prepared.setup.agenda)
    dialog.places_edit.setText("Salle du conseil")
    dialog.set_date(date(2026, 12, 17))
    assert combo.currentData() is None


def test_only_the_same_assemblys_earlier_pending_pvs_are_offered(qtbot, store, tmp_path):
    first_session(store)
    open_one = first_session(store, close=False)  # not levée: nothing to approve yet
    dialog = _dialog(qtbot, store)
    _fill(dialog, tmp_path, name="Commune de Villeneuve")
    assert dialog.sources.pv_combo.count() == 1  # another assembly's PV is arrêté by that assembly
    dialog.name_edit.setText(NAME.upper())  # any case
    assert dialog.sources.pv_combo.count() == 2
    assert not dialog.sources.set_approved(open_one)
    dialog.set_date(FIRST_DAY)  # the session to approve must precede this one
    assert dialog.sources.pv_combo.count() == 1 and dialog.sources.approves() == []
