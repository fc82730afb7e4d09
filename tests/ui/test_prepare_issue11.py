"""« Préparer une séance », issue 11 § 12 and the règlement's result_names: a council far smaller
than the law's is warned about in a banner, a missing convocation date is warned about, the file
fields take a typed or pasted path (checked on « Vérifier »), and « Noms dans les résultats » goes
into the assembly's règlement."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from seance_desk.models.enums import BodyKind, ResultNames
from seance_desk.ui.dialogs.prepare_dialog import NO_CONVOCATION_DATE, PrepareDialog
from seance_desk.ui.shell.colors import warning_color
from seance_desk.ui.shell.dialogs import ScriptedDialogs

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
ROSTER = EXAMPLES / "membres.csv"
AGENDA = EXAMPLES / "ordre-du-jour.csv"


def _dialog(qtbot) -> PrepareDialog:
    dialog = PrepareDialog(ScriptedDialogs(), today=date(2026, 11, 25))
    qtbot.addWidget(dialog)
    return dialog


def _settings(dialog: PrepareDialog, population: int = 4200) -> None:
    dialog.set_kind(BodyKind.COMMUNE)
    dialog.name_edit.setText("Commune de Villeneuve")
    dialog.population_spin.setValue(population)
    dialog.set_date(date(2026, 12, 10))
    dialog.set_time(time(18, 30))
    dialog.places_edit.setText("Salle du conseil")


def _typed(qtbot, dialog: PrepareDialog, roster: object = ROSTER, agenda: object = AGENDA) -> None:
    """The paths typed in the fields, as a clerk does (keys, not the « Choisir… » buttons)."""
    for edit, text in ((dialog.roster_edit, str(roster)), (dialog.agenda_edit, str(agenda))):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_seven_members_for_12000_inhabitants_are_warned_in_a_banner(qtbot):
    dialog = _dialog(qtbot)
    dialog.show()
    _typed(qtbot, dialog)
    _settings(dialog, population=12_000)
    dialog.law.set_convocation_sent(date(2026, 12, 1))
    assert dialog.check()  # a warning, never a refusal: seats may be vacant
    banner = dialog.warnings_banner
    assert banner.isVisible()
    assert "le tableau compte 7 membres" in banner.text() and "33 conseillers municipaux (art. L2121-2 CGCT)" in banner.text()
    assert warning_color(banner.palette()).name() in banner.styleSheet() and "bold" in banner.styleSheet()
    report = dialog.report.toPlainText()
    assert report.startswith("Vérification réussie : 7 membres, 6 points à l'ordre du jour.")
    assert "avertissement" in report.splitlines()[0] and "à lire avant de créer la séance" in report.splitlines()[0]
    assert dialog.accept_button.isEnabled()
    # A change hides the banner with the check it belonged to.
    dialog.population_spin.setValue(4_200)
    assert not banner.isVisible() and not dialog.accept_button.isEnabled()


def test_a_council_of_the_legal_size_with_its_convocation_date_has_no_banner(qtbot, tmp_path):
    roster = tmp_path / "membres.csv"
    roster.write_text(
        "Civilité;Nom;Prénom;Fonction\n" + "Mme;LEFÈVRE;Hélène;maire\n"
        + "".join(f"M.;MEMBRE{i};Jean;\n" for i in range(2, 16)),
        encoding="utf-8",
    )
    agenda = tmp_path / "odj.csv"
    agenda.write_text("N°;Objet\n1;Budget primitif 2027\n", encoding="utf-8")
    dialog = _dialog(qtbot)
    dialog.show()
    _typed(qtbot, dialog, roster=roster, agenda=agenda)
    _settings(dialog, population=700)  # 15 seats under 1,000 inhabitants
    dialog.law.set_convocation_sent(date(2026, 12, 1))
    assert dialog.check(), dialog.report.toPlainText()
    assert "Avertissement" not in dialog.report.toPlainText()
    assert dialog.report.toPlainText().splitlines()[0] == "Vérification réussie : 15 membres, 1 point à l'ordre du jour."
    assert not dialog.warnings_banner.isVisible()


def test_a_missing_convocation_date_is_warned_and_goes_once_the_date_is_given(qtbot):
    dialog = _dialog(qtbot)
    dialog.show()
    _typed(qtbot, dialog)
    _settings(dialog)
    assert not dialog.law.convocation_check.isChecked()
    assert dialog.check()
    assert f"Avertissement : {NO_CONVOCATION_DATE}" in dialog.report.toPlainText()
    assert "ne peut pas être vérifié" in dialog.warnings_banner.text()
    # The latest legal sending date is still said.
    assert "envoi au plus tard le" in dialog.report.toPlainText()
    assert dialog.accept_button.isEnabled()

    dialog.law.set_convocation_sent(date(2026, 12, 1))
    assert dialog.check()
    assert NO_CONVOCATION_DATE not in dialog.report.toPlainText()
    assert "ne peut pas être vérifié" not in dialog.warnings_banner.text()


def test_typed_paths_are_read_on_check_and_fill_the_chair(qtbot):
    dialog = _dialog(qtbot)
    assert not dialog.roster_edit.isReadOnly() and not dialog.agenda_edit.isReadOnly()
    assert not dialog.sources.texts_edit.isReadOnly()
    # Pasted from Windows' « Copier en tant que chemin », with its quotes.
    _typed(qtbot, dialog, roster=f'"{ROSTER}"', agenda=f"  {AGENDA}  ")
    _settings(dialog)
    assert dialog.chair_combo.count() == 0  # not read while typing
    assert dialog.check()
    assert dialog.roster_path == ROSTER and dialog.agenda_path == AGENDA
    assert dialog.chair_combo.count() == 7 and dialog.chair_combo.currentData() == "m1"
    assert dialog.prepared is not None and len(dialog.prepared.assembly.members) == 7
    # Typing again asks for a new check.
    qtbot.keyClicks(dialog.agenda_edit, "x")
    assert not dialog.accept_button.isEnabled() and dialog.prepared is None


@pytest.mark.parametrize(
    ("roster", "agenda", "expected"),
    [
        ("absent.csv", AGENDA, "la liste des membres : fichier introuvable « {tmp}/absent.csv »"),
        (ROSTER, "{tmp}", "l'ordre du jour : « {tmp} » est un dossier ; indiquez le fichier CSV"),
        ("", AGENDA, "choisissez la liste des membres (membres.csv)"),
    ],
)
def test_a_typed_path_that_is_no_file_is_a_french_problem_and_nothing_is_prepared(qtbot, tmp_path, roster, agenda, expected):
    dialog = _dialog(qtbot)
    roster = tmp_path / roster if roster and not Path(roster).is_absolute() else roster
    _typed(qtbot, dialog, roster=roster, agenda=str(agenda).format(tmp=tmp_path))
    _settings(dialog)
    assert not dialog.check()
    text = dialog.report.toPlainText()
    assert expected.format(tmp=tmp_path) in text and "rien n'a été créé" in text
    assert dialog.prepared is None and not dialog.accept_button.isEnabled()
    assert not dialog.warnings_banner.isVisible()


def test_a_typed_texts_folder_is_used_and_a_wrong_one_refused(qtbot, tmp_path):
    folder = tmp_path / "textes"
    folder.mkdir()
    (folder / "2.txt").write_text("Vu le code général des collectivités territoriales,\nDÉCIDE :\nArticle 1er : adopté.\n", encoding="utf-8")
    dialog = _dialog(qtbot)
    _typed(qtbot, dialog)
    _settings(dialog)
    qtbot.keyClicks(dialog.sources.texts_edit, str(tmp_path / "absent"))
    assert dialog.sources.texts_clear.isEnabled()
    assert not dialog.check()
    assert "dossier des textes introuvable" in dialog.report.toPlainText()

    dialog.sources.texts_edit.clear()
    qtbot.keyClicks(dialog.sources.texts_edit, str(folder))
    assert dialog.check()
    assert dialog.sources.texts_folder == folder
    assert dialog.prepared.setup.agenda[1].text is not None


@pytest.mark.parametrize("choice", list(ResultNames))
def test_result_names_are_chosen_in_french_and_go_into_the_reglement(qtbot, choice):
    dialog = _dialog(qtbot)
    labels = [dialog.law.result_names_combo.itemText(i) for i in range(dialog.law.result_names_combo.count())]
    assert labels == ["contre, abstentions et ne prend pas part", "tous les votants", "aucun nom hors scrutin public"]
    assert dialog.law.result_names_combo.currentData() == ResultNames.OPPOSANTS.value  # the règlement's default
    _typed(qtbot, dialog)
    _settings(dialog)
    assert dialog.check()
    dialog.law.set_result_names(choice)
    if choice is not ResultNames.OPPOSANTS:
        assert dialog.prepared is None  # a change asks for a new check
    assert dialog.check()
    assert dialog.prepared.assembly.reglement.result_names is choice
