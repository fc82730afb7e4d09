"""`prepare` attaches each item's projet de délibération (the agenda's « Texte » column, or a folder of
files named by item number) and its @ctes nature and matière."""

from __future__ import annotations

import shutil
from datetime import date, time
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.files.prepare import PrepareError, prepare_session, read_agenda
from seance_desk.files.prepare.texts import folder_item_number
from seance_desk.files.session_file import read_session_file
from seance_desk.models.act_text import ActeNature
from seance_desk.models.enums import BodyKind

from tests.prepare.documents import EXAMPLES, TARIFS, make_docx, make_odt
from tests.prepare.test_prepare import ROSTER, SETTINGS, _write

PROJET = ["Vu le code ;", "Considérant l'intérêt local ;", "DÉCIDE :", "Article 1er : Adopté."]
AGENDA = """N°;Objet;Nature;Nature de l'acte;Matière;Texte
1;Approbation du procès-verbal;;1;5.2;
2;Budget primitif 2027;BP;BF;7,1;projets/budget.docx
3;Tarifs;;délibération;7.10;
"""


def _prepare(folder: Path, agenda: str = AGENDA, texts: Path | None = None):
    return prepare_session(
        _write(folder / "membres.csv", ROSTER), _write(folder / "odj.csv", agenda), kind=BodyKind.COMMUNE,
        name="Commune de Villeneuve", population=500, session_date=date(2026, 12, 18), start_time=time(18, 30), places=["Salle du conseil"],
        texts_folder=texts,
    )


def _text_warnings(prepared) -> tuple[str, ...]:
    return tuple(w for w in prepared.warnings if not w.startswith("le tableau compte"))  # five councillors: the council's size is warned of too


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "projets").mkdir()
    (tmp_path / "projets" / "budget.docx").write_bytes(make_docx(PROJET))
    return tmp_path


def test_columns_give_each_item_its_nature_matiere_and_text(folder):
    prepared = _prepare(folder)
    first, budget, tarifs = prepared.setup.agenda
    assert (first.nature, first.matiere, first.text) == (ActeNature.DELIBERATION, "5.2", None)
    assert (budget.nature, budget.matiere) == (ActeNature.BUDGETAIRE, "7.1")  # « 7,1 » as a French spreadsheet writes it
    assert budget.text is not None and budget.text.articles == ("Adopté.",)
    assert (tarifs.nature, tarifs.matiere) == (ActeNature.DELIBERATION, "7.10")
    assert _text_warnings(prepared) == ()


def test_a_folder_of_projets_named_by_number(folder):
    texts = folder / "textes"
    texts.mkdir()
    (texts / "03 - Tarifs.odt").write_bytes(make_odt(PROJET))
    (texts / "point-1.txt").write_bytes(TARIFS.encode("cp1252"))
    (texts / "~$03 - Tarifs.odt").write_bytes(b"lock")  # Word's lock file: not the clerk's
    (texts / "annexe.pdf").write_bytes(b"%PDF")
    (texts / "Budget.docx").write_bytes(make_docx(PROJET))
    (texts / "9.docx").write_bytes(make_docx(PROJET))
    prepared = _prepare(folder, texts=texts)
    first, _, tarifs = prepared.setup.agenda
    assert first.text is not None and first.text.visas[0].startswith("Vu le code général")
    assert tarifs.text is not None and tarifs.text.considerants == ("Considérant l'intérêt local",)
    assert _text_warnings(prepared) == (
        "textes/9.docx : ignoré, l'ordre du jour n'a pas de point n° 9",
        "textes/Budget.docx : ignoré, son nom ne commence pas par un numéro de point (« 3.docx », « 03 - Budget.odt » ou « point-3.txt »)",
        "textes/annexe.pdf : ignoré (seuls les fichiers .docx, .odt et .txt sont lus)",
    )


@pytest.mark.parametrize(
    ("name", "number"),
    [("3.docx", 3), ("03 - Budget.odt", 3), ("point-3.txt", 3), ("Point n° 12 - Tarifs.docx", 12), ("pt_7.odt", 7),
     ("délibération 4.docx", 4), ("Budget 3.docx", None), ("sans numéro.txt", None), ("2026-045.docx", 2026)],
)
def test_folder_file_names(name, number):
    assert folder_item_number(name) == number


def test_two_projets_for_one_item_are_a_problem_and_nothing_is_prepared(folder):
    texts = folder / "textes"
    texts.mkdir()
    (texts / "2.docx").write_bytes(make_docx(PROJET))  # item 2 already has its cell
    (texts / "3.docx").write_bytes(make_docx(PROJET))
    (texts / "03 - Tarifs.odt").write_bytes(make_odt(PROJET))
    with pytest.raises(PrepareError) as caught:
        _prepare(folder, texts=texts)
    assert caught.value.problems == [
        "textes : plusieurs projets pour le point n° 3 (« 03 - Tarifs.odt », « 3.docx ») : gardez-en un seul",
        "point n° 2 : deux projets, projets/budget.docx (colonne « Texte », ligne 3) et textes/2.docx : gardez-en un seul",
    ]


def test_bad_cells_and_unreadable_projets_are_listed_with_their_file_and_line(folder):
    (folder / "projets" / "abime.docx").write_bytes(b"PK\x03\x04 tronque")
    agenda = """N°;Objet;Nature de l'acte;Matière;Projet
1;Procès-verbal;DE;52;
2;Budget;compte administratif;7.1;projets/abime.docx
3;Tarifs;7;;projets/absent.odt
4;Subventions;;;projets
"""
    with pytest.raises(PrepareError) as caught:
        _prepare(folder, agenda)
    problems = caught.value.problems
    assert problems[:3] == [
        "odj.csv, ligne 2 : matière @ctes « 52 » invalide : au moins deux niveaux attendus, par exemple 5.2 ou 7.1",
        "odj.csv, ligne 3 : nature de l'acte inconnue « compte administratif » (attendu : 1 à 6, ou délibération (DE), réglementaire (AR), "
        "individuel (AI), contrat (CC), budgétaire (BF), autre (AU)) ; la nature du point (compte administratif, désignation…) va dans la colonne « Nature »",
        "odj.csv, ligne 4 : nature de l'acte inconnue « 7 » (attendu : 1 à 6, ou délibération (DE), réglementaire (AR), individuel (AI), "
        "contrat (CC), budgétaire (BF), autre (AU))",
    ]
    assert problems[3:] == ["odj.csv, ligne 5 : projets : c'est un dossier, pas un fichier"]


def test_an_unreadable_projet_in_a_cell_names_the_agenda_line(folder):
    (folder / "projets" / "abime.docx").write_bytes(b"PK\x03\x04 tronque")
    agenda = "N°;Objet;Texte\n1;Budget;projets/abime.docx\n2;Tarifs;projets/absent.odt\n"
    with pytest.raises(PrepareError) as caught:
        _prepare(folder, agenda)
    assert caught.value.problems == [
        "odj.csv, ligne 2 : projets/abime.docx : document abîmé (archive illisible, peut-être tronquée) : enregistrez-le de nouveau depuis le traitement de texte",
        "odj.csv, ligne 3 : projets/absent.odt : fichier introuvable",
    ]


def test_a_missing_texts_folder_is_a_problem(folder):
    with pytest.raises(PrepareError, match="dossier des textes introuvable"):
        _prepare(folder, texts=folder / "nulle-part")


def test_an_incomplete_projet_is_a_warning_not_a_refusal(folder):
    (folder / "projets" / "budget.docx").write_bytes(make_docx(["Rapport", "Considérant la situation ;"]))
    prepared = _prepare(folder)
    assert _text_warnings(prepared) == (
        "odj.csv, ligne 3 : projets/budget.docx : projet incomplet, aucun visa (« Vu … ») : complétez-le avant le vote",
        "odj.csv, ligne 3 : projets/budget.docx : projet incomplet, aucun article après « DÉCIDE : » : complétez-le avant le vote",
    )


def test_read_agenda_reads_the_texts_too(folder):
    items = read_agenda(_write(folder / "odj.csv", AGENDA))
    assert items[1].text is not None and items[0].text is None


def test_the_documented_example_with_its_texts_folder_through_the_command(tmp_path, capsys):
    out = tmp_path / "seance.json"
    code = main([
        "prepare", "--roster", str(EXAMPLES / "membres.csv"), "--agenda", str(EXAMPLES / "ordre-du-jour.csv"), "--out", str(out),
        "--textes", str(EXAMPLES / "textes"), *SETTINGS, "--convocation-sent", "2026-12-01",
    ])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Lu : 7 membres dans membres.csv, 6 points dans ordre-du-jour.csv, 3 projets de délibération." in captured.out
    agenda = read_session_file(out).setup.agenda
    assert [item.number for item in agenda if item.text] == [3, 5, 6]
    assert [(item.nature, item.matiere) for item in agenda][:3] == [(ActeNature.DELIBERATION, "5.2"), (ActeNature.BUDGETAIRE, "7.1"), (ActeNature.BUDGETAIRE, "7.1")]
    budget = agenda[2].text
    assert budget is not None and budget.articles[0].startswith("Le budget primitif 2027 du budget principal est adopté")


def test_a_refused_texts_folder_through_the_command_writes_nothing(tmp_path, capsys):
    texts = tmp_path / "textes"
    shutil.copytree(EXAMPLES / "textes", texts)
    (texts / "3.txt").write_bytes(b"Bonjour")
    out = tmp_path / "seance.json"
    code = main([
        "prepare", "--roster", str(EXAMPLES / "membres.csv"), "--agenda", str(EXAMPLES / "ordre-du-jour.csv"), "--out", str(out),
        "--textes", str(texts), *SETTINGS,
    ])
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err
    assert "plusieurs projets pour le point n° 3" in err and "aucun fichier de séance n'a été écrit" in err
