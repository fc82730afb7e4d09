"""The agenda sheet's « Sièges » and « Candidats » columns (issue 10): read for an election or a
désignation, refused in French with the line for any other item, a bad number, an unknown or
repeated member, a stray quote or a huge cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.files.prepare import PrepareError, read_agenda, read_roster
from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import ItemKind
from tests.fuzz.checks import assert_french_refusal

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"
HEADER = "N°;Objet;Nature;Sièges;Candidats\n"


def _read(tmp_path, lines: str):
    path = tmp_path / "odj.csv"
    path.write_text(HEADER + lines, encoding="utf-8")
    return read_agenda(path, read_roster(EXAMPLES / "membres.csv"))


def test_seats_and_candidates_of_a_designation_are_read(tmp_path):
    maire, designation = _read(tmp_path, "1;Élection du maire;élection du maire;;\n2;Syndicat des eaux;désignation;2;françois garnier / Aissatou N'Diaye\n")
    assert maire.seats is None and maire.candidacies == ()
    assert designation.kind is ItemKind.DESIGNATION_L2121_33 and designation.seats == 2
    assert designation.candidacies == (Candidacy(("m2",)), Candidacy(("m3",)))


@pytest.mark.parametrize(("line", "fragment"), [
    ("1;Budget;délibération;2;\n", "seul un point d'élection ou de désignation"),
    ("1;Syndicat;désignation;0;\n", "nombre de sièges invalide"),
    ("1;Syndicat;désignation;deux;\n", "nombre de sièges invalide"),
    ("1;Syndicat;désignation;" + "9" * 5000 + ";\n", "nombre de sièges invalide"),
    ("1;Syndicat;désignation;1;Inconnu DUPONTEL\n", "candidat inconnu"),
    ("1;Syndicat;désignation;2;françois garnier / GARNIER François\n", "figure deux fois"),
    ('1;Syndicat;désignation;1;"françois garnier\n', "ligne"),
    ("1;Syndicat;désignation;1;" + "x" * 200_000 + "\n", "ligne"),
])
def test_bad_cells_are_refused_in_french_with_their_line(tmp_path, line, fragment):
    with pytest.raises(PrepareError) as refused:
        _read(tmp_path, line)
    assert fragment in str(refused.value) and "ligne" in str(refused.value)
    assert_french_refusal(str(refused.value))


def test_an_invalid_byte_is_refused_in_french(tmp_path):
    path = tmp_path / "odj.csv"
    path.write_bytes((HEADER + "1;Syndicat;désignation;1;françois garnier\n").encode().replace("ç".encode(), b"\xe7", 1) + "2;Point;délibération;;\n".encode())
    with pytest.raises(PrepareError) as refused:
        read_agenda(path, read_roster(EXAMPLES / "membres.csv"))
    assert "ligne 2" in str(refused.value)
    assert_french_refusal(str(refused.value))


# ---------------------------------------------------------------------- lists (adjoints, commissions)
LISTS_HEADER = "N°;Objet;Nature;Sièges;Candidats;Listes\n"


def _read_lists(tmp_path, lines: str):
    path = tmp_path / "odj.csv"
    path.write_text(LISTS_HEADER + lines, encoding="utf-8")
    return read_agenda(path, read_roster(EXAMPLES / "membres.csv"))


def test_lists_of_adjoints_are_read_in_their_order(tmp_path):
    (adjoints,) = _read_lists(
        tmp_path,
        "3;Élection des adjoints;élection des adjoints;4;;Ensemble : N'Diaye Aïssatou / GARNIER François / Élodie CHÂTEAU / Théo BENOÎT"
        " | Demain : Cécile MARTIN / Jean-Pierre ROUSSEAU\n",
    )
    assert adjoints.kind is ItemKind.ELECTION_BUREAU and adjoints.seats == 4
    assert adjoints.candidacies == (Candidacy(("m3", "m2", "m5", "m6"), "Ensemble"), Candidacy(("m7", "m4"), "Demain"))


@pytest.mark.parametrize(("cells", "fragment"), [
    (";Ensemble : N'Diaye Aïssatou / Élodie CHÂTEAU", "n'alterne pas strictement les sexes"),
    (";Ensemble N'Diaye Aïssatou / GARNIER François", "mal écrite"),
    (";  : N'Diaye Aïssatou / GARNIER François", "mal écrite"),
    (";" + "L" * 300 + " : N'Diaye Aïssatou", "mal écrite"),
    (";Ensemble : N'Diaye Aïssatou | Ensemble : GARNIER François", "figure deux fois"),
    (";A : N'Diaye Aïssatou / GARNIER François | B : GARNIER François", "figure deux fois"),
    (";A : Inconnu DUPONTEL", "candidat inconnu"),
    (";A : ", "ne nomme aucun candidat"),
    (";|", "sans liste lisible"),
    ("GARNIER François;A : N'Diaye Aïssatou", "pas les deux"),
    (';"A : N\'Diaye Aïssatou', "ligne"),
    (";A : " + "x" * 200_000, "ligne"),
])
def test_bad_lists_are_refused_in_french_with_their_line(tmp_path, cells, fragment):
    with pytest.raises(PrepareError) as refused:
        _read_lists(tmp_path, f"3;Élection des adjoints;élection des adjoints;4;{cells}\n")
    assert fragment in str(refused.value) and "ligne" in str(refused.value)
    assert_french_refusal(str(refused.value))


def test_a_commission_list_need_not_alternate_and_a_deliberation_has_no_list(tmp_path):
    (commission,) = _read_lists(tmp_path, "5;Commission des finances;désignation;2;;Ensemble : N'Diaye Aïssatou / Élodie CHÂTEAU\n")
    assert commission.candidacies == (Candidacy(("m3", "m5"), "Ensemble"),)
    with pytest.raises(PrepareError) as refused:
        _read_lists(tmp_path, "5;Budget;délibération;;;Ensemble : N'Diaye Aïssatou\n")
    assert "seul un point d'élection ou de désignation" in str(refused.value)


def test_a_list_with_an_invalid_byte_is_refused_in_french(tmp_path):
    path = tmp_path / "odj.csv"
    line = "3;Élection des adjoints;élection des adjoints;2;;A : GARNIER François / N'Diaye Aïssatou\n"
    path.write_bytes(LISTS_HEADER.encode() + line.encode().replace("ç".encode(), b"\xe7", 1))
    with pytest.raises(PrepareError) as refused:
        read_agenda(path, read_roster(EXAMPLES / "membres.csv"))
    assert "ligne 2" in str(refused.value)
    assert_french_refusal(str(refused.value))
